"""Fuzz every importer with files that look right but hold wrong things: cells, values and columns
swapped for awkward ones (structure-aware, unlike the byte flips in
tests/unit/controller/test_imports.py). The pure parsers may only succeed or raise a UserError;
through the journal, a refused file leaves it exactly as it was and a file that goes in adds
nothing the second time."""

from __future__ import annotations

import copy
import csv
import io
import json
import sqlite3
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plasticity_app.domain.clock import FixedClock
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.imports import daylio, loop, own_json
from plasticity_app.domain.metrics import Direction
from tests.unit.domain.test_import_json import document

PURE = settings(database=None, deadline=None, max_examples=300)
WHOLE = settings(
    database=None,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

AWKWARD_TEXT = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "1",
        "2",
        "3",
        "7",
        "1000",
        "99999999999999999999",
        "1e400",
        "nan",
        "NUMERICAL",
        "YES_NO",
        "YES_MANUAL",
        "YES_AUTO",
        "SKIP",
        "NO",
        "UNKNOWN",
        "AT_MOST",
        "true",
        "rad",
        "RAD ",
        "awful",
        "sad",
        "a | b |  | c",
        "|",
        "2026-11-20",
        "2026-02-30",
        "0001-01-01",
        "9999-12-31",
        "20/11/2026",
        "x" * 300,
        "<br>" * 3,
        '"',
        "\x00",
        "\r",
        "é",
    ]
)
AWKWARD_JSON: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(
        [
            None,
            True,
            False,
            0,
            -1,
            11,
            101,
            10**20,
            1.5,
            1e308,
            "",
            "x" * 300,
            "2026-02-30",
            "2026-11-20",
            "2026-11-20T10:00",
            "yes_no",
            "done",
            "higher",
            [],
            {},
            [{}],
            {"times": 0},
        ]
    ),
    st.text(max_size=8),
    st.integers(),
)


def table(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def write(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


@st.composite
def mutated_csv(draw: st.DrawFn, text: str) -> str:
    """Cells replaced, rows or columns dropped or doubled, or the text cut short."""
    rows = table(text)
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(["cell", "cell", "cell", "drop_row", "drop_column", "double"]))
        r = draw(st.integers(0, len(rows) - 1))
        if op == "cell" and rows[r]:
            rows[r][draw(st.integers(0, len(rows[r]) - 1))] = draw(AWKWARD_TEXT)
        elif op == "drop_row" and len(rows) > 1:
            del rows[r]
        elif op == "drop_column" and rows[0]:
            c = draw(st.integers(0, len(rows[0]) - 1))
            rows = [row[:c] + row[c + 1 :] for row in rows]
        elif op == "double":
            rows.insert(r, list(rows[r]))
    result = write(rows)
    if draw(st.booleans()) and draw(st.booleans()):
        result = result[: draw(st.integers(0, len(result)))]
    return result


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*prefix, index))
    return found


@st.composite
def mutated_document(draw: st.DrawFn) -> dict[str, Any]:
    doc = copy.deepcopy(document())
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths(doc)))
        parent: Any = doc
        for part in path[:-1]:
            parent = parent[part]
        if draw(st.integers(0, 4)) == 0:
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(AWKWARD_JSON)
    return doc


DAYLIO = (
    "\ufefffull_date,date,weekday,time,mood,activities,scales,note_title,note\n"
    '2026-11-20,20. Nov,Freitag,21:35,rad,"walk | reading","","Good day","Went <br>well"\n'
    '2026-11-20,20. Nov,Freitag,08:00,good,"walk","","",""\n'
    '2026-11-19,19. Nov,Donnerstag,22:00,awful,"","","",""\n'
)
HABITS = (
    "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,"
    "Unit,Target Type,Target Value,Archived?\n"
    "001,Run,YES_NO,Did you run?,,2,7,#FF8F00,,,,false\n"
    "002,Read,NUMERICAL,,,1,1,#00897B,pages,AT_LEAST,20,false\n"
)
RUN_MARKS = "Date,Value,Notes\n2020-01-03,YES_MANUAL,\n2020-01-02,SKIP,ill\n2020-01-01,NO,\n"
READ_MARKS = "Date,Value,Notes\n2020-01-02,25000,\n2020-01-01,-1,\n"


