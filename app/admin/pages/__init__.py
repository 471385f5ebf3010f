"""Admin route modules, one per page; ``ADMIN_HANDLERS`` is what ``create_app`` registers."""

from app.admin.pages.accounts import AccountsController
from app.admin.pages.audit import AuditController
from app.admin.pages.calendar import CalendarController
from app.admin.pages.overview import admin_index, role_map
from app.admin.pages.parameters import ParametersController
from app.admin.pages.sign_ins import sign_in_log

ADMIN_HANDLERS = [
    admin_index,
    role_map,
    AccountsController,
    sign_in_log,
    AuditController,
    ParametersController,
    CalendarController,
]
