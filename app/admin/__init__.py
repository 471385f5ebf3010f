"""Administration pages (DOMAIN.md §2, role ``admin``; the audit trail and some parameters also for coordinators)."""
