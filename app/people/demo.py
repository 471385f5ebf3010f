"""Deterministic demo structure: ~10 departments with divisions and ~300 people with Russian names."""

from __future__ import annotations

import random

from app.people.tables import Department, Employee

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

    for dept_name, divisions in DEPARTMENTS.items():
        dept = (await Department.insert(Department(name=dept_name)).returning(Department.id))[0]["id"]
        department_ids[dept_name] = dept
        director = (await Employee.insert(Employee(
            full_name=unique_name(), position="Директор департамента", department=dept, roles="employee,head",
            email=f"dir{dept}@ministry.example",
        )).returning(Employee.id))[0]["id"]
        for div_name in divisions:
            div = (await Department.insert(Department(name=div_name, parent=dept)).returning(Department.id))[0]["id"]
            head = (await Employee.insert(Employee(
                full_name=unique_name(), position="Начальник отдела", department=dept, division=div,
                manager=director, roles="employee", email=f"head{div}@ministry.example",
            )).returning(Employee.id))[0]["id"]
            staff = [
                Employee(full_name=unique_name(), position=rng.choice(POSITIONS), department=dept, division=div,
                         manager=head, roles="employee", email=f"e{div}x{i}@ministry.example")
                for i in range(people_per_division + rng.randint(-3, 3))
            ]
            await Employee.insert(*staff)
    return department_ids