def loop_files(habits: str, run: str, read: str) -> dict[str, str]:
    return {"Habits.csv": habits, "001 Run/Checkmarks.csv": run, "002 Read/Checkmarks.csv": read}


LOOP_COLUMNS = {
    "Habits": [
        ("id", "integer primary key"),
        ("archived", "integer"),
        ("color", "integer"),
        ("description", "text"),
        ("freq_den", "integer"),
        ("freq_num", "integer"),
        ("highlight", "integer"),
        ("name", "text"),
        ("position", "integer"),
        ("type", "integer"),
        ("target_type", "integer"),
        ("target_value", "real"),
        ("unit", "text"),
        ("question", "text"),
    ],
    "Repetitions": [
        ("id", "integer primary key"),
        ("habit", "integer"),
        ("timestamp", "integer"),
        ("value", "integer"),
        ("notes", "text"),
    ],
}
LOOP_ROWS: dict[str, list[list[Any]]] = {
    "Habits": [
        [1, 0, 1, "", 7, 2, 0, "Run", 0, 0, 0, 0.0, "", "Did you run?"],
        [2, 0, 2, "", 1, 1, 0, "Read", 1, 1, 0, 20.0, "pages", ""],
    ],
    "Repetitions": [
        [1, 1, 1577836800000, 2, ""],
        [2, 1, 1577923200000, 3, "ill"],
        [3, 2, 1577836800000, 25000, None],
        [4, 2, 1577923200000, 0, None],
    ],
}
AWKWARD_SQL = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.sampled_from([-1, 0, 1, 2, 3, 1000, 1577836800000]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=6),
    st.binary(max_size=6),
)


@st.composite
def loop_database(draw: st.DrawFn) -> tuple[dict[str, list[str]], dict[str, list[list[Any]]]]:
    """Column names per table and their rows, with awkward values and maybe a column dropped."""
    columns = {t: [c for c, _ in cols] for t, cols in LOOP_COLUMNS.items()}
    rows = copy.deepcopy(LOOP_ROWS)
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(sorted(rows)))
        r = draw(st.integers(0, len(rows[name]) - 1))
        c = draw(st.integers(0, len(columns[name]) - 1))
        if c == 0:
            continue  # keep ids unique so the table can be built
        if draw(st.integers(0, 9)) == 0:
            del columns[name][c]
            for row in rows[name]:
                del row[c]
        else:
            rows[name][r][c] = draw(AWKWARD_SQL)
    return columns, rows


def build_loop_db(path: Path, columns: dict[str, list[str]], rows: dict[str, Any]) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 25")
    for name, cols in columns.items():
        types = dict(LOOP_COLUMNS[name])
        conn.execute(f"CREATE TABLE {name} ({', '.join(f'{c} {types[c]}' for c in cols)})")
        marks = ", ".join("?" for _ in cols)
        conn.executemany(f"INSERT INTO {name} VALUES ({marks})", rows[name])
    conn.commit()
    conn.close()


def only_user_errors(parse: Callable[[], object]) -> None:
    try:
        parse()
    except UserError as exc:
        assert exc.message.strip(), "a refusal says why"


# The pure parsers ------------------------------------------------------------------------------


@PURE
@given(text=mutated_csv(DAYLIO), mood_map=st.sampled_from([None, {"sad": 2.0}]))
def test_daylio_parser(text: str, mood_map: dict[str, float] | None) -> None:
    only_user_errors(lambda: daylio.parse(text, "daylio.csv", mood_map))
    daylio.mood_names(text)  # the dialog's list of names never fails either


