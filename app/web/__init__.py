"""Shared web plumbing: templates, page-or-fragment rendering, forms, errors, security headers."""
