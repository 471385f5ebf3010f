"""The start page and the service endpoints (/health)."""
