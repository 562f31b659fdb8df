"""Importing heavy libraries in the background, before they are first needed.

The Charts tab needs numpy and pyqtgraph: about 0.2–0.6 s to import on a 2-core machine, which
its first opening would otherwise wait for. Once the window has been up a moment they are
imported on a thread of their own (importing creates no Qt objects, so no thread rules are
broken); the tab then finds them ready. If the person opens the tab first, Python's import lock
makes it wait for the same import, never a second one. The app waits for the thread before it
quits, so nothing is torn down under an import.
"""

from __future__ import annotations

import importlib
import sys
import threading

from PySide6.QtCore import QCoreApplication

_threads: list[threading.Thread] = []


def import_in_background(*modules: str) -> threading.Thread | None:
    """Import ``modules`` (in order) on a background thread; None when all are imported already."""
    if all(name in sys.modules for name in modules):
        return None
    thread = threading.Thread(target=_import, args=modules, name="background import", daemon=True)
    app = QCoreApplication.instance()
    if app is not None and not _threads:
        app.aboutToQuit.connect(wait_for_imports)
    _threads.append(thread)
    thread.start()
    return thread


def _import(*modules: str) -> None:
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # the first real use imports it again and says why
            return


def wait_for_imports(timeout: float = 30.0) -> None:
    """Let any background import finish (before the app quits)."""
    while _threads:
        _threads.pop().join(timeout)
