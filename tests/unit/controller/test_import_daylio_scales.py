"""Daylio's newer export: its ``scales`` column (N/10 ratings become 0–10 metrics, h:mm times hour
amounts of a quantity habit, Sleep Time the built-in Sleep when there is one, the rest listed in
the ledger), notes' HTML as plain text, and every row accounted for."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plasticity_app.domain import habits as hb
from plasticity_app.domain.imports import daylio

NINE = "\ufefffull_date,date,weekday,time,mood,activities,scales,note_title,note\n"
SCALES = "Sleep Quality: 8/10 points | Sleep Time: 8:00 | Awake mid-sleep: 1:00 | Energy: high"


def write(tmp_path: Path, rows: list[str], name: str = "daylio.csv") -> Path:
    path = tmp_path / name
    path.write_text(NINE + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_scales_become_metrics_and_hour_habits(journal: Any, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            f'2026-11-20,,,21:00,good,"walk","{SCALES}","",""',
            '2026-11-19,,,21:00,meh,"","Sleep Quality:\u00a06/10 points | Sleep Time:\u00a06:30",'
            '"",""',
        ],
    )
    journal.imports.import_file(path)
    metrics = {m.name: m for m in journal.metrics.all()}
    assert set(metrics) == {daylio.MOOD_METRIC, "Sleep Quality"}
    quality = {
        e.day: e.value for e in journal.ctx.metrics_repo.entries([metrics["Sleep Quality"].id])
    }
    assert quality == {date(2026, 11, 20): 8, date(2026, 11, 19): 6}
    habits = {h.name: h for h in journal.habits.habits(include_archived=True)}
    assert (
        habits["Sleep Time"].kind is hb.HabitKind.QUANTITY and habits["Sleep Time"].unit == "hours"
    )
    sleep = {
        e.day: e.quantity for e in journal.habits.entries() if e.habit_id == habits["Sleep Time"].id
    }
    assert sleep == {date(2026, 11, 20): 8.0, date(2026, 11, 19): 6.5}
    awake = [
        e.quantity for e in journal.habits.entries() if e.habit_id == habits["Awake mid-sleep"].id
    ]
    assert awake == [1.0]
    ledger = journal.imports.last_ledger
    assert ledger.balanced
    scales = ledger.line("scales")
    assert (scales.read, dict(scales.left_out)) == (1, {"unknown-scale": 1})
    assert any(
        line
        == "Daylio scales: 1 read; 0 imported, 0 merged with what your journal had, 1 left out "
        "(1 with a value other than N/10 points or h:mm)."
        for line in ledger.text_lines()
    )
    # Importing again merges by name: nothing twice.
    journal.imports.import_file(path)
    assert len(journal.metrics.all()) == 2
    again = journal.imports.last_ledger
    assert again.line("metrics").merged == 2 and again.line("metrics").imported == 0
    assert again.line("ratings").merged == 4 and again.line("habit days").imported == 0


def test_sleep_time_goes_to_the_built_in_sleep(journal: Any, tmp_path: Path) -> None:
    with journal.ctx.transaction():
        journal.habits._create_builtins(date(2026, 11, 1))
    (sleep,) = [h for h in journal.habits.habits() if h.builtin_key == hb.BuiltinKey.SLEEP]
    before = len(journal.habits.habits(include_archived=True))
    journal.imports.import_file(write(tmp_path, ['2026-11-20,,,,,"","Sleep Time: 7:45","",""']))
    assert len(journal.habits.habits(include_archived=True)) == before
    (entry,) = journal.habits.entries()
    assert entry.habit_id == sleep.id and entry.quantity == 7.75
    assert journal.imports.last_ledger.line("habits").merged == 1


def test_html_in_notes_becomes_plain_text(journal: Any, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        ['2026-11-20,,,,good,"","","<i>Title</i>","Never mind<b>d</b>.<br>Tom &amp; Jo<BR/>&lt;3"'],
    )
    journal.imports.import_file(path)
    assert journal.metrics.notes()[date(2026, 11, 20)] == "Title\nNever mindd.\nTom & Jo\n<3"


def test_plain_text_keeps_what_was_typed() -> None:
    assert daylio.plain_text("a  b &nbsp;c") == "a  b \u00a0c"
    assert daylio.plain_text("x<p>y</p>z") == "xy\nz"


MOODS = st.sampled_from(["rad", "good", "meh", "bad", "awful", ""])
ACTIVITIES = st.lists(st.sampled_from(["walk", "Walk", "read", "cook", "tv"]), max_size=4)
SCALE = st.one_of(
    st.tuples(st.sampled_from(["Sleep Quality", "Focus"]), st.integers(0, 10)).map(
        lambda t: f"{t[0]}: {t[1]}/10 points"
    ),
    st.tuples(st.sampled_from(["Sleep Time", "Nap"]), st.integers(0, 14), st.integers(0, 59)).map(
        lambda t: f"{t[0]}: {t[1]}:{t[2]:02d}"
    ),
    st.sampled_from(["Energy: high", "Weird", "Steps: 4000"]),
)
DAYS = st.one_of(
    st.integers(-20, 5).map(lambda n: date(2026, 11, 23) + timedelta(days=n)),
    st.sampled_from([date(1969, 12, 31), date(1955, 1, 1), date(9999, 12, 31)]),
)
ROW = st.tuples(
    DAYS, MOODS, ACTIVITIES, st.lists(SCALE, max_size=3), st.sampled_from(["", "x", "a<br>b"])
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(ROW, min_size=1, max_size=25), twice=st.booleans())
def test_every_daylio_row_is_accounted_for(
    journal: Any, tmp_path: Path, rows: list[Any], twice: bool
) -> None:
    lines = [
        f'{day.isoformat()},,,,{mood},"{" | ".join(acts)}","{" | ".join(scales)}","","{note}"'
        for day, mood, acts, scales, note in rows
    ]
    path = write(tmp_path, lines, "ledger.csv")
    preview = journal.imports.preview(path, journal.imports.read(path))
    assert preview.ledger.balanced, preview.ledger.unbalanced()
    journal.imports.import_file(path)
    ledger = journal.imports.last_ledger
    assert ledger.balanced, ledger.unbalanced()
    # The preview's ledger is the import's.
    assert [vars(x) for x in preview.ledger.lines.values()] == [
        vars(x) for x in ledger.lines.values()
    ]
    mood_rows = sum(1 for r in rows if r[1])
    assert ledger.line("ratings").read >= mood_rows
    future = [r for r in rows if r[0] > date(2026, 11, 23) and r[1]]
    if future:
        assert ledger.line("ratings").left_out["future"] >= len(future)
    if twice:
        journal.imports.import_file(path)
        again = journal.imports.last_ledger
        assert again.balanced and all(line.imported == 0 for line in again.lines.values())
