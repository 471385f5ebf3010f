"""Append-only, hash-chained audit trail of every change (DOMAIN.md §7)."""
