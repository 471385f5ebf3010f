"""One page of results, for every paged list (staff directory, acts, ...)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ResultPage:
    rows: list[dict]
    total: int
    page: int
    pages: int
    size: int = 25

    @property
    def first(self) -> int:
        """Number of the first row shown (1-based), 0 when there is none."""
        return (self.page - 1) * self.size + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.page * self.size, self.total)
