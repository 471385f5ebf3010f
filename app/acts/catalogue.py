"""The stage catalogue: who acts, how long a stage takes by default, in which days, on what basis.

DOMAIN.md §3 gives the defaults; most are domain parameters that coordinators edit (``setting=True``),
a few are fixed by a law (``setting=False``) and may still need checking against the current text.
The catalogue is data: a later step stores it in the database, versioned, and every function that needs
a duration takes a ``Catalogue`` argument instead of reading a module global, so an edit takes effect
without a release. ``default_catalogue()`` returns a fresh copy of the defaults (for seeding and tests).

Figures that DOMAIN.md leaves open are marked as settings with a note; they are our choice:
- ОРВ by degree — public discussion with ОРВ 30 / 20 / 15 calendar days (high / medium / low) and the
  conclusion of Минэкономразвития 20 / 15 / 10 working days (Правила ОРВ, ПП РФ № 1318);
- the Government and federal-law stages: legal expertise of Минюст 10 working days, submission to the
  Government 5 working days, consideration by the Government 30 calendar days, submission to the State
  Duma 30 calendar days (Регламент Правительства, ПП РФ № 260);
- state registration may be extended by 15 working days (ПП РФ № 1009; check the current text);
- an order without state registration is in force from signing (0 days) unless it sets a date;
- ``loop_rate``: the share of returns from a stage that the expected plan assumes while the history of
  completed acts is too thin to learn it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

from app.acts.stages import ActKind, DayUnit, RiaDegree, Stage

WD, CD = DayUnit.WORKING, DayUnit.CALENDAR


@dataclass(frozen=True)
class StageSpec:
    """One row of the catalogue.

    ``duration`` is the default term in ``unit`` days; ``by_ria_degree`` and ``by_kind`` refine it for an
    act's degree of regulatory impact or kind. ``minimum`` means the law sets a minimum term, so no plan
    uses less even when history says stages went faster. ``extension`` is how much the term may be
    extended (state registration). ``external`` stages are done outside the ministry or on a public site
    and are moved by the coordinator.
    """

    code: Stage
    label: str
    actor: str
    duration: int
    unit: DayUnit
    basis: str
    external: bool = False
    setting: bool = True
    minimum: bool = False
    extension: int = 0
    by_ria_degree: Mapping[RiaDegree, int] = field(default_factory=dict)
    by_kind: Mapping[ActKind, int] = field(default_factory=dict)
    loop_rate: float = 0.0
    note: str = ""

    def duration_for(self, kind: ActKind, ria_degree: RiaDegree | None = None) -> int:
        """The default term for an act of ``kind``; ``ria_degree`` only when the act goes through ОРВ."""
        if ria_degree is not None and ria_degree in self.by_ria_degree:
            return self.by_ria_degree[ria_degree]
        return self.by_kind.get(kind, self.duration)


Catalogue = Mapping[Stage, StageSpec]


def _spec(code: Stage, actor: str, duration: int, unit: DayUnit, basis: str, **more) -> StageSpec:
    return StageSpec(code=code, label=code.label, actor=actor, duration=duration, unit=unit, basis=basis,
                     **more)


_DEFAULTS: tuple[StageSpec, ...] = (
    _spec(Stage.PLANNED, "Координатор", 0, CD, "План-график министерства",
          note="Проект включён в план; разработка начинается сразу, если не задано иное."),
    _spec(Stage.DRAFTING, "Департамент исполнителя", 20, WD, "Внутренний план министерства"),
    _spec(Stage.NOTICE, "Координатор", 15, CD, "ПП РФ № 851", external=True, setting=False, minimum=True,
          note="Обсуждение уведомления на regulation.gov.ru — не менее 15 календарных дней."),
    _spec(Stage.INTERNAL_APPROVAL, "Каждый указанный департамент, параллельно", 5, WD,
          "Регламент министерства", loop_rate=0.3,
          note="Срок — для каждого департамента, все работают параллельно."),
    _spec(Stage.LEGAL_REVIEW, "Правовой департамент", 10, WD,
          "ПП РФ № 96; регламент министерства", loop_rate=0.2,
          note="Включая антикоррупционную экспертизу."),
    _spec(Stage.PUBLIC_DISCUSSION, "Координатор", 15, CD,
          "ПП РФ № 851, ПП РФ № 96; с ОРВ — Правила ОРВ, ПП РФ № 1318",
          external=True, minimum=True,
          by_ria_degree={RiaDegree.HIGH: 30, RiaDegree.MEDIUM: 20, RiaDegree.LOW: 15},
          note="Не менее 15 календарных дней (ПП № 851); сроки по степени ОРВ — настройка, "
               "сверьте с Правилами ОРВ. Независимая антикоррупционная экспертиза идёт одновременно."),
    _spec(Stage.RIA, "Минэкономразвития России", 20, WD, "Правила ОРВ, ПП РФ № 1318", external=True,
          by_ria_degree={RiaDegree.HIGH: 20, RiaDegree.MEDIUM: 15, RiaDegree.LOW: 10},
          note="Заключение об ОРВ; срок по степени регулирующего воздействия — настройка, "
               "сверьте с Правилами ОРВ."),
    _spec(Stage.REVISION, "Исполнитель", 10, WD, "Регламент министерства (сводка предложений)", loop_rate=0.1,
          note="Доля возвратов — повторное общественное обсуждение."),
    _spec(Stage.INTERAGENCY, "Федеральные органы исполнительной власти, параллельно", 10, WD,
          "Регламент Правительства (ПП РФ № 260)", external=True, loop_rate=0.3,
          note="Разногласия — в таблицу разногласий, совещание, доработка."),
    _spec(Stage.SIGNING, "Министр или заместитель министра", 5, WD, "Регламент министерства"),
    _spec(Stage.SENDING_TO_JUSTICE, "Координатор", 10, WD, "ПП РФ № 1009",
          note="Не позднее 10 рабочих дней со дня подписания."),
    _spec(Stage.REGISTRATION, "Минюст России", 15, WD, "ПП РФ № 1009", external=True, extension=15,
          loop_rate=0.2,
          note="Срок может быть продлён; сверьте сроки с действующей редакцией ПП № 1009."),
    _spec(Stage.PUBLICATION, "Координатор", 10, CD, "Указ Президента РФ № 763", external=True, setting=False,
          note="В течение 10 дней после государственной регистрации; "
               "акты с ограниченным доступом не публикуются."),
    _spec(Stage.IN_FORCE, "—", 10, CD, "Указ Президента РФ № 763; 247-ФЗ", setting=False,
          by_kind={ActKind.GOVERNMENT_RESOLUTION: 7, ActKind.ORDER_WITHOUT_REGISTRATION: 0},
          note="По истечении 10 дней после опубликования (акты Правительства — 7 дней), "
               "если акт не устанавливает иную дату; с обязательными требованиями — 1 марта "
               "или 1 сентября, не ранее 90 дней; приказ без регистрации — со дня подписания (настройка)."),
    _spec(Stage.JUSTICE_EXPERTISE, "Минюст России", 10, WD, "Регламент Правительства (ПП РФ № 260)",
          external=True, loop_rate=0.2, note="Срок — настройка; сверьте с Регламентом Правительства."),
    _spec(Stage.GOVERNMENT_SUBMISSION, "Координатор", 5, WD, "Регламент Правительства (ПП РФ № 260)",
          note="Срок — настройка."),
    _spec(Stage.ADOPTION, "Правительство Российской Федерации", 30, CD,
          "Регламент Правительства (ПП РФ № 260)",
          external=True, note="Срок — настройка."),
    _spec(Stage.DUMA_SUBMISSION, "Правительство Российской Федерации", 30, CD,
          "Регламент Правительства (ПП РФ № 260); ст. 104 Конституции РФ", external=True,
          note="Отслеживается как один внешний этап; срок — настройка."),
)


def default_catalogue() -> dict[Stage, StageSpec]:
    """The defaults of DOMAIN.md §3, a fresh dict each call (callers may edit their copy)."""
    return {spec.code: spec for spec in _DEFAULTS}


def with_changes(catalogue: Catalogue, stage: Stage, **changes) -> dict[Stage, StageSpec]:
    """A copy of ``catalogue`` with one row changed (an administrator's edit, a test's variant)."""
    copy = dict(catalogue)
    copy[stage] = dataclasses.replace(copy[stage], **changes)
    return copy


def catalogue_problems(catalogue: Catalogue) -> list[str]:
    """What is wrong with an edited catalogue, in Russian; empty when it can be used."""
    problems = [f"В каталоге нет этапа «{stage.label}»" for stage in Stage if stage not in catalogue]
    for code, spec in catalogue.items():
        name = f"«{spec.label}»"
        if spec.code != code:
            problems.append(f"Этап {name} записан под чужим кодом {code}")
        terms = [spec.duration, spec.extension, *spec.by_ria_degree.values(), *spec.by_kind.values()]
        if any(term < 0 for term in terms):
            problems.append(f"Срок этапа {name} не может быть отрицательным")
        if not 0.0 <= spec.loop_rate <= 1.0:
            problems.append(f"Доля возвратов с этапа {name} должна быть от 0 до 1")
    return problems
