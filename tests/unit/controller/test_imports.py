"""Import: our own export round trip, Loop (CSV folder, zip, .db) and Daylio; all or nothing;
the same file twice adds nothing; bad files refused with one clear message."""

from __future__ import annotations

import csv
import json
import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plasticity_app.controller.journal import Journal
from plasticity_app.domain import habits as hb
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.imports.daylio import UnknownMoods, parse_mood_map
from tests.conftest import REALDATA

LOOP_CSV = REALDATA / "loop" / "csv_export"
needs_realdata = pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is absent")


def snapshot(journal: Any) -> dict[str, Any]:
    document = journal.export.document()
    document.pop("exported_at")
    return document


def loop_zip(tmp_path: Path) -> Path:
    target = tmp_path / "Loop Habits CSV 2015-01-25.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for item in sorted(LOOP_CSV.rglob("*")):
            if item.is_file():
                archive.write(item, item.relative_to(LOOP_CSV).as_posix())
    return target


def test_export_import_export_gives_the_same_document(tmp_path: Path, clock: Any) -> None:
    from plasticity_app.controller.demo_all import seed_full_demo

    source = Journal(tmp_path / "a", clock)
    seed_full_demo(source)
    source.export.write_json(tmp_path / "a.json")
    target = Journal(tmp_path / "b", clock)
    summary = target.imports.import_file(tmp_path / "a.json")
    assert summary.startswith("Added 3 metrics")
    assert snapshot(target) == snapshot(source)
    # Twice: nothing new, and still the same document.
    assert target.imports.import_file(tmp_path / "a.json").startswith("Nothing new to add")
    assert snapshot(target) == snapshot(source)
    assert any(b.reason == "before-import" for b in target.safety.backups())
    source.close()
    target.close()


@needs_realdata
@pytest.mark.parametrize("kind", ["folder", "zip"])
def test_loop_csv_gives_the_same_checkmarks_and_strength(
    journal: Any, tmp_path: Path, kind: str
) -> None:
    path = LOOP_CSV if kind == "folder" else loop_zip(tmp_path)
    assert journal.imports.detect(path) == "loop-csv"
    summary = journal.imports.import_file(path)
    assert summary.startswith("Added 2 habits")
    habits = {h.name: h for h in journal.habits.habits(include_archived=True)}
    assert set(habits) == {"Meditate", "Wake up early"}
    assert habits["Wake up early"].target == hb.Target(2, 3)
    for folder, name in (("001 Meditate", "Meditate"), ("002 Wake up early", "Wake up early")):
        with (LOOP_CSV / folder / "Checkmarks.csv").open(newline="", encoding="utf-8") as fh:
            marks = {r["Date"]: r["Value"] for r in csv.DictReader(fh)}
        entries = {e.day.isoformat(): e for e in journal.habits.entries(habits[name].id)}
        expected = {
            d: {"YES_MANUAL": "done", "NO": "missed", "SKIP": "skipped"}[v]
            for d, v in marks.items()
            if v in ("YES_MANUAL", "NO", "SKIP")
        }
        assert {d: e.status.value for d, e in entries.items()} == expected
        with (LOOP_CSV / folder / "Scores.csv").open(newline="", encoding="utf-8") as fh:
            scores = {r["Date"]: r["Score"] for r in csv.DictReader(fh)}
        days = sorted(date.fromisoformat(d) for d in scores)
        ours = hb.strength_series(
            habits[name], journal.habits.entries(habits[name].id), days[0], days[-1]
        )
        assert {d.isoformat(): f"{s:.4f}" for d, s in ours} == scores
    assert journal.imports.import_file(path).startswith("Nothing new to add")


@needs_realdata
@pytest.mark.parametrize(
    ("name", "habits", "days"),
    [("loop-v21.db", ["Hello world"], 3), ("loop-v22.db", ["Work out", "Test"], 1)],
)
def test_loop_backups(journal: Any, name: str, habits: list[str], days: int) -> None:
    path = REALDATA / "loop" / name
    assert journal.imports.detect(path) == "loop-db"
    journal.imports.import_file(path)
    assert [h.name for h in journal.habits.habits(include_archived=True)] == habits
    assert len(journal.habits.entries()) == days
    assert journal.habits.entries()[0].status is hb.EntryStatus.DONE


