"""Help pages: the disclaimer, crisis resources, how the roadmap works and “The science,
honestly”, from resources/help."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from plasticity_app.paths import resource

PAGES = {
    "crisis": "If you are in crisis",
    "disclaimer": "Disclaimer",
    "roadmap": "How the roadmap works",
    "science": "The science, honestly",
}


def help_text(page: str) -> str:
    return resource("help", f"{page}.md").read_text(encoding="utf-8")


class HelpDialog(QDialog):
    def __init__(self, page: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.setWindowTitle(PAGES[page] + " · Plasticity Journal")
        self.resize(640, 560)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(help_text(page))
        self.browser.setAccessibleName(PAGES[page])
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
