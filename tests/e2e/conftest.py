"""Browser tests: the real application in a subprocess, driven by Debian's Chromium through pytest-playwright."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page
from sample_directory import free_port

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-results"

# Recorded in every page so a test can assert that the Content-Security-Policy was never violated.
CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    }


@pytest.fixture(scope="session")
def live_server(slapd) -> Iterator[str]:
    """``trajectory serve`` on a free port, with the sample directory as its LDAP server."""
    port = free_port()
    env = {**os.environ, **slapd.env(), "TRAJECTORY_PORT": str(port)}
    log = open(ARTIFACTS.mkdir(exist_ok=True) or ARTIFACTS / "server.log", "wb")
    process = subprocess.Popen([sys.executable, "-m", "app.cli", "serve"], cwd=ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"сервер не запустился: {(ARTIFACTS / 'server.log').read_text()[-3000:]}")
        time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def page(page, live_server):
    page.add_init_script(CSP_WATCH)
    page.set_default_timeout(10_000)
    yield page
    violations = page.evaluate("window.__cspViolations || []") if not page.is_closed() else []
    assert violations == [], f"нарушения CSP: {violations}"


def sign_in(page: Page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("button", name="Войти").click()
