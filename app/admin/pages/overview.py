"""The admin start page (sections the user may open) and the read-only role map from the settings."""

from __future__ import annotations

from litestar import Request, get
from litestar.di import NamedDependency
from litestar.response import Template

from app.admin.common import page
from app.auth.access import require_roles
from app.auth.roles import ROLE_LABELS
from app.settings import ROLES, Settings


@get("/admin", guards=[require_roles("admin", "coordinator")], name="admin")
async def admin_index(request: Request) -> Template:
    return page(request, "admin/index.html")


@get("/admin/roles", guards=[require_roles("admin")])
async def role_map(request: Request, settings: NamedDependency[Settings]) -> Template:
    """The deployment setting as the application parsed it; changing it means editing the environment."""
    order = {role: i for i, role in enumerate(ROLES)}
    rows = sorted(settings.ldap_role_map.items(), key=lambda item: (order.get(item[1], 99), item[0]))
    mapping = [{"dn": dn, "role": role, "label": ROLE_LABELS.get(role, role)} for dn, role in rows]
    return page(
        request,
        "admin/roles.html",
        {"mapping": mapping, "ldap_enabled": settings.ldap_enabled, "role_labels": ROLE_LABELS},
    )
