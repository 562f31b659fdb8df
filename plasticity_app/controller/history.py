"""Undo and redo: every committed user action becomes one step that can be undone and redone."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from plasticity_app.controller.base import Change, Context
from plasticity_app.db.undo import Span, UndoLog
from plasticity_app.domain.text import tr


@dataclass
class Step:
    description: str
    span: Span
    undone: bool = False


class HistoryController(QObject):
    """Emits ``recorded(step)`` after each action that changed data (the UI pushes it onto its
    QUndoStack); ``undo(step)`` and ``redo(step)`` replay it in one transaction."""

    recorded = Signal(object)
    cleared = Signal()  # the journal was replaced (restore, encryption): old steps are gone
    AREA = "history"

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self._ctx = ctx
        self._log = UndoLog(ctx.db.connection)
        self._mark = self._log.marker()
        self._replaying = False
        self.enabled = True
        # Connected first, so the step is recorded before any view redraws.
        ctx.hub.changed.connect(self._changed)
        ctx.hub.batch_listeners.append(self._batching)

    def reattach(self) -> None:
        """Follow a reopened database: a fresh undo log; earlier steps can't be replayed."""
        self._log = UndoLog(self._ctx.db.connection)
        self._mark = self._log.marker()
        self.cleared.emit()

    def _batching(self, started: bool) -> None:
        """Big batches (the demo, imports) are not undoable: don't log them."""
        self._log.set_active(not started)

    def _changed(self, change: Change) -> None:
        if self._replaying:
            return
        now = self._log.marker()
        if now > self._mark:
            span = Span(self._mark + 1, now)
            self._mark = now
            if self.enabled and change.area not in ("demo", "import", "restore"):
                self.recorded.emit(Step(_describe(change.message), span))

    def _replay(self, step: Step, done: str) -> None:
        self._replaying = True
        try:
            with self._ctx.transaction():
                span = self._log.replay(step.span)
            step.span = span  # only once committed: a refused commit (a full disk) keeps the old
            self._mark = self._log.marker()
            self._ctx.reload_settings()
            self._ctx.hub.notify(
                self.AREA,
                done.format(description=step.description),
            )
        finally:
            self._replaying = False

    def undo(self, step: Step) -> None:
        self._replay(step, tr("Undone: {description}"))
        step.undone = True

    def redo(self, step: Step) -> None:
        self._replay(step, tr("Redone: {description}"))
        step.undone = False

    def forget(self) -> None:
        """Drop the whole history (after an import or a restore)."""
        self._log.clear()
        self._mark = self._log.marker()


def _describe(message: str) -> str:
    for prefix in (tr("Saved: "), "Saved: ", "Saved "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message
