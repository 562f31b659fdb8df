"""Render the data-safety dialogs into docs/: the backups list and the damaged-file message.

Run: .venv/bin/python docs/dialog_shots.py   (headless: QT_QPA_PLATFORM=offscreen)
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from plasticity_app.controller.demo_all import seed_full_demo
from plasticity_app.controller.journal import Journal
from plasticity_app.db.database import JOURNAL_FILENAME
from plasticity_app.domain.clock import FixedClock
from plasticity_app.ui import journal_opening
from plasticity_app.ui.application import make_application
from plasticity_app.ui.backups_dialog import BackupsDialog
from plasticity_app.ui.style import apply_theme

OUT = Path(__file__).resolve().parent


def wait(app: QApplication, dialog: object) -> None:
    """Until the dialog's background work has reported back."""
    import time

    while getattr(dialog, "busy", False):
        app.processEvents()
        time.sleep(0.01)
    for _ in range(3):
        app.processEvents()


def main() -> None:
    app = make_application()
    apply_theme(app, "system")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "journal"
        clock = FixedClock(datetime(2026, 11, 1, 8, 30))
        journal = Journal(folder, clock)
        seed_full_demo(journal, clock.now().date())
        for day in range(24):
            clock.current = datetime(2026, 11, 1, 8, 30) + timedelta(days=day, minutes=day * 7)
            journal.safety.backup_if_due()
        clock.current += timedelta(hours=3)
        journal.safety.backup_now()
        from plasticity_app.domain.imports.daylio import parse_mood_map
        from plasticity_app.ui.import_dialog import ImportDialog

        realdata = Path(__file__).resolve().parents[2] / "shared" / "realdata"
        fresh = Journal(Path(tmp) / "imported", clock)
        importer = ImportDialog(fresh)
        importer.show()
        importer.load(realdata / "daylio" / "sample.csv")
        wait(app, importer)
        importer.grab().save(str(OUT / "import-moods.png"))
        importer.mood_boxes["average"].setValue(5)
        importer.mood_boxes["sad"].setValue(2)
        importer.load(realdata / "daylio" / "sample.csv", importer.mood_map())
        wait(app, importer)
        importer.run_import()
        wait(app, importer)
        importer.grab().save(str(OUT / "import-summary.png"))
        importer.close()
        fresh.close()
        assert parse_mood_map  # the command line's equivalent: --mood-map average=5,sad=2
        print(f"wrote {OUT / 'import-moods.png'} and {OUT / 'import-summary.png'}")

        dialog = BackupsDialog(journal.safety)
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(OUT / "backups.png"))
        dialog.close()
        journal.close()
        print(f"wrote {OUT / 'backups.png'}")

        (folder / JOURNAL_FILENAME).write_bytes(b"\x00not a database\x00" * 64)

        def shoot() -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                box.grab().save(str(OUT / "damaged-file.png"))
                print(f"wrote {OUT / 'damaged-file.png'}")
                box.reject()
            else:
                QTimer.singleShot(50, shoot)

        QTimer.singleShot(50, shoot)
        journal_opening.recover(
            None, folder, "journal.sqlite3 is not a journal file SQLite can read."
        )


if __name__ == "__main__":
    main()
