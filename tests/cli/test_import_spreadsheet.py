"""`import FILE.csv --format csv --map "COLUMN=ROLE" …`: any spreadsheet, one row a day."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plasticity_app.cli import main
from plasticity_app.controller.journal import Journal
from plasticity_app.domain import habits as hb
from plasticity_app.domain.imports import spreadsheet as sheet
from plasticity_app.domain.metrics import Direction

SHEET = (
    "Date,Anxiety (1-5),Walked,Sleep (hours),Journal,Colour\n"
    "2026-11-20,1,yes,7.5,A calm day,blue\n"
    "2026-11-21,5,X,6,,green\n"
    "2026-11-22,3,no,,Tired,\n"
    "2026-11-23,,✓,8,,\n"
)


def run(tmp_path: Path, capsys: Any, path: Path, *extra: str) -> tuple[int, str, str]:
    code = main(["import", str(path), "--data-dir", str(tmp_path / "journal"), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def opened(tmp_path: Path) -> Journal:
    return Journal(tmp_path / "journal")


def test_a_spreadsheet_with_every_role(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text(SHEET, encoding="utf-8")
    code, out, err = run(
        tmp_path,
        capsys,
        path,
        "--format",
        "csv",
        "--map",
        "Anxiety (1-5)=metric:lower:1-5",
        "--map",
        "Walked=habit:yes_no",
        "--map",
        "Sleep (hours)=habit:quantity:hours",
        "--map",
        "Journal=note",
    )
    assert code == 0, err
    assert "Ratings: 3 read; 3 imported, 0 merged with what your journal had, 0 left out." in out
    assert "Habit days: 7 read; 7 imported" in out
    assert "Day notes: 2 read; 2 imported" in out
    assert "“Colour”" in out  # the ignored column is named
    journal = opened(tmp_path)
    try:
        (anxiety,) = journal.metrics.all()
        assert anxiety.name == "Anxiety (1-5)" and anxiety.direction is Direction.LOWER
        ratings = {e.day: e.value for e in journal.ctx.metrics_repo.entries([anxiety.id])}
        # 1–5 rescaled linearly to 0–10: 1 → 0, 3 → 5, 5 → 10.
        assert ratings == {date(2026, 11, 20): 0, date(2026, 11, 21): 10, date(2026, 11, 22): 5}
        habits = {h.name: h for h in journal.habits.habits(include_archived=True)}
        assert habits["Sleep"].kind is hb.HabitKind.QUANTITY and habits["Sleep"].unit == "hours"
        walked = {
            e.day: e.status for e in journal.habits.entries() if e.habit_id == habits["Walked"].id
        }
        assert walked == {
            date(2026, 11, 20): hb.EntryStatus.DONE,
            date(2026, 11, 21): hb.EntryStatus.DONE,
            date(2026, 11, 22): hb.EntryStatus.MISSED,
            date(2026, 11, 23): hb.EntryStatus.DONE,
        }
        assert journal.metrics.notes()[date(2026, 11, 20)] == "A calm day"
    finally:
        journal.close()
    # The same file again adds nothing.
    code, out, _err = run(tmp_path, capsys, path, "--format", "csv", "--map", "Walked=habit:yes_no")
    assert code == 0 and "Nothing new to add" in out


def test_the_roles_are_guessed_without_a_map(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text(SHEET, encoding="utf-8")
    code, out, err = run(tmp_path, capsys, path)
    assert "Metrics: 1 read; 1 imported" in out
    assert code == 0, err
    header, rows = sheet.first_rows(SHEET, "t")
    guessed = {k: v.text() for k, v in sheet.guess_roles(header, rows).items()}
    assert guessed == {
        "Date": "date",
        "Anxiety (1-5)": "metric:higher:1-5",
        "Walked": "habit:yes_no",
        "Sleep (hours)": "habit:quantity:hours",
        "Journal": "note",
        "Colour": "note",
    }


def test_dates_in_another_format_and_a_named_date_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "days.csv"
    path.write_text("When;Mood\n20.11.2026;7\n21.11.2026;8\nsoon;9\n", encoding="utf-8")
    code, out, err = run(
        tmp_path,
        capsys,
        path,
        "--format",
        "csv",
        "--date-column",
        "When",
        "--date-format",
        "dd.MM.yyyy",
        "--map",
        "Mood=metric:higher",
    )
    assert code == 0, err
    assert "Ratings: 3 read; 2 imported, 0 merged with what your journal had, 1 left out" in out
    assert "1 on rows whose date can’t be read" in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--map", "Mood=metric:sideways"], "is not a role"),
        (["--map", "Mood=metric:higher:5-1"], "is not a range like 1-5"),
        (["--map", "Nope=note"], "there is no column named “Nope”"),
        (["--map", "Mood"], "is not COLUMN=ROLE"),
        (["--date-column", "When"], "no column named “When” for the date"),
    ],
)
def test_bad_maps_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    path = tmp_path / "s.csv"
    path.write_text("Date,Mood\n2026-11-20,5\n", encoding="utf-8")
    code, out, err = run(tmp_path, capsys, path, "--format", "csv", *extra)
    assert code == 1 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_no_date_column_is_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.csv"
    path.write_text("Mood,Walked\n5,yes\n", encoding="utf-8")
    code, _out, err = run(tmp_path, capsys, path)
    assert code == 1 and "--date-column" in err


@pytest.mark.parametrize("cell", ["1", "yes", "Y", "TRUE", "x", "✓", "Yes"])
def test_yes_cells(cell: str) -> None:
    assert sheet.yes_no(cell) is hb.EntryStatus.DONE


@given(
    low=st.integers(-50, 50),
    span=st.integers(1, 100),
    value=st.integers(0, 100),
)
def test_metric_values_are_rescaled_linearly_and_rounded(low: int, span: int, value: int) -> None:
    role = sheet.ColumnRole(sheet.METRIC, low=low, high=low + span)
    cell = low + value * span / 100
    got = sheet.rating(str(cell), role)
    assert got is not None and 0 <= got <= 10
    assert abs(got - (cell - low) / span * 10) <= 0.5 + 1e-9
    assert sheet.rating(str(low - 1), role) is None


CELL = st.one_of(
    st.just(""),
    st.sampled_from(["yes", "no", "x", "maybe", "3", "11", "7.5", "-2", "abc", "1e9"]),
)
DAY = st.one_of(
    st.integers(-30, 3).map(lambda n: (date(2026, 11, 23) + timedelta(days=n)).isoformat()),
    st.sampled_from(["1969-01-01", "9999-12-31", "not a day", ""]),
)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.tuples(DAY, CELL, CELL, CELL, CELL), min_size=1, max_size=30))
def test_every_spreadsheet_cell_is_accounted_for(
    journal: Any, tmp_path: Path, rows: list[tuple[str, ...]]
) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text(
        "Date,Mood,Done,Minutes,Note\n" + "".join(",".join(r) + "\n" for r in rows),
        encoding="utf-8",
    )
    options = sheet.SheetOptions(
        sheet.parse_map(
            ["Mood=metric:higher", "Done=habit:yes_no", "Minutes=habit:quantity:min", "Note=note"]
        )
    )
    plan = journal.imports.read(path, "csv", sheet=options)
    preview = journal.imports.preview(path, plan)
    assert preview.ledger.balanced, preview.ledger.unbalanced()
    journal.imports.apply(path, plan)
    ledger = journal.imports.last_ledger
    assert ledger.balanced, ledger.unbalanced()
    filled = sum(1 for r in rows for c in r[1:] if c)
    read = sum(ledger.line(k).read for k in ("ratings", "habit days", "day notes"))
    assert read == filled


def test_the_command_lines_import_is_announced_on_the_callers_thread(
    journal: Any, tmp_path: Path
) -> None:
    """The rows are written on a connection of their own (no undo triggers per row), but the
    change is announced from the caller's thread, before import_file returns: a view told from
    another thread would read a journal that may be closed by then."""
    import threading

    path = tmp_path / "s.csv"
    path.write_text("Date,Mood\n2026-11-20,5\n", encoding="utf-8")
    heard: list[tuple[int, str]] = []
    journal.ctx.hub.changed.connect(
        lambda change: heard.append((threading.get_ident(), change.area))
    )
    journal.imports.import_file(path)
    assert heard == [(threading.get_ident(), "import")]
