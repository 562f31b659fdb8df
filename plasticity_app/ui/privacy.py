"""What the window keeps private beyond the journal file: Qt's own settings, and a clean exit.

- Qt's file dialogs remember the folders the person visited (``QtProject.conf``, normally in
  ``~/.config``): that file goes into the journal's private folder instead.
- SIGTERM, SIGHUP and Ctrl+C end the window the ordinary way, so what is cleaned up on the way out
  (the throwaway ``--demo`` folder, the lock) is cleaned up.
"""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QSocketNotifier

QT_SETTINGS_ORGANIZATION = "QtProject"  # the name Qt's file dialog files its history under


def keep_qt_settings_in(folder: Path) -> Path:
    """Every ``QSettings`` Qt makes by itself (the file dialog's history) is an INI file in
    ``folder`` from now on; returns where the file dialog's history goes."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(folder))
    where = Path(QSettings(QSettings.Scope.UserScope, QT_SETTINGS_ORGANIZATION).fileName())
    # Made owner-only before Qt first writes it: Qt keeps an existing file's permissions.
    with contextlib.suppress(OSError):
        os.close(os.open(where, os.O_CREAT | os.O_WRONLY, 0o600))
        if os.name == "posix":
            os.chmod(where, 0o600)
    return where


_held: list[object] = []  # the wake-up pipe and its notifier live as long as the app


def quit_on_termination(app: QCoreApplication) -> None:
    """SIGTERM, SIGHUP and SIGINT quit the event loop, so ``finally`` blocks run.

    Python runs a signal handler only when it gets control back, which a waiting Qt event loop
    doesn't give it: ``signal.set_wakeup_fd`` writes a byte to a pipe that Qt watches, and
    reading it hands control back to Python."""
    if os.name != "posix":
        return
    read_end, write_end = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
    signal.set_wakeup_fd(write_end)
    notifier = QSocketNotifier(read_end, QSocketNotifier.Type.Read, app)

    def woken() -> None:
        with contextlib.suppress(OSError):
            os.read(read_end, 64)

    notifier.activated.connect(woken)
    for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(number, lambda _signum, _frame: app.quit())
    _held.extend((read_end, write_end, notifier))
