"""Front-end assets served by the application itself (an intranet has no internet).

htmx is committed under ``static/vendor`` with its version and hash in ``static/vendor/VERSIONS``;
plotly.js is served from the installed ``plotly`` package under a versioned URL.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import plotly

from app.settings import PROJECT_ROOT

STATIC_DIR = PROJECT_ROOT / "static"
HTMX_FILE = "vendor/htmx-2.0.11.min.js"
PLOTLY_VERSION = plotly.__version__


def plotly_dir() -> Path:
    return Path(plotly.__file__).parent / "package_data"


@cache
def _asset_version(name: str) -> str:
    """A short content stamp so browsers refetch a changed app.css/app.js."""
    import hashlib

    return hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:10]


def static_url(name: str) -> str:
    if name == "htmx":
        return f"/static/{HTMX_FILE}"
    if name == "plotly":
        return f"/static/plotly-{PLOTLY_VERSION}/plotly.min.js"
    if name.startswith("vendor/"):
        return f"/static/{name}"
    return f"/static/{name}?v={_asset_version(name)}"
