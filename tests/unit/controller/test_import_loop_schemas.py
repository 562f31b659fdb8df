"""Loop backups of every schema version (9 to 25) bring in every repetition, whatever the case of
their column names; a WAL-mode backup is read without writing anything beside it."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from plasticity_app.domain import habits as hb
from tests.conftest import REALDATA
from tests.loop_schemas import VERSIONS, Rep, build, ms

MIGRATIONS = REALDATA / "loop" / "migrations"
START = date(2020, 3, 1)


def sample(version: int) -> tuple[list[tuple[int, str]], list[Rep], frozenset[int]]:
    habits = [(1, "Meditate"), (2, "Run"), (5, "Read")]
    reps = [Rep(1, START + timedelta(days=i)) for i in range(0, 30, 2)]
    reps += [Rep(5, START + timedelta(days=i)) for i in range(7)]
    numerical: frozenset[int] = frozenset()
    if version >= 16:
        reps += [Rep(2, START, 0), Rep(2, START + timedelta(days=1), 3)]  # NO and SKIP
    if version >= 18:
        numerical = frozenset({5})
        reps = [r if r.habit != 5 else Rep(5, r.day, 2500) for r in reps]
    if version >= 25:
        reps.append(Rep(1, START + timedelta(days=40), 2, "a good one"))
    return habits, reps, numerical


@pytest.mark.parametrize("spelling", ["id", "Id", "upper"])
@pytest.mark.parametrize("version", VERSIONS)
def test_every_loop_schema_brings_every_repetition(
    journal: Any, tmp_path: Path, version: int, spelling: str
) -> None:
    habits, reps, numerical = sample(version)
    path = build(
        tmp_path / f"loop-{version}.db",
        version,
        habits,
        reps,
        key="id" if spelling == "upper" else spelling,
        upper=spelling == "upper",
        numerical=numerical,
    )
    journal.imports.import_file(path)
    ledger = journal.imports.last_ledger
    assert ledger.balanced
    by_name = {h.name: h for h in journal.habits.habits(include_archived=True)}
    assert set(by_name) == {"Meditate", "Run", "Read"}
    entries = journal.habits.entries()
    assert len(entries) == len(reps)
    assert ledger.line("habit days").read == len(reps)
    assert ledger.line("habit days").imported == len(reps)
    meditate = [e for e in entries if e.habit_id == by_name["Meditate"].id]
    assert all(e.status is hb.EntryStatus.DONE for e in meditate)
    if version >= 16:
        run = sorted((e for e in entries if e.habit_id == by_name["Run"].id), key=lambda e: e.day)
        assert [e.status for e in run] == [hb.EntryStatus.MISSED, hb.EntryStatus.SKIPPED]
    if version >= 18:
        read = [e for e in entries if e.habit_id == by_name["Read"].id]
        assert by_name["Read"].kind is hb.HabitKind.QUANTITY
        assert {e.quantity for e in read} == {2.5}
    if version >= 25:
        assert any(e.note == "a good one" for e in meditate)


def test_a_wal_mode_backup_leaves_nothing_beside_it(journal: Any, tmp_path: Path) -> None:
    folder = tmp_path / "loop"
    folder.mkdir()
    habits, reps, numerical = sample(25)
    path = build(folder / "loop.db", 25, habits, reps, numerical=numerical, wal=True)
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    for name in list(folder.iterdir()):
        if name != path:
            name.unlink()
    before = sorted(p.name for p in folder.iterdir())
    data = path.read_bytes()
    journal.imports.import_file(path)
    assert sorted(p.name for p in folder.iterdir()) == before == ["loop.db"]
    assert path.read_bytes() == data
    assert len(journal.habits.entries()) == len(reps)


def test_a_backup_with_rows_left_out_lists_them(journal: Any, tmp_path: Path) -> None:
    """Repetitions of a deleted habit, before 1970 and derived by Loop: each group with its
    reason; the ledger balances."""
    habits = [(1, "Meditate")]
    reps = [
        Rep(1, START),
        Rep(9, START),  # habit 9 was deleted
        Rep(1, date(1969, 12, 31)),
        Rep(1, START + timedelta(days=1), 1),  # YES_AUTO
    ]
    path = build(tmp_path / "loop.db", 22, habits, reps)
    journal.imports.import_file(path)
    line = journal.imports.last_ledger.line("habit days")
    assert (line.read, line.imported, line.merged) == (4, 1, 0)
    assert dict(line.left_out) == {"no-habit": 1, "before-1970": 1, "derived": 1}
    text = "\n".join(journal.imports.last_ledger.text_lines())
    assert "1 dated before 1970" in text
    assert "belonging to a habit that is no longer in the backup" in text


@pytest.mark.skipif(not MIGRATIONS.is_dir(), reason="../shared/realdata is absent")
@pytest.mark.parametrize("version", VERSIONS)
def test_backups_built_by_loops_own_migrations(journal: Any, tmp_path: Path, version: int) -> None:
    path = tmp_path / f"migrated-{version}.db"
    conn = sqlite3.connect(path)
    for number in range(9, version + 1):
        conn.executescript((MIGRATIONS / f"{number:02d}.sql").read_text())
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(
        "INSERT INTO Habits (id, archived, color, description, freq_den, freq_num, highlight, "
        "name, position) VALUES (1, 0, 0, 'Did I walk?', 1, 1, 0, 'Walk', 0)"
    )
    days = [START + timedelta(days=i) for i in range(10)]
    conn.executemany(
        "INSERT INTO Repetitions (habit, timestamp) VALUES (1, ?)"
        if version < 16
        else "INSERT INTO Repetitions (habit, timestamp, value) VALUES (1, ?, 2)",
        [(ms(d),) for d in days],
    )
    conn.commit()
    conn.close()
    journal.imports.import_file(path)
    assert [e.day for e in journal.habits.entries()] == days
    assert journal.imports.last_ledger.balanced
