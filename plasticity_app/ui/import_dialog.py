"""File → Import: choose a file, see what it would add, give Daylio's renamed moods a value, import."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMargins, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from plasticity_app.controller.imports import Preview
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.imports.daylio import UnknownMoods, mood_key
from plasticity_app.domain.imports.model import FORMAT_LABELS, ImportPlan
from plasticity_app.domain.imports.spreadsheet import SheetOptions
from plasticity_app.domain.text import tr
from plasticity_app.ui.background import Task, run_in_background
from plasticity_app.ui.number_field import NumberField
from plasticity_app.ui.sheet_columns import SheetColumns
from plasticity_app.ui.style import error_label, heading, make_primary, muted, show_error

if TYPE_CHECKING:
    from plasticity_app.controller.journal import Journal

FILE_FILTER = (
    "Journals and exports (*.json *.zip *.csv *.db);;Plasticity Journal export (*.json);;"
    "Loop Habit Tracker (*.zip *.db Habits.csv);;Daylio export (*.csv);;"
    "Spreadsheet (*.csv);;All files (*)"
)


class ImportDialog(QDialog):
    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._journal = journal
        self.path: Path | None = None
        self.fmt: str | None = None
        self.preview: Preview | None = None
        self.summary = ""
        self.busy = False
        self.mood_boxes: dict[str, NumberField] = {}
        self.setWindowTitle(self.tr("Import"))
        self.setMinimumSize(620, 480)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading(self.tr("Bring in what you kept elsewhere"), 2))
        layout.addWidget(
            muted(
                self.tr(
                    "From a Plasticity Journal export (JSON), Loop Habit Tracker (its CSV export "
                    "as a zip or folder, or its .db backup), Daylio (its CSV export) or any "
                    "spreadsheet saved as CSV, one row a day. The file is "
                    "checked whole first; nothing is written until you say so, and your journal is "
                    "backed up before. What is already in your journal is kept and not added twice."
                )
            )
        )
        row = QHBoxLayout()
        self.file_button = QPushButton(self.tr("Choose a &file…"))
        self.folder_button = QPushButton(self.tr("Choose a Loop &folder…"))
        row.addWidget(self.file_button)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        layout.addWidget(self.file_label)
        self.moods_box = QWidget()
        moods_layout = QVBoxLayout(self.moods_box)
        moods_layout.setContentsMargins(0, 0, 0, 0)
        moods_layout.addWidget(
            muted(
                self.tr(
                    "Some moods have names of your own. Give each a value from 0 (worst) to 10 "
                    "(best); Daylio's rad, good, meh, bad and awful are 10, 7.5, 5, 2.5 and 0."
                )
            )
        )
        self.moods_form = QFormLayout()
        moods_layout.addLayout(self.moods_form)
        self.check_button = QPushButton(self.tr("Use these &values"))
        moods_layout.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.moods_box.setVisible(False)
        layout.addWidget(self.moods_box)
        self.sheet_box = QWidget()
        sheet_layout = QVBoxLayout(self.sheet_box)
        sheet_layout.setContentsMargins(0, 0, 0, 0)
        self.columns = SheetColumns()
        sheet_layout.addWidget(self.columns, 1)
        self.check_sheet_button = QPushButton(self.tr("Check the file with these &roles"))
        sheet_layout.addWidget(self.check_sheet_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.sheet_box.setVisible(False)
        layout.addWidget(self.sheet_box, 1)
        self.preview_label = QLabel()
        self.preview_label.setWordWrap(True)
        self.preview_label.setAccessibleName(self.tr("What the import will add"))
        layout.addWidget(self.preview_label)
        self.ledger_label = QLabel()
        self.ledger_label.setWordWrap(True)
        self.ledger_label.setTextFormat(Qt.TextFormat.PlainText)
        self.ledger_label.setAccessibleName(self.tr("Every row of the file, accounted for"))
        layout.addWidget(self.ledger_label)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addStretch(1)
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        make_primary(self.import_button)
        self.import_button.setEnabled(False)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout.addWidget(buttons)
        self.file_button.clicked.connect(self.choose_file)
        self.folder_button.clicked.connect(self.choose_folder)
        self.check_button.clicked.connect(self._check_again)
        self.check_sheet_button.clicked.connect(self._check_sheet)
        self.columns.changed.connect(self._roles_changed)
        self.import_button.clicked.connect(self.run_import)
        self.close_button.clicked.connect(self.reject)

    # Choosing ----------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a file to import"), str(Path.home()), self.tr(FILE_FILTER)
        )
        if path:
            chosen = Path(path)
            # Loop's unpacked export: picking its Habits.csv means the whole folder.
            self.load(chosen.parent if chosen.name == "Habits.csv" else chosen)

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Choose an unpacked Loop export"), str(Path.home())
        )
        if path:
            self.load(Path(path))

    def mood_map(self) -> dict[str, float]:
        """The values given; ``ValueError`` while one can't be used (shown at its field)."""
        values = {}
        for name, box in self.mood_boxes.items():
            if not box.check():
                box.setFocus()
                raise ValueError(box.message)
            values[name] = float(box.value() or 0)
        return values

    def load(
        self,
        path: Path,
        mood_map: dict[str, float] | None = None,
        sheet: SheetOptions | None = None,
    ) -> None:
        """Read and check the whole file, then show what it would add (nothing is written).
        The reading runs off the window's thread; ``busy`` is true meanwhile. A spreadsheet
        first shows its columns with a guessed role each (``sheet``: the roles chosen)."""
        self.path, self.preview = path, None
        self.import_button.setEnabled(False)
        self.ledger_label.clear()
        show_error(self.error, None)
        imports = self._journal.imports
        try:
            self.fmt = imports.detect(path)
        except UserError as exc:
            self.file_label.setText(f"<b>{path.name}</b>")
            show_error(self.error, exc.message)
            return
        self.file_label.setText(
            self.tr("<b>%s</b> · %s")
            % (html.escape(path.name), tr(FORMAT_LABELS.get(self.fmt, self.fmt)))
        )
        self.sheet_box.setVisible(self.fmt == "csv")
        if self.fmt == "csv" and sheet is None:
            try:
                header, rows = imports.sheet_head(path)
            except UserError as exc:
                show_error(self.error, exc.message)
                return
            self.columns.show_file(header, rows)
            self._fit_to_screen()
            try:
                sheet = self.columns.options()
            except UserError as exc:
                self.preview_label.setText(
                    self.tr("Choose the columns' roles, then “Check the file with these roles”.")
                )
                show_error(self.columns.error, exc.message)
                return
        self.preview_label.setText(self.tr("Checking the whole file…"))
        fmt = self.fmt

        def work(_task: Task) -> Preview | UnknownMoods:
            try:
                plan: ImportPlan = imports.read(path, fmt, mood_map, sheet)
            except UnknownMoods as exc:
                return exc
            return imports.preview(path, plan)

        self._start(self.tr("Checking %s…") % path.name, work, self._loaded)

    def _start(
        self, label: str, work: Callable[[Task], object], done: Callable[[Any], None]
    ) -> None:
        self.busy = True
        for button in self._buttons():
            button.setEnabled(False)

        def finished(result: object) -> None:
            self._idle()
            done(result)

        def failed(message: str) -> None:
            self._idle()
            self.preview_label.clear()
            show_error(self.error, message)

        run_in_background(self, self._journal, label, work, finished, failed)

    def _idle(self) -> None:
        self.busy = False
        for button in self._buttons():
            button.setEnabled(True)

    def _fit_to_screen(self) -> None:
        """Room for the columns and the preview, within the screen."""
        wanted = self.sizeHint().expandedTo(self.size())
        screen = self.screen()
        if screen is None:
            self.resize(wanted)
            return
        room = screen.availableGeometry()
        self.resize(wanted.boundedTo(room.size().shrunkBy(QMargins(10, 30, 10, 30))))
        frame = self.frameGeometry()
        if frame.bottom() > room.bottom() or frame.top() < room.top():
            self.move(frame.left(), max(room.top(), room.bottom() - frame.height()))

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (self.file_button, self.folder_button, self.check_button, self.check_sheet_button)

    def _loaded(self, result: Preview | UnknownMoods) -> None:
        if isinstance(result, UnknownMoods):
            self._ask_moods(result.names)
            return
        self.preview = result
        self.moods_box.setVisible(bool(self.mood_boxes))
        text = html.escape(result.summary)
        if result.remarks:
            text += "<br><br>" + "<br>".join(html.escape(r) for r in result.remarks)
        self.preview_label.setText(text)
        self.show_ledger(result.ledger_lines)
        self.import_button.setEnabled(not result.nothing_new)

    def show_ledger(self, lines: list[str]) -> None:
        """Every kind of thing in the file: read, imported (or to import), merged, left out."""
        self.ledger_label.setText("\n".join(lines))

    def _ask_moods(self, names: list[str]) -> None:
        for name in names:
            if mood_key(name) in self.mood_boxes:
                continue
            box = NumberField(
                0, 10, self.tr("Mood values go from 0 to 10, like 7.5."), decimals=True
            )
            box.setValue(5)
            box.setAccessibleName(self.tr("Value for the mood %s") % name)
            self.moods_form.addRow(f"“{name}”", box)
            self.moods_form.addRow("", box.error)
            self.mood_boxes[mood_key(name)] = box
        self.moods_box.setVisible(True)
        self.preview_label.setText(
            self.tr("Give the moods a value, then choose “Use these values”.")
        )
        next(iter(self.mood_boxes.values())).setFocus()

    def _roles_changed(self) -> None:
        """A role changed: what was checked no longer holds until the file is checked again."""
        if self.path is None or self.fmt != "csv" or self.busy:
            return
        self.preview = None
        self.import_button.setEnabled(False)
        self.ledger_label.clear()
        self.preview_label.setText(
            self.tr(
                "The roles changed: choose “Check the file with these roles” to see what the import will add."
            )
        )

    def _check_sheet(self) -> None:
        if self.path is None or self.busy:
            return
        try:
            sheet = self.columns.options()
        except UserError as exc:
            show_error(self.columns.error, exc.message)
            return
        show_error(self.columns.error, None)
        self.load(self.path, None, sheet)

    def _check_again(self) -> None:
        if self.path is None:
            return
        try:
            mood_map = self.mood_map()
        except ValueError:
            return  # the message is at the field; nothing is read with a refused value
        self.load(self.path, mood_map)

    # Importing ---------------------------------------------------------------------------------
    def run_import(self) -> None:
        if self.path is None or self.preview is None or self.busy:
            return
        path, plan = self.path, self.preview.plan
        self.import_button.setEnabled(False)
        self.preview_label.setText(self.tr("Importing…"))
        imports = self._journal.imports
        self._start(
            self.tr("Importing %s…") % path.name,
            lambda _task: imports.apply(path, plan, background=True),
            self._imported,
        )

    def _imported(self, summary: str) -> None:
        self.summary = summary
        self.preview_label.setText("<b>" + self.tr("Imported.") + "</b> " + html.escape(summary))
        self.show_ledger(self._journal.imports.last_ledger.text_lines())
        self.moods_box.setVisible(False)
        self.close_button.setText(self.tr("Close"))
        self.preview = None
