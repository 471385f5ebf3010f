"""The application as an operator runs it: the ``trajectory`` command in a subprocess, and a served app."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx
from sample_directory import free_port

from tests.conftest import ROOT


def trajectory(*args: str, database_url: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "TRAJECTORY_DATABASE_URL": database_url, **env}
    return subprocess.run([sys.executable, "-m", "app.cli", *args], cwd=ROOT, env=full_env, input=stdin,
                          capture_output=True, text=True, timeout=120)


def start(*args: str, database_url: str, **env: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    full_env = {**os.environ, "TRAJECTORY_DATABASE_URL": database_url, "TRAJECTORY_PORT": str(port), **env}
    process = subprocess.Popen([sys.executable, "-m", "app.cli", *args], cwd=ROOT, env=full_env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError(f"не запустился: {process.communicate()[0][-3000:]}")


def stop(process: subprocess.Popen) -> str:
    process.terminate()
    return process.communicate(timeout=20)[0]
