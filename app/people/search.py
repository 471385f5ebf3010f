"""Name search that forgives Russian inflections and ё/е — pure, no database, no framework.

Russian names decline ("Фёдорова" → "у Фёдоровой", "к Фёдоровой"), and people type "е" for "ё".
We store on each employee a normalised *search column*: every word of the full name in two forms,
the whole word and its Snowball stem, each preceded by a space (" федорова федоров наталья натал ...").
A query word matches when its stem is the beginning of a stored token, i.e. ``LIKE '% stem%'``.
Both forms are needed because Snowball strips "-ов" from masculine surnames ("Иванов" → "иван"),
while "Ивановым" stems to "иванов": the whole word "иванов" is then the token that matches.
Plain ``LIKE`` on a lowercase column works identically on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

MAX_QUERY_WORDS = 5
MAX_QUERY_LENGTH = 100
_WORD = re.compile(r"[a-zа-я0-9]+(?:-[a-zа-я0-9]+)*")


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("russian")


def normalise(text: str) -> str:
    """Lowercase, ё → е; everything else is left for ``words`` to split."""
    return text.lower().replace("ё", "е")


def words(text: str) -> list[str]:
    """The words of ``text`` after normalisation; punctuation and LIKE wildcards never survive."""
    return _WORD.findall(normalise(text))


def stem(word: str) -> str:
    """The Snowball stem of one normalised word (hyphenated parts stemmed one by one)."""
    return "-".join(_stemmer().stemWord(part) for part in word.split("-"))


def search_column(full_name: str) -> str:
    """What is stored on the employee: " word stem word stem ..." (each token preceded by a space)."""
    tokens: list[str] = []
    for word in words(full_name):
        for token in (word, stem(word)):
            if token and token not in tokens:
                tokens.append(token)
    return "".join(f" {token}" for token in tokens)


def query_stems(query: str) -> list[str]:
    """The stems a query must all match, at most MAX_QUERY_WORDS of them, duplicates dropped."""
    stems: list[str] = []
    for word in words(query[:MAX_QUERY_LENGTH]):
        token = stem(word) or word
        if token not in stems:
            stems.append(token)
    return stems[:MAX_QUERY_WORDS]


def like_patterns(query: str) -> list[str]:
    """One ``LIKE`` pattern per query word; tokens hold only letters, digits and hyphens."""
    return [f"% {token}%" for token in query_stems(query)]


def matches(full_name: str, query: str) -> bool:
    """The same rule as the SQL, for tests and for callers that already hold the rows."""
    column = search_column(full_name)
    return all(f" {token}" in column for token in query_stems(query))
