"""Standing check for issue 14.7: no number a person types is ever silently changed.

Every dialog of the app, the experiment editor and every tab of the main window are opened;
every number field in them gets an out-of-range value typed into it, then Enter and Tab. The
text must stay as typed, a message must show in the window, and the journal must not change.
A source check refuses the widgets that clamp or drop keystrokes without a word (spin boxes,
keystroke validators), and a registry check makes every new dialog join the walk.
"""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

import plasticity_app.ui
from plasticity_app.controller.journal import Journal
from plasticity_app.domain.clock import FixedClock
from plasticity_app.ui.main_window import MainWindow
from plasticity_app.ui.number_field import OUT_OF_RANGE_PROPERTY

UI = Path(plasticity_app.ui.__file__).parent
# Widgets that refuse or clamp a typed number without a message: never used for numbers.
SILENT_WIDGETS = {"QSpinBox", "QDoubleSpinBox", "QIntValidator", "QDoubleValidator"}


def test_no_silent_number_widgets_in_the_app() -> None:
    found = []
    for path in sorted(UI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Name) and node.id in SILENT_WIDGETS:
                found.append(f"{path.name}:{node.lineno} {node.id}")
            if isinstance(node, ast.alias) and node.name in SILENT_WIDGETS:
                found.append(f"{path.name}:{node.lineno} imports {node.name}")
    assert found == [], "use NumberField (ui/number_field.py): it refuses with a message"


def snapshot(journal: Journal) -> str:
    document = journal.export.document()
    document.pop("exported_at", None)
    return json.dumps(document, sort_keys=True, default=str)


def number_fields(top: QWidget) -> list[QLineEdit]:
    return [
        field
        for field in top.findChildren(QLineEdit)
        if field.property(OUT_OF_RANGE_PROPERTY) and field.isVisibleTo(top) and field.isEnabled()
    ]


def visible_messages(top: QWidget) -> list[str]:
    return [
        label.text()
        for label in top.findChildren(QLabel)
        if label.objectName() == "error" and label.isVisibleTo(top) and label.text()
    ]


def refuse_every_field(qtbot: QtBot, top: QWidget, journal: Journal) -> list[str]:
    """Type an out-of-range value in each number field of ``top``; return the fields' names."""
    names = []
    for field in number_fields(top):
        name = field.accessibleName()
        assert name, "a number field without an accessible name"
        names.append(name)
        before = snapshot(journal)
        original = field.text()
        typed = str(field.property(OUT_OF_RANGE_PROPERTY))
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, typed)
        qtbot.keyClick(field, Qt.Key.Key_Return)
        qtbot.keyClick(field, Qt.Key.Key_Tab)
        qtbot.wait(10)
        assert top.isVisible(), f"{name}: {typed} closed the window"
        assert field.text() == typed, f"{name}: {typed!r} became {field.text()!r}"
        assert visible_messages(top), f"{name}: {typed} refused without a message"
        assert snapshot(journal) == before, f"{name}: {typed} changed the journal"
        field.setText(original)
    return names


def open_editor(view: QAbstractItemView) -> QLineEdit | None:
    """The cell editor open in ``view`` (found as a child, not by focus, which a busy
    machine may hand out late)."""
    editors = [w for w in view.viewport().findChildren(QLineEdit) if w.isVisible()]
    return editors[0] if editors else None


def refuse_every_cell(qtbot: QtBot, top: QWidget, journal: Journal) -> list[str]:
    """The same for the cells of the tables in ``top`` that take a typed number: for each
    column, the first cell that opens an editor gets an out-of-range value."""
    names = []
    for view in top.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or not view.isVisibleTo(top):
            continue
        for column in range(model.columnCount()):
            index = next(
                (
                    model.index(row, column)
                    for row in range(min(model.rowCount(), 60))
                    if model.flags(model.index(row, column)) & Qt.ItemFlag.ItemIsEditable
                ),
                None,
            )
            if index is None:
                continue
            view.setFocus()
            view.setCurrentIndex(index)
            view.edit(index)
            editor = open_editor(view)
            if editor is None:
                continue
            if not editor.property(OUT_OF_RANGE_PROPERTY):
                qtbot.keyClick(editor, Qt.Key.Key_Escape)
                continue
            name = editor.accessibleName()
            names.append(name)
            before = snapshot(journal)
            typed = str(editor.property(OUT_OF_RANGE_PROPERTY))
            editor.selectAll()
            qtbot.keyClicks(editor, typed)
            qtbot.keyClick(editor, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda v=view: open_editor(v) is not None, timeout=2000)
            editor = open_editor(view)
            assert isinstance(editor, QLineEdit), f"{name}: the cell closed on {typed}"
            assert editor.text() == typed, f"{name}: {typed!r} became {editor.text()!r}"
            assert visible_messages(top), f"{name}: {typed} refused without a message"
            assert snapshot(journal) == before, f"{name}: {typed} changed the journal"
            qtbot.keyClick(editor, Qt.Key.Key_Escape)
            qtbot.wait(10)
    return names


