"""`summary --week … --pdf` on the demo journal: the PDF holds what a clinician needs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from plasticity_app.cli import main
from plasticity_app.domain.clock import week_start


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    assert main(["seed-demo", "--data-dir", str(folder)]) == 0
    return folder


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def last_week() -> date:
    return week_start(date.today() - timedelta(days=7))


def test_summary_pdf_holds_the_week(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "summary.pdf"
    week = last_week()
    code = main(
        [
            "summary",
            "--week",
            (week + timedelta(days=3)).isoformat(),
            "--pdf",
            str(target),
            "--data-dir",
            str(demo_dir),
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert target.read_bytes().startswith(b"%PDF")
    text = " ".join(pdf_text(target).split())
    end = week + timedelta(days=6)
    assert f"{end.day} {end:%B %Y}" in text and str(week.day) in text
    for name in (
        "Self-criticism intensity",
        "Willingness to initiate",
        "Recovery time after setbacks",
    ):
        assert name in text
    assert "Week mean" in text and "baseline" in text
    # The habits with their adherence, and the experiments.
    assert "Plasticity supports" in text
    for habit in ("Gratitude note", "Novel learning", "Sleep", "Exercise"):
        assert habit in text
    assert "this week" in text and "Strength" in text
    assert "Behavioural experiments" in text
    assert "95 % CI" in text
    assert "not a medical device" in text
    assert "Page 1 of" in text
    pages = text.count("Page ")
    assert 1 <= pages <= 2


def test_a_week_without_data_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "empty.pdf"
    assert (
        main(
            [
                "summary",
                "--week",
                "2026-01-05",
                "--pdf",
                str(target),
                "--data-dir",
                str(tmp_path / "j"),
            ]
        )
        == 0
    )
    text = pdf_text(target)
    assert "Nothing was recorded in this week" in text
    assert "nan" not in text.lower()


def test_a_future_week_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    future = (date.today() + timedelta(days=14)).isoformat()
    assert (
        main(
            [
                "summary",
                "--week",
                future,
                "--pdf",
                str(tmp_path / "x.pdf"),
                "--data-dir",
                str(tmp_path / "j"),
            ]
        )
        == 1
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "hasn’t started yet" in err[0]
    assert not (tmp_path / "x.pdf").exists()


def test_an_unwritable_pdf_path_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "summary",
            "--week",
            "2026-01-05",
            "--pdf",
            str(tmp_path / "missing" / "x.pdf"),
            "--data-dir",
            str(tmp_path / "j"),
        ]
    )
    assert code == 1
    assert "does not exist" in capsys.readouterr().err
    folder = tmp_path / "a-folder.pdf"
    folder.mkdir()
    assert (
        main(
            [
                "summary",
                "--week",
                "2026-01-05",
                "--pdf",
                str(folder),
                "--data-dir",
                str(tmp_path / "j"),
            ]
        )
        == 1
    )
    assert "is a folder" in capsys.readouterr().err


def test_a_bad_date_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "summary",
                "--week",
                "last monday",
                "--pdf",
                str(tmp_path / "x.pdf"),
                "--data-dir",
                str(tmp_path),
            ]
        )
        == 1
    )
    assert "is not a date" in capsys.readouterr().err


def test_summary_runs_headless_in_its_own_process(demo_dir: Path, tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "plasticity_app",
            "summary",
            "--week",
            last_week().isoformat(),
            "--pdf",
            str(tmp_path / "s.pdf"),
            "--data-dir",
            str(demo_dir),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "s.pdf").stat().st_size > 2000
