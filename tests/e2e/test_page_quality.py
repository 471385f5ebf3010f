"""Pages as people see them: at 1366×768 and 1920×1080 no horizontal scroll, and axe-core finds no
serious or critical accessibility violation. Screenshots go to test-results/ for a human look.

Feature issues add their pages to PAGES.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page
from sample_directory import PASSWORD

from tests.e2e.conftest import ARTIFACTS, sign_in

SIZES = [(1366, 768), (1920, 1080)]
# (screenshot name, user to sign in as or None, path)
PAGES = [
    ("sign-in", None, "/login"),
    ("start", "ivanov", "/"),
    ("not-found", "ivanov", "/no-such-page"),
    ("directory", "ivanov", "/people"),
    ("directory-search", "ivanov", "/people?q=%D0%B8%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2%D1%83"),
    ("deputy", "ivanov", "/people/deputy"),
    ("notifications", "ivanov", "/notifications"),
    ("notification-settings", "ivanov", "/notifications/settings"),
    ("leavers", "petrova", "/people/leavers"),
    ("admin", "kuznetsov", "/admin"),
    ("admin-accounts", "kuznetsov", "/admin/accounts"),
    ("admin-account-new", "kuznetsov", "/admin/accounts/new"),
    ("admin-sign-ins", "kuznetsov", "/admin/sign-ins"),
    ("admin-audit", "kuznetsov", "/admin/audit"),
    ("admin-parameters", "kuznetsov", "/admin/parameters"),
    ("admin-calendar", "kuznetsov", "/admin/calendar"),
    ("admin-roles", "kuznetsov", "/admin/roles"),
    ("acts", "ivanov", "/acts"),
    ("act-new", "ivanov", "/acts/new"),
    ("my-work", "ivanov", "/my-work"),
    ("acts-plan", "petrova", "/acts/plan"),
    ("acts-catalogue", "ivanov", "/acts/catalogue"),
    ("acts-calendar", "ivanov", "/acts/calendar"),
]


def serious_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize(("name", "user", "path"), PAGES, ids=[p[0] for p in PAGES])
def test_page_fits_and_is_accessible(page: Page, live_server: str, name: str, user: str | None, path: str):
    if user:
        sign_in(page, live_server, user, PASSWORD)
        page.wait_for_url(f"{live_server}/")
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} at {width}px scrolls sideways by {overflow}px"
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}x{height}.png"), full_page=True)
    assert serious_violations(page) == []
