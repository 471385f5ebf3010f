#!/usr/bin/env python3
"""A throwaway OpenLDAP ``slapd`` with the ministry's sample directory.

Used by the tests (``tests/conftest.py``) and by anyone who wants to try LDAP sign-in locally:

    .venv/bin/python ops/ldap/sample_directory.py --port 3389

prints the TRAJECTORY_LDAP_* variables to export, and runs until Ctrl+C. Needs Debian's ``slapd``.
Entries are loaded after start through the running server (overlays only see live writes).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ldap3 import Connection, Server
from ldap3.utils.dn import escape_rdn

HERE = Path(__file__).resolve().parent
BASE = "dc=ministry,dc=local"
ROOT_DN = f"cn=admin,{BASE}"
SERVICE_DN = f"cn=trajectory-service,ou=services,{BASE}"
SERVICE_PASSWORD = "service-secret"
PASSWORD = "Secret-123"  # every sample person's password
SLAPD = shutil.which("slapd") or "/usr/sbin/slapd"
DISABLED_FILTER = "(employeeType=disabled)"

GROUPS = {
    "employee": "trajectory-employees",
    "head": "trajectory-heads",
    "coordinator": "trajectory-coordinators",
    "hr": "trajectory-hr",
    "leadership": "trajectory-leadership",
    "admin": "trajectory-admins",
}


@dataclass
class Person:
    uid: str
    cn: str
    sn: str
    title: str
    department: str
    division: str = ""
    roles: tuple[str, ...] = ("employee",)
    ou: str = "people"
    manager: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def dn(self) -> str:
        return f"uid={escape_rdn(self.uid)},ou={self.ou},{BASE}"


PEOPLE = [
    Person("ivanov", "Иванов Иван Иванович", "Иванов", "Главный специалист-эксперт",
           "Правовой департамент", "Отдел правовой экспертизы", ("employee", "coordinator"), manager="petrova"),
    Person("petrova", "Петрова Мария Сергеевна", "Петрова", "Директор департамента",
           "Правовой департамент", "", ("employee", "head")),
    Person("sidorov", "Сидоров Алексей Павлович", "Сидоров", "Консультант",
           "Департамент государственной службы и кадров", "Отдел кадров", ("employee", "hr")),
    Person("volkova", "Волкова Ольга Николаевна", "Волкова", "Заместитель министра", "", "", ("employee", "leadership")),
    Person("kuznetsov", "Кузнецов Пётр Андреевич", "Кузнецов", "Советник",
           "Департамент цифрового развития", "Отдел информационных систем", ("employee", "admin")),
    Person("smirnova", "Смирнова Елена Викторовна", "Смирнова", "Ведущий консультант",
           "Департамент государственной политики", "Отдел мониторинга реализации", ("employee",)),
    Person("ivan", "Иванов Иван Петрович", "Иванов", "Специалист-эксперт",
           "Департамент делопроизводства", "Архивный отдел", ("employee",)),
    # User names that must survive filter and DN escaping.
    Person("иванова", "Иванова Анна Ильинична", "Иванова", "Консультант",
           "Правовой департамент", "Отдел нормативного регулирования", ("employee",)),
    Person("o'neil", "О'Нил Патрик Иванович", "О'Нил", "Консультант", "Департамент международного сотрудничества"),
    Person("star*", "Звёздный Семён Семёнович", "Звёздный", "Консультант", "Административный департамент"),
    Person("paren(s)", "Скобкин Роман Олегович", "Скобкин", "Консультант", "Административный департамент"),
    Person("back\\slash", "Слэшев Борис Игоревич", "Слэшев", "Консультант", "Административный департамент"),
    Person("comma,user", "Запятая Вера Павловна", "Запятая", "Консультант", "Административный департамент"),
    # Two entries with one user name: sign-in must refuse rather than pick one.
    Person("twin", "Двойников Первый Иванович", "Двойников", "Консультант", "Административный департамент"),
    Person("twin", "Двойников Второй Иванович", "Двойников", "Подрядчик", "Административный департамент",
           ou="contractors"),
    # Not in any Trajectory group: still an employee by signing in.
    Person("nogroup", "Безгруппов Фёдор Ильич", "Безгруппов", "Специалист", "Департамент делопроизводства"),
    # For the staff directory: found by an inflected surname ("федорову") and with a manager.
    Person("fedorova", "Фёдорова Наталья Игоревна", "Фёдорова", "Ведущий консультант",
           "Правовой департамент", "Отдел нормативного регулирования", ("employee",), manager="petrova"),
    # A leaver: disabled in the directory (``employeeType: disabled``, see env() and the sync).
    Person("leaver", "Уходов Глеб Романович", "Уходов", "Консультант", "Правовой департамент",
           "Отдел правовой экспертизы", ("employee",), manager="petrova", extra={"employeeType": "disabled"}),
]


def role_map() -> str:
    """The TRAJECTORY_LDAP_ROLE_MAP value for this directory."""
    return ";".join(f"{role}=cn={group},ou=groups,{BASE}" for role, group in GROUPS.items())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SampleDirectory:
    """Start with ``start()``, stop with ``stop()``; ``env()`` gives the settings that point at it."""

    def __init__(self, port: int | None = None, workdir: Path | None = None, tls: bool = False) -> None:
        self.port = port or free_port()
        self.tls_port = free_port() if tls else None
        self.ca_file: Path | None = None
        self._own_dir = workdir is None
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="trajectory-slapd-"))
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"ldap://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        return {
            "TRAJECTORY_LDAP_URL": self.url,
            "TRAJECTORY_LDAP_BIND_DN": SERVICE_DN,
            "TRAJECTORY_LDAP_BIND_PASSWORD": SERVICE_PASSWORD,
            "TRAJECTORY_LDAP_USER_BASE": BASE,
            "TRAJECTORY_LDAP_GROUP_BASE": f"ou=groups,{BASE}",
            "TRAJECTORY_LDAP_ROLE_MAP": role_map(),
            # This slapd has no ppolicy schema, so leavers are marked with an inetOrgPerson attribute.
            "TRAJECTORY_LDAP_DISABLED_FILTER": DISABLED_FILTER,
        }

    def start(self, timeout: float = 15.0) -> None:
        if not Path(SLAPD).exists():
            raise RuntimeError("slapd не найден: установите пакет Debian «slapd» (ops/test.sh делает это сам)")
        (self.workdir / "db").mkdir(parents=True, exist_ok=True)
        conf = (HERE / "slapd.conf.in").read_text()
        conf = conf.replace("@DIR@", str(self.workdir)).replace("@ROOTPW@", "root-secret")
        listen = [f"{self.url}/"]
        tls_lines = ""
        if self.tls_port:
            from certificates import write_test_pki

            pki = write_test_pki(self.workdir)
            self.ca_file = pki["ca"]
            tls_lines = (f"TLSCACertificateFile {pki['ca']}\nTLSCertificateFile {pki['cert']}\n"
                         f"TLSCertificateKeyFile {pki['key']}\n")
            listen.append(f"ldaps://127.0.0.1:{self.tls_port}/")
        conf = conf.replace("@TLS@", tls_lines)
        conf_path = self.workdir / "slapd.conf"
        conf_path.write_text(conf)
        log = open(self.workdir / "slapd.log", "wb")
        self.process = subprocess.Popen(
            [SLAPD, "-d", "0", "-h", " ".join(listen), "-f", str(conf_path)],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"slapd завершился при запуске: {(self.workdir / 'slapd.log').read_text()[-2000:]}")
            try:
                conn = Connection(Server(self.url, connect_timeout=1), ROOT_DN, "root-secret", auto_bind=True)
                break
            except Exception:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("slapd не ответил за отведённое время") from None
                time.sleep(0.1)
        try:
            self._load(conn)
        finally:
            conn.unbind()

    def _load(self, conn: Connection) -> None:
        def add(dn: str, classes: list[str], attrs: dict) -> None:
            if not conn.add(dn, classes, attrs):
                raise RuntimeError(f"не удалось добавить {dn}: {conn.result}")

        add(BASE, ["top", "dcObject", "organization"], {"o": "Министерство", "dc": "ministry"})
        for ou in ("people", "contractors", "groups", "services"):
            add(f"ou={ou},{BASE}", ["top", "organizationalUnit"], {"ou": ou})
        add(SERVICE_DN, ["top", "person"], {"cn": "trajectory-service", "sn": "service",
                                            "userPassword": SERVICE_PASSWORD})
        uid_to_dn = {p.uid: p.dn for p in PEOPLE if p.ou == "people"}
        for index, person in enumerate(PEOPLE):
            attrs = {"uid": person.uid, "cn": person.cn, "sn": person.sn, "displayName": person.cn,
                     "title": person.title, "userPassword": PASSWORD,
                     "mail": f"user{index}@ministry.example"}
            if person.department:
                attrs["ou"] = person.department
            if person.division:
                attrs["departmentNumber"] = person.division
            if person.manager:
                attrs["manager"] = uid_to_dn[person.manager]
            attrs.update(person.extra)
            add(person.dn, ["top", "person", "organizationalPerson", "inetOrgPerson"], attrs)
        for role, group in GROUPS.items():
            members = [p.dn for p in PEOPLE if role in p.roles] or [SERVICE_DN]
            add(f"cn={group},ou=groups,{BASE}", ["top", "groupOfNames"], {"cn": group, "member": members})

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if self._own_dir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> SampleDirectory:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description="Учебный каталог OpenLDAP для Траектории")
    parser.add_argument("--port", type=int, default=3389)
    args = parser.parse_args()
    directory = SampleDirectory(port=args.port)
    directory.start()
    print("Каталог запущен. Переменные для Траектории:")
    for key, value in directory.env().items():
        print(f"export {key}='{value}'")
    print(f"\nПользователи: {', '.join(sorted({p.uid for p in PEOPLE}))}; пароль у всех: {PASSWORD}")
    print("Остановить: Ctrl+C", flush=True)
    stop = lambda *_: (directory.stop(), sys.exit(0))  # noqa: E731
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while directory.process and directory.process.poll() is None:
        time.sleep(1)
    directory.stop()


if __name__ == "__main__":
    os.umask(0o077)
    main()
