"""Render screenshots of the onboarding and every tab with the demo journal into docs/.

Run: .venv/bin/python docs/make_screenshots.py   (works headless: QT_QPA_PLATFORM=offscreen)
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from plasticity_app.controller.demo_all import seed_full_demo
from plasticity_app.controller.journal import Journal
from plasticity_app.domain.clock import FixedClock
from plasticity_app.ui.application import make_application
from plasticity_app.ui.main_window import MainWindow
from plasticity_app.ui.onboarding import OnboardingWizard
from plasticity_app.ui.style import apply_theme

OUT = Path(__file__).resolve().parent


def main() -> None:
    app = make_application()
    theme = os.environ.get("THEME", "system")
    suffix = "" if theme == "system" else f"-{theme}"
    only = set(sys.argv[1:])
    clock = FixedClock(datetime(2026, 11, 23, 20, 30))
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Journal(Path(tmp) / "fresh", clock)
        apply_theme(app, theme)
        wizard = OnboardingWizard(fresh.onboarding)
        wizard.show()
        for _ in range(3):
            wizard.next()
        wizard.metrics_page.list.item(0).setCheckState(
            wizard.metrics_page.list.item(0).checkState().Checked
        )
        app.processEvents()
        if not only or "onboarding" in only:
            wizard.grab().save(str(OUT / f"onboarding{suffix}.png"))
        wizard.close()
        fresh.close()

        journal = Journal(Path(tmp) / "demo", clock)
        seed_full_demo(journal)
        window = MainWindow(journal, Path(tmp) / "window.ini")
        window.resize(1200, 860)
        window.show()
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            for _ in range(5):
                app.processEvents()
            name = window.tabs.widget(index).accessibleName().lower().replace(" ", "-")
            if not only or name in only:
                window.grab().save(str(OUT / f"{name}{suffix}.png"))
                print("wrote", OUT / f"{name}{suffix}.png")
        if not only or "experiments" in only:
            from learning_shots import shoot  # the editor's two phases and a thought record

            for path in shoot(window, app, OUT, suffix):
                print("wrote", path)
        window.close()
        journal.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main()
