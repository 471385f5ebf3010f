#!/usr/bin/env bash
# Install what the tests need (venv with test extras, Debian's slapd and chromium, PostgreSQL where
# it is not running) and run the whole suite: first on SQLite, then on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
source ops/setup-venv.sh

apt_install slapd chromium
setup_venv test

# PostgreSQL: use the running server on 127.0.0.1:5432, or install and start one.
PG_URL="${TRAJECTORY_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
pg_answers() {
  .venv/bin/python - "$1" <<'PY'
import asyncio, sys
import asyncpg
async def main():
    conn = await asyncpg.connect(sys.argv[1], timeout=5)
    await conn.close()
try:
    asyncio.run(main())
except Exception as exc:
    print(f"PostgreSQL: {exc}", file=sys.stderr)
    sys.exit(1)
PY
}
if ! pg_answers "$PG_URL" 2>/dev/null; then
  echo "==> PostgreSQL не отвечает на 127.0.0.1:5432: устанавливаю и запускаю"
  apt_install postgresql
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  # Local test server only: give the postgres role a password for TCP connections.
  $SUDO runuser -u postgres -- psql -q -c "ALTER USER postgres PASSWORD 'postgres'"
  PG_URL="postgresql://postgres:postgres@127.0.0.1:5432/postgres"
  pg_answers "$PG_URL"
fi
export TRAJECTORY_TEST_POSTGRES_URL="$PG_URL"

status=0
echo "==> Тесты на SQLite"
TRAJECTORY_TEST_DB=sqlite .venv/bin/pytest "$@" || status=1
echo "==> Тесты на PostgreSQL"
TRAJECTORY_TEST_DB=postgres .venv/bin/pytest "$@" || status=1
if [ "$status" -ne 0 ]; then
  echo "Тесты не прошли (см. вывод выше)." >&2
fi
exit "$status"
