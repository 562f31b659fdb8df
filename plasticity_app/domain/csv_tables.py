"""The JSON export as spreadsheet tables: one table per kind of record, with a header row.

Nested objects become dotted columns (``target.times``), lists become JSON text in one cell, and
every value is text a spreadsheet reads as it is (``true``/``false``, ISO dates, empty for none).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

Table = tuple[list[str], list[list[str]]]


def _flatten(record: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def cell(value: Any) -> str:
    """One value as spreadsheet text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def table(records: Iterable[Mapping[str, Any]], columns: Iterable[str] = ()) -> Table:
    """Rows with the union of their (flattened) keys as columns, in first-seen order."""
    flat = [_flatten(r) for r in records]
    headers = list(columns)
    for row in flat:
        for key in row:
            if key not in headers:
                headers.append(key)
    return headers, [[cell(row.get(h)) for h in headers] for row in flat]


def tables(document: Mapping[str, Any], record_arrays: Iterable[str]) -> dict[str, Table]:
    """Every record array of the export, plus the roadmap's steps and the settings."""
    result: dict[str, Table] = {}
    for name in record_arrays:
        result[name] = table(document.get(name) or [])
    steps = (document.get("roadmap") or {}).get("steps") or []
    result["roadmap"] = table(
        {k: v for k, v in step.items() if k not in ("progress", "reasons")}
        | {
            "progress": "; ".join(
                f"{p['label']}: {p['done']} of {p['total']}"
                + (f" {p['unit']}" if p["unit"] else "")
                for p in step.get("progress", [])
            ),
            "reasons": " ".join(step.get("reasons", [])),
        }
        for step in steps
    )
    settings = document.get("settings") or {}
    result["settings"] = (["setting", "value"], [[k, cell(v)] for k, v in settings.items()])
    return result
