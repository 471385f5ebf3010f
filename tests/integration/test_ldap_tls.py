"""ldaps:// and StartTLS against a real slapd with a test CA: the certificate is validated."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sample_directory import PASSWORD, SampleDirectory

from tests.conftest import login


@pytest.fixture(scope="module")
def tls_slapd() -> Iterator[SampleDirectory]:
    directory = SampleDirectory(tls=True)
    directory.start()
    yield directory
    directory.stop()


def test_ldaps_with_the_right_ca_signs_in(app_client, tls_slapd):
    env = tls_slapd.env() | {"TRAJECTORY_LDAP_URL": f"ldaps://127.0.0.1:{tls_slapd.tls_port}",
                             "TRAJECTORY_LDAP_CA_FILE": str(tls_slapd.ca_file)}
    client = app_client(**env)
    assert login(client, "ivanov", PASSWORD).status_code == 302


def test_ldaps_with_an_unknown_certificate_is_refused(app_client, tls_slapd):
    client = app_client(**(tls_slapd.env() | {"TRAJECTORY_LDAP_URL": f"ldaps://127.0.0.1:{tls_slapd.tls_port}"}))
    assert login(client, "ivanov", PASSWORD).status_code == 503


def test_start_tls_with_the_right_ca_signs_in(app_client, tls_slapd):
    env = tls_slapd.env() | {"TRAJECTORY_LDAP_START_TLS": "true", "TRAJECTORY_LDAP_CA_FILE": str(tls_slapd.ca_file)}
    client = app_client(**env)
    assert login(client, "ivanov", PASSWORD).status_code == 302


def test_start_tls_with_an_unknown_certificate_is_refused(app_client, tls_slapd):
    client = app_client(**(tls_slapd.env() | {"TRAJECTORY_LDAP_START_TLS": "true"}))
    assert login(client, "ivanov", PASSWORD).status_code == 503
