"""Demo data: seeded once into an empty database, the same every time (fixed random seed)."""

from __future__ import annotations

from app import db
from app.acts.demo import seed_demo_acts
from app.acts.plans import recompute_all
from app.auth.service import create_local_account
from app.notifications.demo import seed_demo_notifications
from app.people.demo import seed_demo_deputy, seed_structure
from app.people.tables import Employee

DEMO_PASSWORD = "demo"
DEMO_ACCOUNTS = {
    # user name: (full name, position, department, roles)
    "demo-employee": ("Соколова Анна Сергеевна", "Ведущий консультант", "Департамент государственной политики", {"employee"}),
    "demo-head": ("Орлов Дмитрий Петрович", "Заместитель директора департамента", "Департамент государственной политики", {"head"}),
    "demo-coordinator": ("Лебедева Ирина Викторовна", "Советник", "Правовой департамент", {"coordinator"}),
    "demo-hr": ("Морозова Елена Андреевна", "Консультант", "Департамент государственной службы и кадров", {"hr"}),
    "demo-leadership": ("Волков Сергей Николаевич", "Заместитель министра", "", {"leadership"}),
    "demo-admin": ("Администратор системы", "Администратор", "Департамент цифрового развития", {"admin"}),
}


async def database_is_empty() -> bool:
    return await Employee.count() == 0


async def seed_demo() -> bool:
    """Fill an empty database with demo data; a non-empty one is left alone. True if seeded."""
    if not await database_is_empty():
        return False
    async with db.write_transaction():
        departments = await seed_structure()
        accounts: dict[str, int] = {}
        for username, (full_name, position, department, roles) in DEMO_ACCOUNTS.items():
            accounts[username] = await create_local_account(
                username, DEMO_PASSWORD, full_name, roles | {"employee"}, demo=True,
                department=departments.get(department), position=position,
            )
        await seed_demo_deputy(accounts["demo-head"], departments.get(DEMO_ACCOUNTS["demo-head"][2]))
        await seed_demo_notifications(accounts.values())
        await seed_demo_acts(accounts)
    await recompute_all()
    return True
