"""Sign-in (LDAP directory and local accounts), sessions, roles and permissions."""
