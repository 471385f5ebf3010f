"""Platform-wide parameters with their defaults from DOMAIN.md.

They belong to domains whose packages do not exist yet (surveys, proposals, acts); when such a package
arrives, its ``define`` calls move there unchanged (same key, so stored values keep working).
The acts stage catalogue is its own table (a later issue), not parameters here.
"""

from app.parameters.registry import define

HOURS = ("час", "часа", "часов")
WORKING_DAYS = ("рабочий день", "рабочих дня", "рабочих дней")
PEOPLE = ("респондент", "респондента", "респондентов")
TIMES = ("раз", "раза", "раз")

define(
    "service.acknowledgement_hours",
    "Срок подтверждения получения обращения",
    "int",
    24,
    min=1,
    max=240,
    unit=HOURS,
    coordinator_editable=True,
    section="Стандарты обслуживания",
    help="Концепция клиентоцентричности: получение письменного обращения подтверждается в течение 24 часов.",
)
define(
    "proposals.answer_deadline_days",
    "Срок ответа на предложение",
    "int",
    15,
    min=1,
    max=120,
    unit=WORKING_DAYS,
    section="Предложения",
    help="Автор предложения получает ответ не позднее этого срока (по производственному календарю).",
)
define(
    "proposals.max_handoffs",
    "Допустимое число передач предложения другому рассматривающему",
    "int",
    2,
    min=0,
    max=10,
    unit=TIMES,
    section="Предложения",
    help="Не более двух передач другому лицу для решения одного вопроса; затем — эскалация в офис предложений.",
)
define(
    "surveys.min_group_size",
    "Минимальная группа для показа результатов опроса",
    "int",
    5,
    min=3,
    max=100,
    unit=PEOPLE,
    section="Опросы",
    help="Результаты группы показываются, только если ответили не меньше этого числа людей; не меньше 3.",
)
define(
    "surveys.min_comment_group_size",
    "Минимальная группа для показа комментариев",
    "int",
    10,
    min=3,
    max=200,
    unit=PEOPLE,
    section="Опросы",
    help="Свободные комментарии группы показываются, только если ответили не меньше этого числа людей.",
)
