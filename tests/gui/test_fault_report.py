"""The window's last line of defence: a refused write nobody caught is still one plain sentence."""

from __future__ import annotations

import sqlite3
import sys
from types import TracebackType

import peewee as pw
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from plasticity_app.ui import fault_report


def test_an_uncaught_refused_write_is_told_over_the_window(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    passed_on: list[BaseException] = []
    before = sys.excepthook

    def previous(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        passed_on.append(exc)

    sys.excepthook = previous
    try:
        fault_report.install(parent)
        try:
            try:
                raise sqlite3.OperationalError("database or disk is full")
            except sqlite3.OperationalError:
                raise pw.OperationalError("cannot rollback - no transaction is active")  # noqa: B904
        except pw.OperationalError as masked:
            sys.excepthook(type(masked), masked, masked.__traceback__)
        box = parent.findChild(QMessageBox, "faultMessage")
        assert box is not None and box.isVisible()
        assert box.text().startswith("Your disk is full: this was not saved.")
        box.close()
        bug = KeyError("a programming error")
        sys.excepthook(KeyError, bug, None)
        assert passed_on == [bug], "anything else goes on to the usual hook (a traceback)"
    finally:
        sys.excepthook = before
