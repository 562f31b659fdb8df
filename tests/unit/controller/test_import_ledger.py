"""Every importer accounts for every row: read = imported + merged + left out, for each kind of
thing in the file, in the preview (before anything is written) and after the import, and a second
import of the same file imports nothing."""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.loop_schemas import VERSIONS, Rep, build

TODAY = date(2026, 11, 23)  # the clock fixture's day
DAYS = st.one_of(
    st.integers(-40, 3).map(lambda n: TODAY + timedelta(days=n)),
    st.sampled_from([date(1969, 12, 31), date(1900, 1, 1), date(9999, 12, 31)]),
)
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
counter = itertools.count()


def check(journal: Any, path: Path, fmt: str | None = None) -> Any:
    plan = journal.imports.read(path, fmt)
    preview = journal.imports.preview(path, plan)
    assert preview.ledger.balanced, preview.ledger.unbalanced()
    journal.imports.apply(path, plan)
    ledger = journal.imports.last_ledger
    assert ledger.balanced, ledger.unbalanced()
    assert {k: vars(v) for k, v in preview.ledger.lines.items()} == {
        k: vars(v) for k, v in ledger.lines.items()
    }
    again = journal.imports.read(path, fmt)
    journal.imports.apply(path, again)
    second = journal.imports.last_ledger
    assert second.balanced and all(line.imported == 0 for line in second.lines.values())
    return ledger


@SETTINGS
@given(
    version=st.sampled_from(VERSIONS),
    reps=st.lists(
        st.tuples(st.sampled_from([1, 2, 3, 7]), DAYS, st.sampled_from([-1, 0, 1, 2, 3])),
        max_size=40,
    ),
)
def test_loop_backups(journal: Any, tmp_path: Path, version: int, reps: list[Any]) -> None:
    rows = [Rep(h, d, v if version >= 16 else 2) for h, d, v in reps]
    unique = {(r.habit, r.day): r for r in rows} if version >= 22 else None
    if unique is not None:  # schema 22 made (habit, timestamp) unique
        rows = list(unique.values())
    path = build(
        tmp_path / f"loop-{next(counter)}.db", version, [(1, "A"), (2, "B"), (3, "C")], rows
    )
    ledger = check(journal, path)
    assert ledger.line("habit days").read == len(rows)
    assert ledger.line("habits").read == 3


@SETTINGS
@given(
    marks=st.lists(
        st.tuples(
            st.sampled_from(["Run", "Read"]), DAYS, st.sampled_from(["2", "0", "3", "1", "-1"])
        ),
        max_size=40,
    )
)
def test_loop_csv_exports(journal: Any, tmp_path: Path, marks: list[Any]) -> None:
    folder = tmp_path / f"loop-{next(counter)}"
    folder.mkdir()
    (folder / "Habits.csv").write_text(
        "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color\n"
        "001,Run,YES_NO,,,1,1,#000\n002,Read,YES_NO,,,1,1,#000\n"
    )
    for position, name in (("001", "Run"), ("002", "Read")):
        (folder / f"{position} {name}").mkdir()
        days = {d: v for n, d, v in marks if n == name}
        (folder / f"{position} {name}" / "Checkmarks.csv").write_text(
            "Date,Value\n" + "".join(f"{d.isoformat()},{v}\n" for d, v in days.items())
        )
    ledger = check(journal, folder)
    assert ledger.line("habit days").read == len({(n, d) for n, d, _ in marks})


@SETTINGS
@given(
    ratings=st.lists(st.tuples(DAYS, st.integers(0, 10)), max_size=20),
    entries=st.lists(st.tuples(DAYS, st.sampled_from(["done", "missed", "skipped"])), max_size=20),
    notes=st.lists(DAYS, max_size=5),
    sessions=st.lists(DAYS, max_size=5),
)
def test_our_own_exports(
    journal: Any,
    tmp_path: Path,
    ratings: list[Any],
    entries: list[Any],
    notes: list[date],
    sessions: list[date],
) -> None:
    document = {
        "format": "plasticity-journal",
        "schema_version": 1,
        "metrics": [{"id": 1, "name": "Calm", "direction": "higher"}],
        "metric_entries": [
            {"metric_id": 1, "date": d.isoformat(), "value": v} for d, v in dict(ratings).items()
        ],
        "day_notes": [{"date": d.isoformat(), "text": "n"} for d in set(notes)],
        "habits": [{"id": 1, "name": "Walk", "kind": "yes_no", "target": {}}],
        "habit_entries": [
            {"habit_id": 1, "date": d.isoformat(), "status": s} for d, s in dict(entries).items()
        ],
        "experiments": [],
        "thought_records": [],
        "learning_sessions": [
            {"id": i, "date": d.isoformat(), "kind": "skills", "minutes": 10}
            for i, d in enumerate(sessions, start=1)
        ],
        "openings": [],
        "reviews": [],
    }
    path = tmp_path / f"export-{next(counter)}.json"
    path.write_text(json.dumps(document))
    ledger = check(journal, path)
    assert ledger.line("ratings").read == len(dict(ratings))
