"""Deployment settings: read from TRAJECTORY_* variables, validated with a message naming the variable."""

from __future__ import annotations

import pytest

from app.settings import Settings, SettingsError, normalise_dn

KEY = {"TRAJECTORY_SECRET_KEY": "k" * 40}


def test_defaults_are_sqlite_and_ldap_off():
    settings = Settings.from_env(KEY)
    assert settings.is_sqlite
    assert settings.sqlite_path.name == "trajectory.db"
    assert not settings.ldap_enabled
    assert settings.ldap_user_filter == "(&(objectClass=inetOrgPerson)(uid={username}))"
    assert settings.ldap_group_filter == "(member={dn})"


def test_secret_key_is_required_outside_demo_mode():
    with pytest.raises(SettingsError, match="TRAJECTORY_SECRET_KEY"):
        Settings.from_env({})
    assert len(Settings.from_env({"TRAJECTORY_DEMO": "true"}).secret_key) >= 32


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"TRAJECTORY_DATABASE_URL": "mysql://x"}, "TRAJECTORY_DATABASE_URL"),
        ({"TRAJECTORY_DATABASE_URL": "sqlite:relative.db"}, "TRAJECTORY_DATABASE_URL"),
        ({"TRAJECTORY_PORT": "eighty"}, "TRAJECTORY_PORT"),
        ({"TRAJECTORY_PORT": "70000"}, "TRAJECTORY_PORT"),
        ({"TRAJECTORY_LDAP_START_TLS": "maybe"}, "TRAJECTORY_LDAP_START_TLS"),
        ({"TRAJECTORY_LDAP_URL": "http://dc"}, "TRAJECTORY_LDAP_URL"),
        ({"TRAJECTORY_LDAP_URL": "ldap://dc"}, "TRAJECTORY_LDAP_USER_BASE"),
        ({"TRAJECTORY_LDAP_URL": "ldap://dc", "TRAJECTORY_LDAP_USER_BASE": "dc=x",
          "TRAJECTORY_LDAP_USER_FILTER": "(uid=*)"}, "TRAJECTORY_LDAP_USER_FILTER"),
        ({"TRAJECTORY_LDAP_URL": "ldaps://dc", "TRAJECTORY_LDAP_USER_BASE": "dc=x",
          "TRAJECTORY_LDAP_CA_FILE": "/no/such/ca.pem"}, "TRAJECTORY_LDAP_CA_FILE"),
        ({"TRAJECTORY_LDAP_ROLE_MAP": "boss=cn=x,dc=y"}, "TRAJECTORY_LDAP_ROLE_MAP"),
        ({"TRAJECTORY_LDAP_ROLE_MAP": "admin"}, "TRAJECTORY_LDAP_ROLE_MAP"),
        ({"TRAJECTORY_LDAP_ROLE_MAP": "admin=not a dn"}, "TRAJECTORY_LDAP_ROLE_MAP"),
    ],
)
def test_bad_values_name_the_variable(env, variable):
    with pytest.raises(SettingsError, match=variable):
        Settings.from_env(KEY | env)


def test_role_map_pairs_are_normalised_dns():
    settings = Settings.from_env(
        KEY | {"TRAJECTORY_LDAP_ROLE_MAP": " head = CN=Heads, OU=Groups,DC=Ministry ; admin=cn=admins,dc=ministry;"}
    )
    assert settings.ldap_role_map == {"cn=heads,ou=groups,dc=ministry": "head", "cn=admins,dc=ministry": "admin"}


def test_active_directory_filter_is_accepted():
    settings = Settings.from_env(
        KEY
        | {
            "TRAJECTORY_LDAP_URL": "ldaps://dc.ministry.local",
            "TRAJECTORY_LDAP_USER_BASE": "dc=ministry,dc=local",
            "TRAJECTORY_LDAP_USER_FILTER": "(sAMAccountName={username})",
            "TRAJECTORY_LDAP_GROUP_FILTER": "(member:1.2.840.113556.1.4.1941:={dn})",
        }
    )
    assert settings.ldap_enabled


def test_dn_normalisation_ignores_case_and_spaces():
    assert normalise_dn("CN=A B, OU=X,DC=y") == normalise_dn("cn=a b,ou=x,dc=Y")
