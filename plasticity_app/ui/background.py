"""Long work (export, import, PDF, backup) off the UI thread, with a progress dialog.

The window never freezes: the work runs on a pool thread with its own database connection; a
progress dialog appears if it takes longer than a moment, and can be cancelled where that is safe
(the work checks ``task.cancelled`` between steps and stops without writing anything).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from plasticity_app.controller.journal import Journal
from plasticity_app.db.faults import action_refused
from plasticity_app.domain.errors import UserError

SHOW_AFTER_MS = 300


class Task(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.cancelled = False

    def progress(self, done: int, total: int, label: str = "") -> None:
        self.progressed.emit(done, total, label)


class _Runner(QRunnable):
    def __init__(self, journal: Journal, task: Task, work: Callable[[Task], Any]) -> None:
        super().__init__()
        self._journal = journal
        self._task = task
        self._work = work

    def run(self) -> None:
        try:
            with self._journal.db.thread_connection():
                result = self._work(self._task)
        except UserError as exc:
            self._task.failed.emit(exc.message)
        except Exception as exc:  # reported to the person, never swallowed silently
            refused = action_refused(exc)  # a full or failing disk, in plain words
            self._task.failed.emit(
                refused.message if refused is not None else f"Something went wrong: {exc}"
            )
        else:
            self._task.finished.emit(result)


def run_in_background(
    parent: QWidget,
    journal: Journal,
    label: str,
    work: Callable[[Task], Any],
    on_done: Callable[[Any], object],
    on_error: Callable[[str], object],
    *,
    cancellable: bool = False,
) -> Task:
    task = Task()
    dialog = QProgressDialog(label, parent.tr("Cancel") if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(parent.tr("Plasticity Journal"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)

    def progressed(done: int, total: int, text: str) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)
        if text:
            dialog.setLabelText(text)

    def finished(result: object) -> None:
        dialog.close()
        dialog.deleteLater()
        on_done(result)

    def failed(message: str) -> None:
        dialog.close()
        dialog.deleteLater()
        on_error(message)

    def cancel() -> None:
        task.cancelled = True

    task.progressed.connect(progressed)
    task.finished.connect(finished)
    task.failed.connect(failed)
    dialog.canceled.connect(cancel)
    task.setParent(parent)  # lives as long as the window; deleted after it reports back
    task.finished.connect(task.deleteLater)
    task.failed.connect(task.deleteLater)
    QThreadPool.globalInstance().start(_Runner(journal, task, work))
    return task
