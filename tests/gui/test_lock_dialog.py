"""The journal folder's lock: a lock that can't be judged (another computer's, unreadable, a folder
in its place) is described and can be taken over; a running app's lock can't; Quit is the default."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSysInfo, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from plasticity_app.ui import instance_lock as il
from plasticity_app.ui.lock_dialog import resolve_held_lock


def when_modal(act: Callable[[QMessageBox], None], seen: list[QMessageBox]) -> None:
    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, QMessageBox):
            seen.append(widget)
            act(widget)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def button(box: QMessageBox, text: str) -> QPushButton:
    return next(b for b in box.buttons() if isinstance(b, QPushButton) and text in b.text())


def other_host_lock(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / il.LOCK_FILENAME
    path.write_text("4242\nPlasticity Journal\nthe-laptop\n", encoding="utf-8")
    return path


def test_a_lock_from_another_computer_is_described_and_enter_quits(
    tmp_path: Path, qtbot: QtBot
) -> None:
    path = other_host_lock(tmp_path)
    before = path.read_bytes()
    assert il.acquire_lock(tmp_path) is None
    held = il.holder(tmp_path)
    assert held.kind is il.Holder.OTHER_HOST and held.host == "the-laptop" and held.stale
    seen: list[QMessageBox] = []

    def press_enter(box: QMessageBox) -> None:
        assert "another computer, “the-laptop”" in box.text()
        assert "quit it there first" in box.informativeText()
        assert box.defaultButton() is button(box, "Quit")  # never the risky choice by default
        qtbot.keyClick(box, Qt.Key.Key_Return)

    when_modal(press_enter, seen)
    assert resolve_held_lock(None, tmp_path) is None
    assert seen and path.read_bytes() == before  # nothing taken over


def test_a_lock_from_another_computer_can_be_taken_over(tmp_path: Path, qtbot: QtBot) -> None:
    path = other_host_lock(tmp_path)
    seen: list[QMessageBox] = []
    when_modal(lambda box: button(box, "Take over").click(), seen)
    lock = resolve_held_lock(None, tmp_path)
    assert seen and lock is not None and lock.isLocked()
    try:
        assert QSysInfo.machineHostName() in path.read_text(encoding="utf-8")
    finally:
        lock.unlock()


def test_escape_on_an_unreadable_lock_file_quits(tmp_path: Path, qtbot: QtBot) -> None:
    path = tmp_path / il.LOCK_FILENAME
    path.write_bytes(b"")  # a crash between creating and writing it, or a sync tool's copy
    assert il.acquire_lock(tmp_path) is None
    assert il.holder(tmp_path).kind is il.Holder.UNREADABLE
    seen: list[QMessageBox] = []

    def escape(box: QMessageBox) -> None:
        assert "can’t read" in box.text()
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    when_modal(escape, seen)
    assert resolve_held_lock(None, tmp_path) is None
    assert seen and path.read_bytes() == b""
    when_modal(lambda box: button(box, "Take over").click(), seen)
    lock = resolve_held_lock(None, tmp_path)
    assert lock is not None and lock.isLocked()
    lock.unlock()


def test_a_folder_in_the_locks_place_is_moved_aside_not_deleted(
    tmp_path: Path, qtbot: QtBot
) -> None:
    folder = tmp_path / il.LOCK_FILENAME
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    assert il.acquire_lock(tmp_path) is None
    assert il.holder(tmp_path).kind is il.Holder.DIRECTORY
    seen: list[QMessageBox] = []
    said: list[str] = []

    def take(box: QMessageBox) -> None:
        said.append(box.informativeText())
        assert box.defaultButton() is button(box, "Quit")
        button(box, "Take over").click()

    when_modal(take, seen)
    lock = resolve_held_lock(None, tmp_path)
    assert lock is not None and lock.isLocked()
    lock.unlock()
    moved = list(tmp_path.glob(il.LOCK_FILENAME + ".moved-aside-*"))
    assert len(moved) == 1 and (moved[0] / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert moved[0].name in said[0]  # the person was told where it went


def test_a_lock_left_by_a_dead_process_here_is_taken_over_without_asking(tmp_path: Path) -> None:
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead_pid = int(finished.stdout)
    host = QSysInfo.machineHostName()
    (tmp_path / il.LOCK_FILENAME).write_text(f"{dead_pid}\npython\n{host}\n", encoding="utf-8")
    lock = il.acquire_lock(tmp_path)
    assert lock is not None and lock.isLocked()
    lock.unlock()


@pytest.fixture
def lock_held_elsewhere(tmp_path: Path) -> Iterator[Path]:
    """A running process on this computer holds the folder's lock, as a second window would."""
    code = (
        "import sys, time\n"
        "from PySide6.QtCore import QLockFile\n"
        f"lock = QLockFile({str(tmp_path / il.LOCK_FILENAME)!r})\n"
        "lock.setStaleLockTime(0)\n"
        "print(lock.tryLock(1000), flush=True)\n"
        "sys.stdin.read()\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "True"
    try:
        yield tmp_path
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(10)
        child.stdout.close()


def test_a_running_app_is_never_offered_for_take_over(
    lock_held_elsewhere: Path, qtbot: QtBot, capsys: Any
) -> None:
    assert il.acquire_lock(lock_held_elsewhere) is None
    held = il.holder(lock_held_elsewhere)
    assert held.kind is il.Holder.RUNNING and not held.stale
    assert il.take_over(lock_held_elsewhere, held) is None
    seen: list[QMessageBox] = []

    def look(box: QMessageBox) -> None:
        assert "already open" in box.text()
        assert len(box.buttons()) == 1  # nothing to take over: only OK
        box.accept()

    when_modal(look, seen)
    assert resolve_held_lock(None, lock_held_elsewhere) is None
    assert seen
    assert "already open" in capsys.readouterr().err