@pytest.fixture
def demo(tmp_path: Path, clock: FixedClock) -> Iterator[Journal]:
    from plasticity_app.controller.demo_all import seed_full_demo

    journal = Journal(tmp_path / "demo", clock)
    seed_full_demo(journal)
    yield journal
    journal.close()


def dialog_factories(journal: Journal) -> dict[str, Callable[[QWidget], QWidget]]:
    """Every dialog of the app, opened as a person would find it (with the numbers showing)."""
    from plasticity_app.ui.backups_dialog import BackupsDialog
    from plasticity_app.ui.encryption_widgets import PassphraseForm
    from plasticity_app.ui.habit_dialog import HabitDialog
    from plasticity_app.ui.habits_tab import NoteDialog
    from plasticity_app.ui.help_dialogs import HelpDialog
    from plasticity_app.ui.import_dialog import ImportDialog
    from plasticity_app.ui.journal_opening import PassphraseDialog
    from plasticity_app.ui.metric_dialog import MetricDialog
    from plasticity_app.ui.opening_dialog import OpeningDialog
    from plasticity_app.ui.preferences_dialog import PreferencesDialog
    from plasticity_app.ui.session_dialog import SessionDialog
    from plasticity_app.ui.thought_record_dialog import ThoughtRecordDialog

    def habit_dialog(parent: QWidget) -> QWidget:
        dialog = HabitDialog(journal.habits, None, parent)
        dialog.kind.setCurrentIndex(dialog.kind.findData("quantity"))
        for box in (dialog.use_max, dialog.use_min, dialog.use_daily_max):
            box.setChecked(True)
        return dialog

    def import_dialog(parent: QWidget) -> QWidget:
        dialog = ImportDialog(journal, parent)
        dialog._ask_moods(["rad", "meh"])  # as a Daylio file with moods of its own does
        return dialog

    def thought_record(parent: QWidget) -> QWidget:
        dialog = ThoughtRecordDialog(journal.learning, None, parent)
        return dialog

    return {
        "BackupsDialog": lambda p: BackupsDialog(journal.safety, p),
        "PassphraseForm": lambda p: PassphraseForm(journal.safety, "on", p),
        "HabitDialog": habit_dialog,
        "NoteDialog": lambda p: NoteDialog("Gratitude note", "", p),
        "HelpDialog": lambda p: HelpDialog("science", p),
        "ImportDialog": import_dialog,
        "PassphraseDialog": lambda p: PassphraseDialog(p),
        "MetricDialog": lambda p: MetricDialog(journal.metrics, None, p),
        "OpeningDialog": lambda p: OpeningDialog(journal.learning, None, p),
        "PreferencesDialog": lambda p: PreferencesDialog(journal.settings, p),
        "SessionDialog": lambda p: SessionDialog(journal.learning, None, p),
        "ThoughtRecordDialog": thought_record,
    }


def all_dialog_classes() -> set[str]:
    for module in pkgutil.iter_modules([str(UI)]):
        importlib.import_module(f"plasticity_app.ui.{module.name}")
    found: set[str] = set()
    pending: list[type] = [QDialog]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("plasticity_app.ui"):
                found.add(sub.__name__)
    return found


