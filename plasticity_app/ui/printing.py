"""Print preview, printing and PDF export of the weekly summary (one renderer for all three)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from plasticity_app.controller.journal import Journal
from plasticity_app.domain.errors import UserError
from plasticity_app.ui.style import fit_to_screen
from plasticity_app.ui.summary_renderer import paint, write_pdf

DOC_NAME = "Plasticity Journal weekly summary"


def _printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(DOC_NAME)
    return printer  # its page size comes from the printer, or the locale's default


def print_preview(parent: QWidget, journal: Journal, week: date) -> QPrintPreviewDialog | None:
    """Open the preview without blocking the window. The dialog makes and owns its printer: a
    printer handed in would belong to Python and be freed while the open dialog still paints on
    it (the crash of Ctrl+P). It is deleted when closed."""
    try:
        report = journal.review.report(week)
    except UserError as exc:
        QMessageBox.information(parent, parent.tr("Weekly summary"), exc.message)
        return None
    dialog = QPrintPreviewDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.printer().setDocName(DOC_NAME)
    dialog.setWindowTitle(parent.tr("Weekly summary: %s") % report.title)
    dialog.paintRequested.connect(lambda device: paint(report, device))
    fit_to_screen(dialog, 900, 1000)  # a page high where the screen has room for it
    dialog.open()
    return dialog


def print_directly(parent: QWidget, journal: Journal, week: date) -> None:
    report = journal.review.report(week)
    printer = _printer()
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() == QPrintDialog.DialogCode.Accepted:
        paint(report, printer)


def save_pdf(parent: QWidget, journal: Journal, week: date, status: object = None) -> None:
    try:
        report = journal.review.report(week)
    except UserError as exc:
        QMessageBox.information(parent, parent.tr("Weekly summary"), exc.message)
        return
    default = Path.home() / f"plasticity-summary-{report.week_start.isoformat()}.pdf"
    path, _ = QFileDialog.getSaveFileName(
        parent,
        parent.tr("Save the weekly summary as PDF"),
        str(default),
        parent.tr("PDF files (*.pdf)"),
    )
    if not path:
        return
    from plasticity_app.ui.background import run_in_background

    def done(pages: int) -> None:
        if callable(status):
            status(
                parent.tr("Saved the weekly summary (%1 pages) to %2")
                .replace("%1", str(pages))
                .replace("%2", path)
            )

    # Off the window's thread: QPdfWriter, QImage and QTextDocument paint safely there.
    run_in_background(
        parent,
        journal,
        parent.tr("Saving the weekly summary…"),
        lambda _task: write_pdf(report, Path(path)),
        done,
        lambda message: QMessageBox.warning(parent, parent.tr("Couldn’t save the PDF"), message),
    )
