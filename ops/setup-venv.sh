# Sourced by ops/demo.sh and ops/test.sh: make .venv (installing Debian's python3-venv if needed)
# and install the project into it. Usage: setup_venv [extras]
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

apt_install() {
  # Install Debian packages that are missing; a no-op when all are present.
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "==> Установка пакетов Debian: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

setup_venv() {
  local extras="${1:-}"
  local python="${PYTHON:-python3}"
  if ! "$python" -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null; then
    echo "Нужен Python 3.11 или новее (найден: $("$python" --version 2>&1))" >&2
    return 1
  fi
  if [ ! -x .venv/bin/python ]; then
    if ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
      apt_install python3-venv
    fi
    echo "==> Создание виртуального окружения .venv"
    "$python" -m venv .venv
  fi
  echo "==> Установка зависимостей"
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -e ".${extras:+[$extras]}"
}
