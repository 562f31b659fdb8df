"""`export --csv DIR`: one file per kind of record, with headers, that a spreadsheet reads."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from plasticity_app.cli import main
from plasticity_app.controller.export import RECORD_ARRAYS


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    assert main(["seed-demo", "--data-dir", str(folder)]) == 0
    return folder


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_kind_of_record_gets_a_file_matching_the_json_export(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--json", str(tmp_path / "all.json"), "--data-dir", str(demo)]) == 0
    document = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    out = tmp_path / "csv"
    assert main(["export", "--csv", str(out), "--data-dir", str(demo)]) == 0
    assert "CSV files" in capsys.readouterr().out
    for name in RECORD_ARRAYS:
        rows = read(out / f"{name}.csv")
        assert len(rows) == len(document[name]), name
    habits = read(out / "habits.csv")
    sleep = next(h for h in habits if h["name"] == "Sleep")
    assert sleep["target.daily_min"] == "7" and sleep["target.daily_max"] == "9"
    assert sleep["archived"] == "false"
    entries = read(out / "metric_entries.csv")
    assert set(entries[0]) == {"metric_id", "date", "value"}
    steps = read(out / "roadmap.csv")
    assert [s["number"] for s in steps] == ["1", "2", "3", "4", "5"]
    settings = {r["setting"]: r["value"] for r in read(out / "settings.csv")}
    assert settings["first_weekday"] == "0"
    # Excel needs the byte-order mark to read UTF-8; every file starts with it.
    assert (out / "experiments.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_file_in_the_way_is_a_clear_error(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("keep me", encoding="utf-8")
    assert main(["export", "--csv", str(blocker), "--data-dir", str(demo)]) == 1
    assert "is a file" in capsys.readouterr().err
    assert blocker.read_text(encoding="utf-8") == "keep me"
    assert main(["export", "--csv", str(tmp_path / "no" / "such"), "--data-dir", str(demo)]) == 1
    assert "does not exist" in capsys.readouterr().err
