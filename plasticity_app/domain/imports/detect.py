"""Which importer a file needs, from its name and its first bytes."""

from __future__ import annotations

FORMATS = ("json", "loop-csv", "loop-db", "daylio", "csv")


def detect(
    name: str, head: bytes, *, is_folder: bool = False, members: tuple[str, ...] = ()
) -> str | None:
    """``head`` is the file's first bytes; ``members`` the names inside a zip or folder."""
    lower = name.lower()
    if is_folder or lower.endswith(".zip"):
        return "loop-csv" if any(m.endswith("Habits.csv") for m in members) else None
    if head.startswith(b"SQLite format 3\x00"):
        return "loop-db"
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"{"):
        return "json"
    first_line = text.split(b"\n", 1)[0].decode("utf-8", "replace")
    if "full_date" in first_line and "mood" in first_line:
        return "daylio"
    if first_line.startswith("Position,Name,Type"):
        return "loop-csv"
    if lower.endswith(".csv"):
        return "csv"  # any spreadsheet: its columns are given roles
    return None
