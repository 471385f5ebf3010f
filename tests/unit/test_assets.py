"""Front-end assets are local: the vendored htmx is the recorded version, plotly comes from the package."""

from __future__ import annotations

import hashlib

from app.web.assets import HTMX_FILE, STATIC_DIR, plotly_dir, static_url


def test_vendored_htmx_matches_its_recorded_hash():
    rows = [line.split() for line in (STATIC_DIR / "vendor" / "VERSIONS").read_text().splitlines()
            if line.strip() and not line.startswith("#")]
    recorded = {row[0]: (row[1], row[2], row[3]) for row in rows}
    name = HTMX_FILE.removeprefix("vendor/")
    package, version, sha256 = recorded[name]
    assert package == "htmx.org" and version.startswith("2.")
    assert hashlib.sha256((STATIC_DIR / HTMX_FILE).read_bytes()).hexdigest() == sha256


def test_plotly_is_served_from_the_installed_package():
    assert (plotly_dir() / "plotly.min.js").is_file()
    assert static_url("plotly").endswith("/plotly.min.js")


def test_templates_load_nothing_from_other_hosts():
    templates = STATIC_DIR.parent / "templates"
    for path in templates.rglob("*.html"):
        text = path.read_text()
        assert "http://" not in text and "https://" not in text, path
