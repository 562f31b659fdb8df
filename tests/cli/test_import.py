"""`import FILE [--format ...] [--mood-map ...]` as a person runs it: the real files from other
apps, our own export round trip, and bad input refused with one line on stderr and nothing
written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from plasticity_app.cli import main
from tests.conftest import REALDATA

needs_realdata = pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is absent")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plasticity_app", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
    )


def export(folder: Path, target: Path) -> dict[str, Any]:
    assert main(["export", "--json", str(target), "--data-dir", str(folder)]) == 0
    document: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    document.pop("exported_at")
    return document


def records(folder: Path, tmp_path: Path) -> dict[str, int]:
    """How many records of each kind the journal in ``folder`` holds."""
    document = export(folder, tmp_path / f"count-{folder.name}.json")
    return {k: len(v) for k, v in document.items() if isinstance(v, list)}


@needs_realdata
@pytest.mark.parametrize(
    ("path", "extra", "summary"),
    [
        ("loop/csv_export", [], "Added 2 habits, 7 habit days."),
        ("loop/loop-v21.db", [], "Added 1 habit, 3 habit days."),
        ("loop/loop-v22.db", ["--format", "loop-db"], "Added 2 habits, 1 habit day."),
        (
            "daylio/sample.csv",
            ["--mood-map", "average=5,sad=2"],
            "Added 1 metric, 3 ratings, 14 habits, 24 habit days.",
        ),
    ],
)
def test_real_files_import_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], path: str, extra: list[str], summary: str
) -> None:
    """The counts come from the files themselves: Loop's Wake up early has 6 YES_MANUAL and 1 NO
    (YES_AUTO is derived, Meditate has no checkmarks); v21 holds 3 repetitions, v22 one; the
    Daylio sample has 3 days with 7 + 12 + 5 activities, 14 different ones."""
    folder = tmp_path / "journal"
    args = ["import", str(REALDATA / path), *extra, "--data-dir", str(folder)]
    assert main(args) == 0
    assert capsys.readouterr().out.startswith(summary)
    assert main(args) == 0
    assert capsys.readouterr().out.startswith("Nothing new to add")


@needs_realdata
def test_daylio_with_renamed_moods_is_refused_until_mapped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "journal"
    sample = str(REALDATA / "daylio" / "sample.csv")
    before = records(folder, tmp_path)
    assert main(["import", sample, "--data-dir", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, "one line"
    assert "sample.csv" in err and "“average”, “sad”" in err
    assert "--mood-map average=?,sad=?" in err
    assert records(folder, tmp_path) == before, "nothing written"
    assert main(["import", sample, "--mood-map", "average=5, sad=two", "--data-dir", str(folder)])
    assert "“two” is not a number" in capsys.readouterr().err
    assert main(["import", sample, "--mood-map", "average=11", "--data-dir", str(folder)]) == 1
    assert "from 0 to 10" in capsys.readouterr().err
    assert records(folder, tmp_path) == before


def test_our_export_round_trips_through_the_command(tmp_path: Path) -> None:
    source = tmp_path / "a"
    assert main(["seed-demo", "--data-dir", str(source)]) == 0
    first = export(source, tmp_path / "a.json")
    target = tmp_path / "b"
    out = run("import", str(tmp_path / "a.json"), "--data-dir", str(target))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Added ")
    assert export(target, tmp_path / "b.json") == first
    again = run("import", str(tmp_path / "a.json"), "--data-dir", str(target))
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("Nothing new to add")
    assert export(target, tmp_path / "b2.json") == first
    assert any("before-import" in p.name for p in (target / "backups").iterdir())


@pytest.mark.parametrize(
    ("name", "content", "extra", "message"),
    [
        # any .csv is a spreadsheet now: an empty one has no header to give its columns roles
        ("empty.csv", b"", [], "empty.csv, line 1: the file has no header row."),
        ("noise.bin", bytes(range(256)) * 8, [], "noise.bin: this doesn’t look like"),
        ("cut.json", b'{"format": "plasticity-journal", "sch', [], "cut.json, line 1"),
        (
            "export.json",
            b'{"format": "plasticity-journal", "schema_version": 1}',
            ["--format", "daylio"],
            "export.json, line 1: this is not a Daylio export",
        ),
        (
            "daylio.csv",
            b"full_date,date,weekday,time,mood,activities,note_title,note\n"
            b"2026-11-01,1 Nov,Sunday,20:00,good,walk,,\n"
            b"yesterday,2 Nov,Monday,20:00,good,walk,,\n",
            [],
            "daylio.csv, line 3: “yesterday” is not a date",
        ),
        (
            "latin1.csv",
            "full_date,mood,activities\n2026-11-01,géant,\n".encode("latin-1"),
            ["--format", "daylio"],
            "latin1.csv: this is not a text file",
        ),
        ("fake.db", b"SQLite format 3\x00" + b"\x00" * 200, [], "fake.db: the file can’t be read"),
    ],
)
def test_bad_files_get_one_line_and_nothing_is_written(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes,
    extra: list[str],
    message: str,
) -> None:
    folder = tmp_path / "journal"
    before = records(folder, tmp_path)
    path = tmp_path / name
    path.write_bytes(content)
    assert main(["import", str(path), *extra, "--data-dir", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("plasticity-journal: ") and err.count("\n") == 1, err
    assert message in err
    assert err.rstrip().endswith("Nothing was imported.") or "doesn’t look like" in err
    assert records(folder, tmp_path) == before
    assert not (folder / "backups").is_dir() or not any(
        "before-import" in p.name for p in (folder / "backups").iterdir()
    ), "a refused file is refused before the backup and the write"


def test_a_missing_file_and_a_format_we_do_not_know(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    out = run("import", str(tmp_path / "nowhere.csv"), "--data-dir", str(folder))
    assert out.returncode == 1
    assert "nowhere.csv doesn’t exist" in out.stderr
    out = run("import", str(tmp_path / "x.csv"), "--format", "excel", "--data-dir", str(folder))
    assert out.returncode == 2, "a usage error"
    assert "invalid choice" in out.stderr
