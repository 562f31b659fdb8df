"""Hot reads: SQL built by peewee once per process, then run with fresh parameters.

Building a query's SQL costs peewee about as much as SQLite takes to run a small indexed
query; the reads every change makes (the roadmap's facts, the Check-in tab) are made of such
queries. Write the query with :data:`P` for each value, in the order they appear in the SQL,
and give the values in that order when it runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import peewee as pw

# A value given when the query runs (the query must have no other values of its own).
P = pw.SQL("?")

_built: dict[str, str] = {}


def sql(key: str, build: Callable[[], pw.Query]) -> str:
    """The SQL of ``build()``, built the first time ``key`` is asked for."""
    text = _built.get(key)
    if text is None:
        text, params = build().sql()
        if params:
            raise ValueError(f"{key}: write every value as P, not {params!r}")
        _built[key] = text
    return text


def rows(
    model: type[pw.Model], key: str, build: Callable[[], pw.Query], params: Sequence[Any]
) -> Any:
    """The plain rows (tuples) of the query."""
    db: Any = model._meta.database
    return db.execute_sql(sql(key, build), tuple(params))


def records(
    model: type[pw.Model], key: str, build: Callable[[], pw.Query], params: Sequence[Any]
) -> Any:
    """The query's rows as ``model`` records (each column converted as the model's fields do)."""
    return model.raw(sql(key, build), *params)
