"""What the window says when the journal folder's lock is taken: really open elsewhere (say so and
stop), or a lock that can't be judged (another computer's, unreadable, a folder in its place): say
what it is and let the person take it over. Quitting, the safe choice, is the default."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile
from PySide6.QtWidgets import QMessageBox, QWidget

from plasticity_app import APP_NAME
from plasticity_app.ui import instance_lock as il


def _t(text: str) -> str:
    return QCoreApplication.translate("LockDialog", text)


def already_open_message() -> str:
    return _t(
        "Plasticity Journal is already open with this journal. "
        "Switch to its window to go on writing."
    )


def describe(held: il.HeldLock, now: datetime | None = None) -> tuple[str, str]:
    """The headline and the explanation for a lock the person may take over."""
    if held.kind is il.Holder.OTHER_HOST:
        return (
            _t("Your journal may be open on another computer, “%1”.").replace("%1", held.host),
            _t(
                "Plasticity Journal on “%1” noted that it opened this journal and hasn’t noted "
                "that it closed it.\n\nIf it is still open there, quit it there first: two "
                "computers writing to one journal through a shared or synced folder can damage "
                "it. If it isn’t open there any more (that computer stopped suddenly, or the "
                "folder was copied from it), you can take over."
            ).replace("%1", held.host),
        )
    if held.kind is il.Holder.DIRECTORY:
        target = il.moved_aside_name(held.path, now or datetime.now())
        return (
            _t("A folder named “journal.lock” is in the way of your journal."),
            _t(
                "Plasticity Journal keeps a small file of that name while a journal is open, so "
                "that it is never opened twice at once. This folder wasn’t made by Plasticity "
                "Journal.\n\nTaking over moves the folder aside as “%1” (nothing in it is "
                "deleted) and opens your journal."
            ).replace("%1", target.name),
        )
    if held.kind is il.Holder.DEAD:
        return (
            _t("Plasticity Journal left a lock beside your journal when it stopped."),
            _t(
                "The process that wrote it (%1) is no longer running, so nothing has the journal "
                "open. You can take over: the file is replaced with a new lock."
            ).replace("%1", str(held.pid)),
        )
    return (
        _t("Plasticity Journal found a lock file beside your journal that it can’t read."),
        _t(
            "The file “journal.lock” says whether the journal is already open, but this one is "
            "empty or garbled (perhaps left when the computer stopped suddenly, or by a sync "
            "tool).\n\nIf Plasticity Journal isn’t open with this journal anywhere else, you can "
            "take over: the file is replaced with a new lock."
        ),
    )


def ask_take_over(parent: QWidget | None, held: il.HeldLock, now: datetime) -> bool:
    """True when the person chose to take the lock over."""
    headline, details = describe(held, now)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(APP_NAME)
    box.setText(headline)
    box.setInformativeText(details)
    take = box.addButton(_t("Take over and open"), QMessageBox.ButtonRole.AcceptRole)
    quit_button = box.addButton(_t("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(quit_button)
    box.setEscapeButton(quit_button)
    box.exec()
    return box.clickedButton() is take


def resolve_held_lock(parent: QWidget | None, data_dir: Path) -> QLockFile | None:
    """After the lock couldn't be taken: the lock when the person took a stale one over, else
    None (the app then exits)."""
    held = il.holder(data_dir)
    now = datetime.now()
    if held.stale and ask_take_over(parent, held, now):
        lock = il.take_over(data_dir, held, now)
        if lock is not None:
            return lock
        held = il.holder(data_dir)
        if held.stale:  # still not ours and not a running app: say what is there now
            QMessageBox.warning(parent, APP_NAME, describe(held)[0])
            return None
    elif held.stale:
        return None
    message = already_open_message()
    print(f"plasticity-journal: {message}", file=sys.stderr)
    QMessageBox.information(parent, APP_NAME, message)
    return None