@PURE
@given(
    habits=mutated_csv(HABITS),
    run=mutated_csv(RUN_MARKS),
    which=st.sampled_from(["habits", "run", "both"]),
)
def test_loop_csv_parser(habits: str, run: str, which: str) -> None:
    files = loop_files(
        habits if which != "run" else HABITS, run if which != "habits" else RUN_MARKS, READ_MARKS
    )
    only_user_errors(lambda: loop.parse_csv_export(files))


@PURE
@given(doc=mutated_document())
def test_own_json_parser(doc: dict[str, Any]) -> None:
    only_user_errors(lambda: own_json.parse(json.dumps(doc), "journal.json", 99))


@PURE
@given(db=loop_database())
def test_loop_backup_rows(db: tuple[dict[str, list[str]], dict[str, list[list[Any]]]]) -> None:
    columns, rows = db
    habits = [dict(zip(columns["Habits"], r, strict=True)) for r in rows["Habits"]]
    repetitions = [dict(zip(columns["Repetitions"], r, strict=True)) for r in rows["Repetitions"]]
    only_user_errors(lambda: loop.plan_from_backup("loop.db", 25, habits, repetitions))


# Through the journal: refused whole, or in once -------------------------------------------------
# Each example gets a fresh journal (about 10 ms) that already holds a habit and a metric, so that
# merging into existing records is exercised and a failure replays the same way when shrunk.


def snapshot(journal: Any) -> dict[str, Any]:
    doc: dict[str, Any] = journal.export.document()
    doc.pop("exported_at")
    return doc


def all_or_nothing_then_nothing_twice(folder: Path, path: Path) -> None:
    from plasticity_app.controller.journal import Journal
    from plasticity_app.domain.habits import HabitKind, Target

    journal: Any = Journal(folder / "journal", FixedClock(datetime(2026, 11, 23, 20, 0)))
    try:
        journal.habits.add_habit(name="Run", kind=HabitKind.YES_NO, target=Target(1, 1))
        journal.metrics.add("Calm", Direction.HIGHER)
        before = snapshot(journal)
        try:
            journal.imports.import_file(path)
        except UserError:
            assert snapshot(journal) == before, "a refused file changes nothing"
            return
        after = snapshot(journal)
        assert journal.imports.import_file(path).startswith("Nothing new to add")
        assert snapshot(journal) == after, "the same file twice adds nothing"
    finally:
        journal.close()


@WHOLE
@given(text=mutated_csv(DAYLIO))
def test_daylio_whole(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    folder = tmp_path_factory.mktemp("daylio")
    path = folder / "daylio_export.csv"
    path.write_text(text, encoding="utf-8")
    all_or_nothing_then_nothing_twice(folder, path)


@WHOLE
@given(habits=mutated_csv(HABITS), run=mutated_csv(RUN_MARKS))
def test_loop_zip_whole(tmp_path_factory: pytest.TempPathFactory, habits: str, run: str) -> None:
    folder = tmp_path_factory.mktemp("loop")
    path = folder / "Loop Habits CSV 2026-11-24.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in loop_files(habits, run, READ_MARKS).items():
            archive.writestr(name, text)
    all_or_nothing_then_nothing_twice(folder, path)


@WHOLE
@given(doc=mutated_document())
def test_own_json_whole(tmp_path_factory: pytest.TempPathFactory, doc: dict[str, Any]) -> None:
    folder = tmp_path_factory.mktemp("json")
    path = folder / "journal.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    all_or_nothing_then_nothing_twice(folder, path)


@WHOLE
@given(db=loop_database())
def test_loop_backup_whole(
    tmp_path_factory: pytest.TempPathFactory,
    db: tuple[dict[str, list[str]], dict[str, list[list[Any]]]],
) -> None:
    columns, rows = db
    folder = tmp_path_factory.mktemp("loopdb")
    path = folder / "Loop Habits Backup.db"
    build_loop_db(path, columns, rows)
    all_or_nothing_then_nothing_twice(folder, path)
