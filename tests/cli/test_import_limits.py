"""Hostile and oversized files: one line on stderr, exit status 1, never a traceback, nothing
written to the journal and nothing beside the person's file; entries before 1970 or after today
left out and listed; limits refused before the rest is read."""

from __future__ import annotations

import json
import struct
import time
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from plasticity_app.cli import main
from plasticity_app.controller import imports as imports_controller

EXPORT_HEAD = {"format": "plasticity-journal", "schema_version": 1}


def empty_export(**arrays: Any) -> dict[str, Any]:
    document: dict[str, Any] = {**EXPORT_HEAD}
    for key in (
        "metrics",
        "metric_entries",
        "day_notes",
        "habits",
        "habit_entries",
        "experiments",
        "thought_records",
        "learning_sessions",
        "openings",
        "reviews",
    ):
        document[key] = arrays.get(key, [])
    return document


def metric(i: int, **extra: Any) -> dict[str, Any]:
    return {"id": i, "name": f"Metric {i}", "direction": "higher", **extra}


def habit(i: int, **extra: Any) -> dict[str, Any]:
    return {"id": i, "name": f"Habit {i}", "kind": "yes_no", "target": {}, **extra}


def run_import(tmp_path: Path, path: Path, capsys: Any, *extra: str) -> tuple[int, str, str]:
    code = main(["import", str(path), "--data-dir", str(tmp_path / "journal"), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def encrypted_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Habits.csv", "Position,Name\n")
    data = bytearray(path.read_bytes())
    # Set the "encrypted" flag bit in the local header and the central directory.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        flags = struct.unpack_from("<H", data, at + offset)[0]
        struct.pack_into("<H", data, at + offset, flags | 1)
    path.write_bytes(bytes(data))
    return path


def method_99_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Habits.csv", "Position,Name\n")
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = data.find(signature)
        struct.pack_into("<H", data, at + offset, 99)
    path.write_bytes(bytes(data))
    return path


HOSTILE: dict[str, Any] = {
    "deep.json": lambda p: p.write_text(
        '{"format": "plasticity-journal", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    ),
    "encrypted.zip": encrypted_zip,
    "method99.zip": method_99_zip,
    "huge-id.json": lambda p: p.write_text(json.dumps(empty_export(metrics=[metric(2**70)]))),
    "huge-position.json": lambda p: p.write_text(
        json.dumps(empty_export(habits=[habit(1, position=2**70)]))
    ),
    "long-description.json": lambda p: p.write_text(
        json.dumps(empty_export(metrics=[metric(1, description="x" * 1_000_000)]))
    ),
    "binary.csv": lambda p: p.write_bytes(b"full_date,mood\n\xff\xfe\x00"),
    "empty.db": lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_give_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    path = folder / name
    HOSTILE[name](path)
    code, out, err = run_import(tmp_path, path, capsys)
    assert code == 1, (out, err)
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err and err.startswith("plasticity-journal: ")
    assert sorted(p.name for p in folder.iterdir()) == [name]


def test_an_opening_dated_9999_is_left_out_and_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = empty_export(
        openings=[
            {"id": 1, "kind": "tms", "at": "9999-12-31T10:00:00"},
            {"id": 2, "kind": "tms", "at": "2020-01-01T10:00:00"},
        ],
        metrics=[metric(1)],
        metric_entries=[
            {"metric_id": 1, "date": "1969-07-20", "value": 5},
            {"metric_id": 1, "date": "9999-12-31", "value": 5},
            {"metric_id": 1, "date": "2020-01-01", "value": 5},
        ],
    )
    path = tmp_path / "dated.json"
    path.write_text(json.dumps(document))
    code, out, err = run_import(tmp_path, path, capsys)
    assert code == 0, err
    assert "Openings: 2 read; 1 imported, 0 merged with what your journal had, 1 left out " in out
    assert "(1 dated after today)" in out
    assert (
        "Ratings: 3 read; 1 imported" in out and "1 dated before 1970; 1 dated after today" in out
    )


def test_too_many_habits_are_refused_before_the_rest_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "many.json"
    path.write_text(json.dumps(empty_export(habits=[habit(i) for i in range(10_001)])))
    code, _out, err = run_import(tmp_path, path, capsys)
    assert code == 1
    assert "more than 10,000 habits" in err


def test_oversized_files_and_folders_are_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports_controller, "MAX_FILE_BYTES", 10_000)
    big = tmp_path / "big.json"
    big.write_text(
        json.dumps(empty_export(day_notes=[{"date": "2020-01-01", "text": "x" * 20_000}]))
    )
    folder = tmp_path / "loop"
    folder.mkdir()
    (folder / "Habits.csv").write_text("Position,Name,Type\n")
    (folder / "001 Run").mkdir()
    (folder / "001 Run" / "Checkmarks.csv").write_text("Date,Value\n" + "2020-01-01,2\n" * 2000)
    archive = tmp_path / "loop.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Habits.csv", "Position,Name,Type\n")
        zf.writestr("001 Run/Checkmarks.csv", "Date,Value\n" + "2020-01-01,2\n" * 2000)
    for path in (big, folder, archive):
        started = time.perf_counter()
        code, _out, err = run_import(tmp_path, path, capsys)
        assert code == 1 and "too large" in err, err
        assert len(err.strip().splitlines()) == 1
        assert time.perf_counter() - started < 5


def test_future_and_old_loop_days_are_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.loop_schemas import Rep, build

    path = build(
        tmp_path / "loop.db",
        25,
        [(1, "Walk")],
        [Rep(1, date(1960, 1, 1)), Rep(1, date(2020, 1, 1)), Rep(1, date(9999, 12, 31))],
    )
    code, out, err = run_import(tmp_path, path, capsys)
    assert code == 0, err
    assert "Habit days: 3 read; 1 imported" in out
    assert "1 dated after today" in out and "1 dated before 1970" in out


def test_four_thousand_daylio_activities_import_in_linear_time(
    journal: Any, tmp_path: Path
) -> None:
    """Habits were read again for each new one (41 s for this 50 KB file, the preview as long);
    now the time grows with the file. Asserted loosely: the real figures are in bench/."""
    rows = ["full_date,date,weekday,time,mood,activities,note_title,note"]
    for start in range(0, 4000, 10):
        names = " | ".join(f"act{n}" for n in range(start, start + 10))
        day = date(2024, 1, 1).toordinal() + start // 10
        rows.append(f'{date.fromordinal(day).isoformat()},,,20:00,good,"{names}","",""')
    path = tmp_path / "daylio.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    started = time.perf_counter()
    plan = journal.imports.read(path)
    preview = journal.imports.preview(path, plan)
    journal.imports.apply(path, plan)
    elapsed = time.perf_counter() - started
    assert preview.ledger.line("habits").read == 4000
    assert journal.imports.last_ledger.line("habits").imported == 4000
    assert elapsed < 15, f"{elapsed:.1f} s"


def test_a_plan_the_journal_refuses_is_refused_at_the_preview(journal: Any, tmp_path: Path) -> None:
    """Whatever the checks let through and the journal refuses while the preview writes it is one
    sentence there (the dialog shows it), not an exception from the worker."""
    from plasticity_app.domain.errors import UserError
    from plasticity_app.domain.habits import EntryStatus
    from plasticity_app.domain.imports.model import ImportedEntry, ImportPlan

    path = tmp_path / "odd.csv"
    path.write_text("Date\n", encoding="utf-8")
    plan = ImportPlan("csv", "odd.csv")
    plan.entries.append(ImportedEntry("no-such-habit", date(2026, 11, 20), EntryStatus.DONE))
    with pytest.raises(UserError, match=r"odd\.csv: it holds something the journal can’t take"):
        journal.imports.preview(path, plan)
    assert journal.habits.habits(include_archived=True) == []
