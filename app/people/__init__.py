"""Employees and the structure of the ministry (departments and their divisions)."""
