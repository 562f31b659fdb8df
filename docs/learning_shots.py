"""Extra screenshots for the Experiments tab: both editor phases and a thought record.

Called by make_screenshots.py when the experiments tab is rendered.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication


def _settle(app: Any) -> None:
    for _ in range(5):
        app.processEvents()


def shoot(window: Any, app: QApplication, out: Path, suffix: str) -> list[Path]:
    tab = window.experiments_tab
    window.show_tab("experiments")
    learning = window.journal.learning
    written = []
    done = next(e for e in learning.experiments("done"))
    due = next(e for e in learning.experiments("planned") if e.timing(learning.today()) == "due")
    tab.open_experiment(due.id, "plan")
    _settle(app)
    path = out / f"experiments-plan{suffix}.png"
    window.grab().save(str(path))
    written.append(path)
    tab.open_experiment(done.id, "result")
    _settle(app)
    path = out / f"experiments-result{suffix}.png"
    window.grab().save(str(path))
    written.append(path)
    tab.show_experiment_list()
    record = learning.thought_records()[2]
    assert record.id is not None
    tab.open_thought_record(record.id)
    _settle(app)
    dialog = tab.dialog
    assert dialog is not None
    path = out / f"thought-record{suffix}.png"
    dialog.grab().save(str(path))
    written.append(path)
    dialog.reject()
    tab.sections.setCurrentIndex(1)
    _settle(app)
    path = out / f"thought-records{suffix}.png"
    window.grab().save(str(path))
    written.append(path)
    tab.sections.setCurrentIndex(0)
    return written