# Number fields each place must have (so the walk can't pass by finding none).
EXPECTED = {
    "HabitDialog": {"Times", "Period in days", "Maximum times", "Daily minimum", "Daily maximum"},
    "ImportDialog": {"Value for the mood rad", "Value for the mood meh"},
    "PreferencesDialog": {"Baseline length", "A new day starts at"},
    "SessionDialog": {"Minutes"},
    "ThoughtRecordDialog": {
        "Mood 1: how strong, 0 to 100 %",
        "Belief in the automatic thought, 0 to 100 %",
        "Belief in the balanced thought, 0 to 100 %",
    },
}


def test_every_dialog_is_walked(demo: Journal) -> None:
    assert all_dialog_classes() - {"OnboardingWizard"} == set(dialog_factories(demo)), (
        "add the new dialog to dialog_factories so its number fields are checked"
    )


@pytest.fixture
def demo_window(qtbot: QtBot, demo: Journal, tmp_path: Path) -> Iterator[MainWindow]:
    window = MainWindow(demo, tmp_path / "window.ini")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def test_every_number_field_of_every_dialog_refuses_out_of_range(
    qtbot: QtBot, demo: Journal, demo_window: MainWindow
) -> None:
    walked: dict[str, set[str]] = {}
    for name, factory in dialog_factories(demo).items():
        dialog = factory(demo_window)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(lambda d=dialog: QApplication.activeWindow() is d)
        walked[name] = set(refuse_every_field(qtbot, dialog, demo))
        dialog.close()
    for name, fields in EXPECTED.items():
        assert fields <= walked[name], f"{name}: not walked {fields - walked[name]}"


def test_every_number_field_of_the_tabs_and_editors_refuses_out_of_range(
    qtbot: QtBot, demo: Journal, demo_window: MainWindow
) -> None:
    from plasticity_app.ui.experiment_editor import ExperimentEditor

    walked: set[str] = set()
    demo_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is demo_window)
    for index in range(demo_window.tabs.count()):
        demo_window.tabs.setCurrentIndex(index)
        walked |= set(refuse_every_field(qtbot, demo_window, demo))
        cells = refuse_every_cell(qtbot, demo_window, demo)
        walked |= {name.split(",")[0] for name in cells}
    editor = ExperimentEditor(demo.learning)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    editor.start_new()
    walked |= set(refuse_every_field(qtbot, editor, demo))
    planned = next(e for e in demo.learning.experiments() if e.status.value == "planned")
    editor.open_experiment(planned.id, "after")
    walked |= set(refuse_every_field(qtbot, editor, demo))
    assert {
        "Sleep",  # an amount in the Habits grid
        "Self-criticism intensity",  # a rating in the check-in history
        "How much you believe it, 0 to 100 %",
        "How much you believe it now, 0 to 100 %",
    } <= walked


def test_onboarding_baseline_length_refuses_out_of_range(qtbot: QtBot, journal: Any) -> None:
    from plasticity_app.ui.onboarding import OnboardingWizard
    from tests.gui.test_numbers_typed import go_to_baseline_page

    wizard = OnboardingWizard(journal.onboarding)
    qtbot.addWidget(wizard)
    go_to_baseline_page(wizard, qtbot)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    assert refuse_every_field(qtbot, wizard, journal) == ["Baseline length in days"]
    assert journal.onboarding.needed()


def test_number_field_stays_as_typed_for_any_text(qtbot: QtBot) -> None:
    """Property: whatever is typed stays exactly as typed; only numbers in range are used."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from plasticity_app.ui.number_field import NumberField

    field = NumberField(5, 28, "A baseline lasts 5 to 28 days.")
    qtbot.addWidget(field)
    seen: list[object] = []
    field.committed.connect(seen.append)

    @settings(max_examples=60, deadline=None)
    @given(st.one_of(st.integers(-1000, 1000).map(str), st.text("0123456789.,- x", max_size=6)))
    def check(text: str) -> None:
        seen.clear()
        field.setValue(7)
        field.setText("")
        field.insert(text)
        assert field.text() == text
        field.editingFinished.emit()
        stripped = text.strip()
        ok = stripped.lstrip("+-").isdigit() and 5 <= int(stripped) <= 28
        assert (field.problem() is None) == ok
        assert seen == ([int(stripped)] if ok and int(stripped) != 7 else [])

    check()
