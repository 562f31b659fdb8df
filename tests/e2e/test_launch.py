"""The app as a person starts it: a real process with the real entry point."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_smoke_test_visits_every_tab_and_exits_0(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-m", "plasticity_app", "--smoke-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "smoke test: Roadmap tab shown" in out.stdout
    assert "smoke test: Check-in tab shown" in out.stdout
    assert out.stdout.strip().endswith("smoke test: ok")


def test_install_and_remove_the_desktop_entry(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share"), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-m", "plasticity_app", "--install-desktop-entry"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    entry = (
        tmp_path
        / "share"
        / "applications"
        / "io.github.plasticityjournal.PlasticityJournal.desktop"
    )
    text = entry.read_text(encoding="utf-8")
    assert "Name=Plasticity Journal" in text
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert "plasticity" in exec_line
    icons = list((tmp_path / "share" / "icons" / "hicolor").rglob("plasticity-journal.*"))
    assert len(icons) >= 8
    validator = subprocess.run(["which", "desktop-file-validate"], capture_output=True, text=True)
    if validator.returncode == 0:
        check = subprocess.run(
            ["desktop-file-validate", str(entry)], capture_output=True, text=True
        )
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout + check.stderr
    out = subprocess.run(
        [sys.executable, "-m", "plasticity_app", "--remove-desktop-entry"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert out.returncode == 0
    assert not entry.exists()
    assert not list((tmp_path / "share" / "icons").rglob("plasticity-journal.*"))
