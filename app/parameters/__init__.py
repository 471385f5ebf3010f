"""Domain parameters (DOMAIN.md: every *(setting)*): defaults in code, values in the database, edits audited."""
