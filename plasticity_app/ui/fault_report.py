"""The window's last line of defence: a write the disk refused, met anywhere no view caught it,
is told in one plain sentence in a message over the window (never only a traceback)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from plasticity_app import APP_NAME
from plasticity_app.db.faults import action_refused
from plasticity_app.domain.errors import UserError

Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def plain_message(exc: BaseException) -> str | None:
    """The sentence a person reads for ``exc``: its own for a UserError, the plain one for a
    full, read-only or failing disk; None for a programming error."""
    if isinstance(exc, UserError):
        return exc.message
    refused = action_refused(exc)
    return None if refused is None else refused.message


def install(parent: QWidget) -> Hook:
    """Show unexpected faults over ``parent`` from now on; returns the hook it replaced."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        message = plain_message(exc)
        if message is None:
            previous(kind, exc, tb)
            return
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, parent=parent)
        box.setObjectName("faultMessage")
        box.open()

    sys.excepthook = hook
    return previous
