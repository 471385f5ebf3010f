"""Deterministic demo structure: ~10 departments with divisions and ~300 people with Russian names.

Besides the staff, the demo head's department has a few leavers (disabled people) so that the leavers
page is not empty, and ``seed_demo_deputy`` gives the demo head a deputy for the coming days.
"""

from __future__ import annotations

import datetime as dt
import random

from app.people.tables import Department, Deputy, Employee
from app.web.formatting import MOSCOW

LEAVERS_DEPARTMENT = "Департамент государственной политики"
LEAVERS = 3

DEPARTMENTS: dict[str, list[str]] = {
    "Правовой департамент": ["Отдел правовой экспертизы", "Отдел нормативного регулирования", "Отдел судебной работы"],
    "Департамент государственной политики": ["Отдел стратегического планирования", "Отдел мониторинга реализации"],
    "Департамент экономики и финансов": ["Отдел бюджетного планирования", "Отдел бухгалтерского учёта", "Отдел закупок"],
    "Департамент государственной службы и кадров": ["Отдел кадров", "Отдел развития персонала", "Отдел наград"],
    "Департамент цифрового развития": ["Отдел информационных систем", "Отдел информационной безопасности"],
    "Департамент международного сотрудничества": ["Отдел многостороннего сотрудничества", "Отдел протокола"],
    "Департамент регионального развития": ["Отдел программ развития", "Отдел взаимодействия с регионами"],
    "Департамент контроля и надзора": ["Отдел проверок", "Отдел анализа рисков"],
    "Департамент делопроизводства": ["Отдел документационного обеспечения", "Архивный отдел"],
    "Административный департамент": ["Отдел материально-технического обеспечения", "Отдел организации мероприятий"],
}

MALE_SURNAMES = [
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров",
    "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев",
    "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев",
    "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв",
]
MALE_NAMES = ["Александр", "Алексей", "Андрей", "Дмитрий", "Сергей", "Михаил", "Иван", "Николай", "Павел", "Владимир",
              "Евгений", "Олег", "Игорь", "Константин", "Артём", "Максим", "Роман", "Юрий", "Виктор", "Григорий"]
FEMALE_NAMES = ["Анна", "Елена", "Мария", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Екатерина", "Юлия",
                "Анастасия", "Марина", "Галина", "Людмила", "Дарья", "Ксения", "Вера", "Надежда", "Полина", "Алина"]
FATHER_NAMES = ["Александр", "Алексей", "Андрей", "Дмитрий", "Сергей", "Михаил", "Иван", "Николай", "Павел",
                "Владимир", "Евгений", "Олег", "Игорь", "Константин", "Юрий", "Виктор", "Григорий", "Пётр", "Борис"]

POSITIONS = ["Главный специалист-эксперт", "Ведущий специалист-эксперт", "Консультант", "Ведущий консультант",
             "Советник", "Специалист-эксперт", "Старший специалист 1 разряда"]


def patronymic(father: str, female: bool) -> str:
    """Russian patronymic from the father's name (the common regular forms and a few exceptions)."""
    irregular = {"Пётр": "Петров", "Юрий": "Юрьев", "Григорий": "Григорьев", "Николай": "Николаев",
                 "Андрей": "Андреев", "Алексей": "Алексеев", "Сергей": "Сергеев", "Евгений": "Евгеньев",
                 "Игорь": "Игорев", "Михаил": "Михайлов", "Дмитрий": "Дмитриев", "Павел": "Павлов"}
    stem = irregular.get(father, father + "ов")
    if stem.endswith("ев") or stem.endswith("ёв"):
        return stem[:-2] + ("евна" if female else "евич")
    return stem[:-2] + ("овна" if female else "ович")


def female_surname(surname: str) -> str:
    return surname + "а"


TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
                     "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))


def email_for(full_name: str, used: set[str]) -> str:
    """surname.initials@ministry.example in Latin letters, with a digit when the address is taken."""
    words = full_name.lower().split()
    latin = ["".join(TRANSLIT.get(ch, ch) for ch in word) for word in words]
    local = latin[0] + "." + "".join(w[:1] for w in latin[1:])
    address, n = f"{local}@ministry.example", 1
    while address in used:
        n += 1
        address = f"{local}{n}@ministry.example"
    used.add(address)
    return address


def person_name(rng: random.Random) -> tuple[str, bool]:
    female = rng.random() < 0.55
    surname = rng.choice(MALE_SURNAMES)
    if female:
        return f"{female_surname(surname)} {rng.choice(FEMALE_NAMES)} {patronymic(rng.choice(FATHER_NAMES), True)}", True
    return f"{surname} {rng.choice(MALE_NAMES)} {patronymic(rng.choice(FATHER_NAMES), False)}", False


async def seed_structure(seed: int = 20261124, people_per_division: int = 12) -> dict[str, int]:
    """Create departments, divisions, their heads and staff. Returns department name -> id."""
    rng = random.Random(seed)
    department_ids: dict[str, int] = {}
    used_names: set[str] = set()

    def unique_name() -> str:
        while True:
            name, _ = person_name(rng)
            if name not in used_names:
                used_names.add(name)
                return name

    emails: set[str] = set()

    def person(name: str, **fields) -> Employee:
        return Employee(full_name=name, email=email_for(name, emails), **fields)

    for dept_name, divisions in DEPARTMENTS.items():
        dept = (await Department.insert(Department(name=dept_name)).returning(Department.id))[0]["id"]
        department_ids[dept_name] = dept
        director = (await Employee.insert(person(
            unique_name(), position="Директор департамента", department=dept, roles="employee,head",
        )).returning(Employee.id))[0]["id"]
        for div_name in divisions:
            div = (await Department.insert(Department(name=div_name, parent=dept)).returning(Department.id))[0]["id"]
            head = (await Employee.insert(person(
                unique_name(), position="Начальник отдела", department=dept, division=div, manager=director,
                roles="employee",
            )).returning(Employee.id))[0]["id"]
            staff = [
                person(unique_name(), position=rng.choice(POSITIONS), department=dept, division=div, manager=head,
                       roles="employee")
                for _ in range(people_per_division + rng.randint(-3, 3))
            ]
            await Employee.insert(*staff)
    await _demo_leavers(department_ids[LEAVERS_DEPARTMENT])
    return department_ids


async def _demo_leavers(department: int) -> None:
    """Disable a few staff of the demo head's department, as the directory sync would."""
    staff = await Employee.select(Employee.id).where(
        (Employee.department == department) & Employee.division.is_not_null() & (Employee.position != "Начальник отдела")
    ).order_by(Employee.id)
    now = dt.datetime.now(dt.UTC)
    for n, row in enumerate(staff[3::7][:LEAVERS]):
        await Employee.update({Employee.active: False, Employee.deactivated_at: now - dt.timedelta(days=2 + 5 * n)}).where(
            Employee.id == row["id"])


async def seed_demo_deputy(principal_id: int, department: int | None) -> None:
    """The demo head's deputy: the first division head of their department, from yesterday for two weeks."""
    deputy = await Employee.select(Employee.id).where(
        (Employee.department == department) & (Employee.position == "Начальник отдела") & Employee.active.eq(True)
    ).order_by(Employee.id).first()
    if deputy is None:
        return
    today = dt.datetime.now(MOSCOW).date()
    await Deputy.insert(Deputy(principal=principal_id, deputy=deputy["id"], starts_on=today - dt.timedelta(days=1),
                               ends_on=today + dt.timedelta(days=14)))
