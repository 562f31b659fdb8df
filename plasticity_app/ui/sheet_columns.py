"""A spreadsheet's columns in the import dialog: a role for each (guessed, and the person can change
it), with a live preview of the first rows as they will come in."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plasticity_app.domain.errors import UserError
from plasticity_app.domain.imports import spreadsheet as sheet
from plasticity_app.domain.metrics import Direction
from plasticity_app.ui.style import error_label, muted, show_error

# The roles in the order the lists show them: (key, direction).
CHOICES: tuple[tuple[str, Direction | None], ...] = (
    (sheet.DATE, None),
    (sheet.METRIC, Direction.HIGHER),
    (sheet.METRIC, Direction.LOWER),
    (sheet.YES_NO, None),
    (sheet.QUANTITY, None),
    (sheet.NOTE, None),
    (sheet.IGNORE, None),
)


class SheetColumns(QWidget):
    """``changed`` is emitted whenever a role, range or unit changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header: list[str] = []
        self.rows: list[list[str]] = []
        self.role_boxes: dict[str, QComboBox] = {}
        self.range_edits: dict[str, QLineEdit] = {}
        self.unit_edits: dict[str, QLineEdit] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            muted(
                self.tr(
                    "Give each column a role. A metric's values are rated 0–10; if yours go from "
                    "another lowest to highest value (1-5, say), type that range and they are "
                    "rescaled. A yes/no cell counts as done when it reads 1, yes, y, true, x or ✓."
                )
            )
        )
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("Role"), self.tr("Range (min-max)"), self.tr("Unit")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("The file's columns and their roles"))
        self.table.setMinimumHeight(110)
        layout.addWidget(self.table)
        self.date_format = QLineEdit()
        self.date_format.setPlaceholderText(
            self.tr("Date format, when not YYYY-MM-DD or your usual one (e.g. dd.MM.yyyy)")
        )
        self.date_format.setAccessibleName(self.tr("Date format"))
        self.date_format.textChanged.connect(self.changed)
        layout.addWidget(self.date_format)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addWidget(QLabel(self.tr("How the first rows will come in:")))
        self.preview = QTableWidget(0, 0)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setAccessibleName(self.tr("Preview of the first rows"))
        self.preview.setMinimumHeight(100)
        layout.addWidget(self.preview)
        self.changed.connect(self.refresh_preview)

    # Showing a file ----------------------------------------------------------------------------
    def show_file(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.header = [h for h in header]
        self.rows = [list(r) for r in rows]
        guesses = sheet.guess_roles(self.header, self.rows)
        self.role_boxes.clear()
        self.range_edits.clear()
        self.unit_edits.clear()
        names = [h for h in self.header if h]
        self.table.setRowCount(len(names))
        for row, name in enumerate(names):
            item = QTableWidgetItem(name)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, item)
            box = QComboBox()
            for key, direction in CHOICES:
                box.addItem(self._choice_label(key, direction))
            box.setAccessibleName(self.tr("Role of the column %s") % name)
            self.table.setCellWidget(row, 1, box)
            span = QLineEdit()
            span.setPlaceholderText("0-10")
            span.setAccessibleName(self.tr("Range of the column %s") % name)
            self.table.setCellWidget(row, 2, span)
            unit = QLineEdit()
            unit.setAccessibleName(self.tr("Unit of the column %s") % name)
            self.table.setCellWidget(row, 3, unit)
            self.role_boxes[name], self.range_edits[name], self.unit_edits[name] = box, span, unit
            self._set(name, guesses.get(name, sheet.ColumnRole()))
            box.currentIndexChanged.connect(lambda _i, n=name: self._role_changed(n))
            span.textChanged.connect(self.changed)
            unit.textChanged.connect(self.changed)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.refresh_preview()

    def _choice_label(self, key: str, direction: Direction | None) -> str:
        labels = {
            sheet.DATE: self.tr("Date"),
            sheet.YES_NO: self.tr("Yes/no habit"),
            sheet.QUANTITY: self.tr("Quantity habit"),
            sheet.NOTE: self.tr("The day's note"),
            sheet.IGNORE: self.tr("Ignore"),
        }
        if key == sheet.METRIC:
            if direction is Direction.LOWER:
                return self.tr("Metric (lower is better)")
            return self.tr("Metric (higher is better)")
        return labels[key]

    def _set(self, name: str, role: sheet.ColumnRole) -> None:
        index = next(
            i
            for i, (key, direction) in enumerate(CHOICES)
            if key == role.kind and (direction is None or direction is role.direction)
        )
        box = self.role_boxes[name]
        box.blockSignals(True)
        box.setCurrentIndex(index)
        box.blockSignals(False)
        if role.kind == sheet.METRIC and (role.low, role.high) != (0.0, 10.0):
            self.range_edits[name].setText(role.text().split(":")[2])
        if role.kind == sheet.QUANTITY:
            self.unit_edits[name].setText(role.unit)
        self._enable(name)

    def _enable(self, name: str) -> None:
        key, _direction = CHOICES[self.role_boxes[name].currentIndex()]
        self.range_edits[name].setEnabled(key == sheet.METRIC)
        self.unit_edits[name].setEnabled(key == sheet.QUANTITY)

    def _role_changed(self, name: str) -> None:
        key, _direction = CHOICES[self.role_boxes[name].currentIndex()]
        if key == sheet.DATE:  # one date column: the one before becomes ignored
            for other, box in self.role_boxes.items():
                if other != name and CHOICES[box.currentIndex()][0] == sheet.DATE:
                    self._set(other, sheet.ColumnRole(sheet.IGNORE))
        if key == sheet.QUANTITY and not self.unit_edits[name].text().strip():
            self.unit_edits[name].setText("units")
        self._enable(name)
        self.changed.emit()

    # Reading the choices -----------------------------------------------------------------------
    def role_of(self, name: str) -> sheet.ColumnRole:
        """The column's role as chosen (raises UserError for a bad range or unit)."""
        key, direction = CHOICES[self.role_boxes[name].currentIndex()]
        if key == sheet.METRIC:
            assert direction is not None
            span = self.range_edits[name].text().strip()
            text = f"metric:{direction.value}" + (f":{span}" if span else "")
            return sheet.parse_role(text)
        if key == sheet.QUANTITY:
            unit = self.unit_edits[name].text().strip()
            if not unit:
                raise UserError(self.tr("Give the column %s a unit.") % name, "unit")
            return sheet.parse_role(f"habit:quantity:{unit}")
        if key == sheet.YES_NO:
            return sheet.ColumnRole(sheet.YES_NO)
        return sheet.ColumnRole(key)

    def roles(self) -> dict[str, sheet.ColumnRole]:
        return {name: self.role_of(name) for name in self.role_boxes}

    def options(self) -> sheet.SheetOptions:
        """What the import reads the file with (raises UserError, shown at the table)."""
        roles = self.roles()
        dated = [n for n, r in roles.items() if r.kind == sheet.DATE]
        if not dated:
            raise UserError(self.tr("Choose which column holds the date."), "date")
        return sheet.SheetOptions(roles, dated[0], self.date_format.text().strip() or None)

    def refresh_preview(self) -> None:
        names = list(self.role_boxes)
        self.preview.clear()
        self.preview.setColumnCount(len(names))
        self.preview.setRowCount(min(len(self.rows), sheet.PREVIEW_ROWS))
        self.preview.setHorizontalHeaderLabels(names)
        problem = None
        for column, name in enumerate(names):
            try:
                role = self.role_of(name)
            except UserError as exc:
                problem = problem or exc.message
                role = sheet.ColumnRole(sheet.IGNORE)
            index = self.header.index(name)
            for row, cells in enumerate(self.rows[: sheet.PREVIEW_ROWS]):
                cell = cells[index] if index < len(cells) else ""
                shown = cell.strip() if role.kind == sheet.DATE else sheet.interpret(cell, role)
                self.preview.setItem(row, column, QTableWidgetItem(shown))
        show_error(self.error, problem)

    def preview_text(self, row: int, name: str) -> str:
        item = self.preview.item(row, list(self.role_boxes).index(name))
        return "" if item is None else item.text()
