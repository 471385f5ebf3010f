"""Trajectory (Траектория): the ministry's intranet application for the internal client."""

import os

# Piccolo finds its engine through this module path; set it before any table is queried.
os.environ.setdefault("PICCOLO_CONF", "app.piccolo_conf")