def test_a_loop_backup_without_repetition_values_and_numerical_habits(
    journal: Any, tmp_path: Path
) -> None:
    import sqlite3

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        PRAGMA user_version = 15;
        CREATE TABLE Habits (id integer primary key, archived integer, color integer,
            description text, freq_den integer, freq_num integer, highlight integer, name text,
            position integer, type integer, target_type integer, target_value real, unit text);
        CREATE TABLE Repetitions (id integer primary key, habit integer, timestamp integer);
        INSERT INTO Habits VALUES (1, 0, 1, '', 7, 3, 0, 'Run', 0, 0, 0, 0, '');
        INSERT INTO Repetitions VALUES (1, 1, 1577836800000), (2, 1, 1577923200000);
        """
    )
    conn.close()
    journal.imports.import_file(path)
    (run,) = journal.habits.habits()
    assert run.target == hb.Target(3, 7)
    assert [e.day for e in journal.habits.entries()] == [date(2020, 1, 1), date(2020, 1, 2)]


@needs_realdata
def test_daylio_needs_a_mapping_for_renamed_moods(journal: Any) -> None:
    path = REALDATA / "daylio" / "sample.csv"
    before = snapshot(journal)
    with pytest.raises(UnknownMoods) as caught:
        journal.imports.import_file(path)
    assert caught.value.names == ["average", "sad"]
    assert snapshot(journal) == before
    summary = journal.imports.import_file(path, mood_map=parse_mood_map("average=5, sad =2"))
    assert summary.startswith("Added 1 metric, 3 ratings, 14 habits, 24 habit days.")
    mood = next(m for m in journal.metrics.all() if m.name == "Mood (from Daylio)")
    ratings = {e.day: e.value for e in journal.ctx.metrics_repo.entries([mood.id])}
    assert ratings == {date(2021, 9, 28): 2, date(2021, 9, 27): 5, date(2021, 9, 26): 5}
    assert journal.imports.import_file(path, mood_map=parse_mood_map("average=5,sad=2")).startswith(
        "Nothing new"
    )


def test_daylio_nine_columns_bom_and_averages(journal: Any, tmp_path: Path) -> None:
    path = tmp_path / "daylio_export_2026_11_24.csv"
    path.write_text(
        "\ufefffull_date,date,weekday,time,mood,activities,scales,note_title,note\n"
        '2026-11-20,20. Nov,Freitag,21:35,rad,"walk | reading","","Good day","Went <br>well"\n'
        '2026-11-20,20. Nov,Freitag,08:00,good,"walk","","",""\n'
        '2026-11-19,19. Nov,Donnerstag,22:00,awful,"","","",""\n',
        encoding="utf-8",
    )
    journal.imports.import_file(path)
    mood = journal.metrics.all()[0]
    ratings = {e.day: e.value for e in journal.ctx.metrics_repo.entries([mood.id])}
    assert ratings == {date(2026, 11, 20): 9, date(2026, 11, 19): 0}  # (10 + 7.5) / 2 → 9
    assert journal.metrics.notes()[date(2026, 11, 20)] == "Good day\nWent \nwell"
    assert sorted(h.name for h in journal.habits.habits(include_archived=True)) == [
        "reading",
        "walk",
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.json", b"", "doesn’t look like a file we can import"),
        (
            "bad.json",
            b'{"format": "plasticity-journal", "schema_version": 1, "metrics": 3}',
            "should be a list",
        ),
        ("other.json", b'{"hello": 1}', "not a Plasticity Journal export"),
        (
            "newer.json",
            b'{"format": "plasticity-journal", "schema_version": 99}',
            "newer Plasticity Journal",
        ),
        ("truncated.json", b'{"format": "plasticity-journal", "schema_ver', "not valid JSON"),
        ("binary.bin", bytes(range(256)) * 4, "doesn’t look like a file we can import"),
        (
            "daylio.csv",
            b"full_date,date,weekday,time,mood,activities,note_title,note\n"
            b"2026-13-45,x,y,z,rad,,,\n",
            "line 2: “2026-13-45” is not a date",
        ),
        (
            "daylio2.csv",
            b"full_date,date,weekday,time,mood,note_title,note\n",
            "no activities column",
        ),
    ],
)
def test_bad_files_are_refused_whole(
    journal: Any, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    before = snapshot(journal)
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError) as caught:
        journal.imports.import_file(path)
    assert message in caught.value.message
    assert name in caught.value.message
    assert snapshot(journal) == before


def test_a_loop_export_with_a_missing_column_or_bad_date(journal: Any, tmp_path: Path) -> None:
    folder = tmp_path / "loop"
    (folder / "001 Run").mkdir(parents=True)
    (folder / "Habits.csv").write_text(
        "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator\n"
        "001,Run,YES_NO,,,1,1\n",
        encoding="utf-8",
    )
    (folder / "001 Run" / "Checkmarks.csv").write_text(
        "Date,Value,Notes\n2020-01-01,YES_MANUAL,\n2020-02-30,NO,\n", encoding="utf-8"
    )
    with pytest.raises(
        UserError, match=r"001 Run/Checkmarks.csv, line 3: “2020-02-30” is not a date"
    ):
        journal.imports.import_file(folder)
    (folder / "Habits.csv").write_text("Position,Name\n001,Run\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"Habits.csv, line 1: the columns Type, .* are missing"):
        journal.imports.import_file(folder)
    assert journal.habits.habits(include_archived=True) == []


@pytest.mark.parametrize(
    ("habits", "marks", "message"),
    [
        ("\x0001,Run,YES_NO,,,1,1\n", "Date,Value,Notes\n", "is not a number"),
        ("001,Run,YES_NO,,,1,1\n", "\rDate,Value\n2020-01-01,NO\n", "are missing"),
    ],
)
def test_damaged_loop_csv_found_by_the_fuzz_test(
    journal: Any, tmp_path: Path, habits: str, marks: str, message: str
) -> None:
    path = tmp_path / "loop.zip"
    header = "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator\n"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Habits.csv", header + habits)
        archive.writestr("001 Run/Checkmarks.csv", marks)
    with pytest.raises(UserError, match=message):
        journal.imports.import_file(path)
    assert journal.habits.habits(include_archived=True) == []


def test_an_unknown_loop_schema_is_refused(journal: Any, tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE Habits (id integer, title text); CREATE TABLE Repetitions (x integer);"
    )
    conn.close()
    with pytest.raises(UserError, match="schema we don’t know"):
        journal.imports.import_file(path)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_mutated_files_never_crash_or_half_import(
    journal: Any, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    """Fuzz: flip, cut and insert bytes in valid files of every format; the import either
    succeeds whole or is refused with a UserError, and a refusal leaves the journal as it was."""
    folder = tmp_path_factory.mktemp("fuzz")
    sources = {
        "export.json": json.dumps(
            {
                "format": "plasticity-journal",
                "schema_version": 2,
                "metrics": [{"id": 1, "name": "Calm", "direction": "higher"}],
                "metric_entries": [{"metric_id": 1, "date": "2026-11-01", "value": 6}],
                "habits": [
                    {
                        "id": 1,
                        "name": "Walk",
                        "kind": "yes_no",
                        "target": {"times": 1, "period_days": 1},
                    }
                ],
                "habit_entries": [{"habit_id": 1, "date": "2026-11-01", "status": "done"}],
            }
        ).encode(),
        "daylio.csv": (
            b"full_date,date,weekday,time,mood,activities,note_title,note\n"
            b'2026-11-01,1 Nov,Sunday,20:00,good,"walk | read","",""\n'
        ),
    }
    habits_csv = (
        "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color\n"
        "001,Run,YES_NO,,,2,7,#FF8F00\n"
    )
    marks = "Date,Value,Notes\n2020-01-02,YES_MANUAL,\n2020-01-01,SKIP,ill\n"
    sources["Habits.csv"] = habits_csv.encode()
    sources["Checkmarks.csv"] = marks.encode()
    if (REALDATA / "loop" / "loop-v22.db").is_file():
        sources["loop.db"] = (REALDATA / "loop" / "loop-v22.db").read_bytes()
    name = data.draw(st.sampled_from(sorted(sources)))
    content = bytearray(sources[name])
    for _ in range(data.draw(st.integers(1, 4))):
        op = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        at = data.draw(st.integers(0, max(0, len(content) - 1)))
        if op == "flip" and content:
            content[at] = data.draw(st.integers(0, 255))
        elif op == "cut":
            del content[at : at + data.draw(st.integers(1, 20))]
        else:
            content[at:at] = data.draw(st.binary(min_size=1, max_size=8))
    path = folder / name
    if name in ("Habits.csv", "Checkmarks.csv"):  # a Loop CSV zip with one mutated member
        other = "Checkmarks.csv" if name == "Habits.csv" else "Habits.csv"
        path = folder / "loop.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr(
                name if name == "Habits.csv" else "001 Run/Checkmarks.csv", bytes(content)
            )
            archive.writestr(
                other if other == "Habits.csv" else "001 Run/Checkmarks.csv", sources[other]
            )
    else:
        path.write_bytes(bytes(content))
    before = snapshot(journal)
    try:
        journal.imports.import_file(path)
    except UserError:
        assert snapshot(journal) == before


def test_future_days_are_left_out_and_said(journal: Any, tmp_path: Path) -> None:
    today = journal.ctx.today()
    path = tmp_path / "daylio.csv"
    path.write_text(
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        f'{today + timedelta(days=3)},x,y,20:00,good,"walk","",""\n'
        f'{today},x,y,20:00,good,"walk","",""\n',
        encoding="utf-8",
    )
    summary = journal.imports.import_file(path)
    assert "2 entries dated after today were left out." in summary
    assert [e.day for e in journal.ctx.metrics_repo.entries()] == [today]


def test_odd_loop_backups_same_names_blob_names_and_archived_text(
    journal: Any, tmp_path: Path
) -> None:
    import sqlite3

    path = tmp_path / "odd.db"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        PRAGMA user_version = 22;
        CREATE TABLE Habits (id integer primary key, archived, color integer,
            description text, freq_den integer, freq_num integer, highlight integer, name,
            position integer);
        CREATE TABLE Repetitions (id integer primary key, habit integer, timestamp integer,
            value integer);
        """
    )
    conn.execute("INSERT INTO Habits VALUES (1, 'no', 1, '', 1, 1, 0, 'Run', 0)")
    conn.execute("INSERT INTO Habits VALUES (2, 1, 1, '', 1, 1, 0, 'Run', 1)")
    conn.execute("INSERT INTO Habits VALUES (3, 0, 1, '', 1, 1, 0, ?, 2)", (b"Stretch",))
    conn.commit()
    conn.close()
    journal.imports.import_file(path)
    habits = {h.name: h for h in journal.habits.habits(include_archived=True)}
    assert set(habits) == {"Run", "Run (2)", "Stretch"}
    assert not habits["Run"].archived and habits["Run (2)"].archived
