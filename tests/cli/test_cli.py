"""The headless commands, run as a person would run them (a separate process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from plasticity_app.cli import main


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plasticity_app", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_status_json_on_a_new_folder(tmp_path: Path) -> None:
    out = run("status", "--json", "--data-dir", str(tmp_path / "j"))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    states = [s["state"] for s in data["steps"]]
    assert states == ["active", "locked", "locked", "locked", "locked"]
    for step in data["steps"][1:]:
        assert step["reasons"], "a locked step says why"


def test_data_dir_from_the_environment(tmp_path: Path) -> None:
    out = run("status", env={"PLASTICITY_DATA_DIR": str(tmp_path / "env")})
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "env" / "journal.sqlite3").exists()


def test_status_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--data-dir", str(tmp_path)]) == 0
    text = capsys.readouterr().out
    assert "Step 1  Map your baseline: active" in text
    assert "Choose at least 2 outcome metrics to rate." in text


def test_baseline_completes_after_seven_days_then_step2_active(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from plasticity_app.controller.journal import Journal
    from tests.helpers import add_presets

    journal = Journal(tmp_path)
    metrics = add_presets(journal)
    today = journal.ctx.today()
    with pytest.raises(Exception, match="hasn’t happened yet"):
        journal.metrics.check_in(today + timedelta(days=1), {m.id: 4 for m in metrics})
    for i in range(7):
        journal.metrics.check_in(today - timedelta(days=3 * i), {m.id: 4 for m in metrics})
    journal.close()
    assert main(["status", "--json", "--data-dir", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["state"] for s in data["steps"]][:3] == ["complete", "active", "locked"]
    assert data["steps"][0]["completed_on"] == today.isoformat()


def test_export_json_holds_metrics_checkins_roadmap_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["seed-demo", "--data-dir", str(tmp_path / "j")]) == 0
    target = tmp_path / "out.json"
    assert main(["export", "--json", str(target), "--data-dir", str(tmp_path / "j")]) == 0
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["format"] == "plasticity-journal"
    assert doc["schema_version"] >= 1
    assert len(doc["metrics"]) == 3
    assert {"id", "name", "direction", "description", "archived"} <= set(doc["metrics"][0])
    assert len(doc["metric_entries"]) > 150
    entry = doc["metric_entries"][0]
    assert set(entry) == {"metric_id", "date", "value"}
    date.fromisoformat(entry["date"])
    assert [s["number"] for s in doc["roadmap"]["steps"]] == [1, 2, 3, 4, 5]
    assert doc["roadmap"]["steps"][0]["state"] == "complete"
    assert doc["settings"]["baseline_days"] == 7
    for key in (
        "habits",
        "habit_entries",
        "experiments",
        "thought_records",
        "learning_sessions",
        "openings",
        "reviews",
    ):
        assert isinstance(doc[key], list)


def test_seed_demo_refuses_a_journal_with_entries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["seed-demo", "--data-dir", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["seed-demo", "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "already has entries" in err[0]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_is_one_clear_line(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    out = run("status", "--data-dir", str(locked / "j"))
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "Can’t write to the journal folder" in out.stderr


def test_a_file_where_the_folder_should_be_is_one_clear_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = run("status", "--data-dir", str(blocker))
    assert out.returncode == 1
    assert out.stderr.startswith("plasticity-journal: Can’t write to the journal folder")
    assert out.stderr.count("\n") == 1


def test_export_to_a_missing_folder_fails_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["export", "--json", str(tmp_path / "nope" / "x.json"), "--data-dir", str(tmp_path / "j")]
    )
    assert code == 1
    assert "does not exist" in capsys.readouterr().err


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    out = run("export", "--data-dir", str(tmp_path))
    assert out.returncode == 2


def test_folder_and_files_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "private"
    assert run("status", "--data-dir", str(folder)).returncode == 0
    if os.name == "posix":
        assert oct(folder.stat().st_mode & 0o777) == "0o700"
        for f in folder.iterdir():
            if f.is_file():
                assert oct(f.stat().st_mode & 0o777) == "0o600", f
