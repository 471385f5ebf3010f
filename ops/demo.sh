#!/usr/bin/env bash
# Run Trajectory with demo data on SQLite: no other server needed.
# Environment variables (TRAJECTORY_PORT, TRAJECTORY_DATABASE_URL, ...) are honoured.
set -euo pipefail
cd "$(dirname "$0")/.."
source ops/setup-venv.sh
setup_venv
exec .venv/bin/trajectory demo
