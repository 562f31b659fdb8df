"""The Experiments tab driven from the keyboard and mouse, checked on screen and in the database."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from plasticity_app.domain.experiments import (
    ExperimentPlan,
    ExperimentResult,
    ExperimentStatus,
    PredictionCameTrue,
)
from plasticity_app.domain.learning import SessionKind
from plasticity_app.domain.openings import Opening, OpeningKind
from plasticity_app.ui import experiment_editor, learning_widgets
from plasticity_app.ui.experiments_tab import ExperimentsTab
from plasticity_app.ui.main_window import MainWindow
from plasticity_app.ui.opening_dialog import OpeningDialog
from plasticity_app.ui.session_dialog import SessionDialog
from plasticity_app.ui.thought_record_dialog import ThoughtRecordDialog
from tests.helpers import add_presets, rate_days

BELIEF = "If I reach out, people will think I am a nuisance."


def texts(widget: Any) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def roadmap_card(window: MainWindow, step: int) -> Any:
    """The roadmap's card for ``step`` (0-based), looked at as a person does: on its tab."""
    window.show_tab("roadmap")
    return window.roadmap_tab.cards[step]


def map_baseline(journal: Any) -> None:
    metrics = add_presets(journal)
    rate_days(journal, metrics, 7)


def open_step3(journal: Any) -> None:
    map_baseline(journal)
    journal.roadmap.mark_opening_not_needed()


def plan_one(journal: Any, days: int = 0, belief: str = BELIEF) -> Any:
    return journal.learning.plan_experiment(
        ExperimentPlan(
            target_belief=belief,
            belief_before=75,
            plan="Send one concise networking email.",
            prediction="No reply within a week.",
            planned_date=journal.ctx.today() + timedelta(days=days),
        )
    )


def show(window: MainWindow) -> ExperimentsTab:
    window.show_tab("experiments")
    tab = window.experiments_tab
    assert window.tabs.currentWidget() is tab
    return tab


def button(widget: Any, text: str) -> QPushButton:
    return next(b for b in widget.findChildren(QPushButton) if b.text() == text)


def focus() -> Any:
    return QApplication.focusWidget()


def test_locked_until_step_2_is_decided(window: MainWindow, journal: Any, qtbot: QtBot) -> None:
    tab = show(window)
    assert [window.tabs.tabText(i).replace("&", "") for i in range(3)] == [
        "Roadmap",
        "Check-in",
        "Experiments",
    ]
    assert tab.locked.isVisibleTo(window) and not tab.sections.isVisibleTo(window)
    assert "belong to step 3" in tab.locked_text.text()
    assert tab.locked_button.text() == "Choose your metrics"
    tab.new_experiment()  # Ctrl+E on a locked tab points at what opens it
    assert focus() is tab.locked_button
    open_step3(journal)
    assert not tab.locked.isVisibleTo(window) and tab.sections.isVisibleTo(window)
    assert tab.experiments_empty.isVisibleTo(window)
    assert "could prove it wrong" in texts(tab.experiments_empty)


def test_plan_an_experiment_from_the_keyboard(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    open_step3(journal)
    tab = show(window)
    tab.new_experiment()
    editor = tab.editor
    assert tab.experiments_stack.currentIndex() == 1 and editor.phase() == "plan"
    assert focus() is editor.target_belief
    assert tab.guide.isVisibleTo(window)
    assert "could prove the belief wrong" in tab.guide_text.text()
    assert not editor.save_button.isEnabled()
    assert "Write the belief" in editor.save_button.toolTip()
    assert not editor.result_tab.isEnabled()

    qtbot.keyClicks(editor.target_belief, BELIEF)
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    assert focus() is editor.belief_before
    qtbot.keyClicks(editor.belief_before, "150")
    assert editor.errors["belief_before"].isVisibleTo(window)
    assert editor.errors["belief_before"].text() == "Ratings go from 0 to 100 %."
    editor.belief_before.clear()
    qtbot.keyClicks(editor.belief_before, "75")
    assert not editor.errors["belief_before"].isVisibleTo(window)
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    assert focus() is editor.alternative_belief
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    assert focus() is editor.plan
    qtbot.keyClicks(editor.plan, "Email Priya about the project idea, once, no rewrites.")
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    assert focus() is editor.safety_behaviours
    qtbot.keyClicks(editor.safety_behaviours, "Drafting it five times.")
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    qtbot.keyClicks(editor.prediction, "She will not reply.")
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    qtbot.keyClicks(editor.how_to_know, "No answer by Friday.")
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    assert focus() is editor.planned_date
    today = journal.ctx.today()
    assert learning_widgets.from_qdate(editor.planned_date.date()) == today + timedelta(days=1)
    qtbot.keyClick(editor.planned_date, Qt.Key.Key_Down)  # a day earlier: today
    assert learning_widgets.from_qdate(editor.planned_date.date()) == today
    assert editor.save_button.isEnabled()
    qtbot.keyClick(focus(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    [experiment] = journal.learning.experiments()
    assert experiment.plan.target_belief == BELIEF
    assert experiment.plan.belief_before == 75
    assert experiment.plan.safety_behaviours == "Drafting it five times."
    assert experiment.plan.planned_date == today
    assert experiment.status is ExperimentStatus.PLANNED
    assert window.statusBar().currentMessage() == "Saved: experiment planned for today"
    assert tab.experiments_stack.currentIndex() == 0
    row = tab.experiments_model.rows()[0]
    assert row.cells[0] == "● Due today" and row.cells[2] == "75 %"
    assert tab.due_summary.isVisibleTo(window) and "1 due today" in tab.due_summary.text()
    assert f"In progress: “{BELIEF}” (due today)" in texts(roadmap_card(window, 2))


def test_record_the_outcome_and_see_step_3_complete(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    open_step3(journal)
    experiment = plan_one(journal)
    tab = show(window)
    table = tab.experiments_table
    table.setFocus()
    table.select_key(experiment.id)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    editor = tab.editor
    assert editor.phase() == "result"  # due today: straight to the result
    assert focus() is editor.outcome
    assert "You believed “" in editor.recap.text()
    qtbot.keyClicks(editor.outcome, "She replied within an hour and asked to meet.")
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    assert focus() is editor.came_true_buttons[PredictionCameTrue.YES]
    qtbot.keyClick(focus(), Qt.Key.Key_Right)
    qtbot.keyClick(focus(), Qt.Key.Key_Right)
    assert focus() is editor.came_true_buttons[PredictionCameTrue.NO]
    qtbot.keyClick(focus(), Qt.Key.Key_Space)
    assert editor.came_true_buttons[PredictionCameTrue.NO].isChecked()
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    assert focus() is editor.learned
    qtbot.keyClicks(editor.learned, "Reaching out with something specific is welcome.")
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    assert focus() is editor.belief_after
    # Bad input is refused at the field, and nothing is saved.
    qtbot.keyClicks(editor.belief_after, "250")
    assert editor.errors["belief_after"].text() == "Ratings go from 0 to 100 %."
    assert not editor.save_button.isEnabled()
    assert editor.save_button.toolTip() == "Ratings go from 0 to 100 %."
    qtbot.keyClick(editor.belief_after, Qt.Key.Key_Return)
    assert journal.learning.experiment(experiment.id).status is ExperimentStatus.PLANNED
    editor.belief_after.clear()
    qtbot.keyClick(editor.belief_after, Qt.Key.Key_Return)
    assert "Re-rate the belief" in editor.errors["belief_after"].text()
    assert journal.learning.experiment(experiment.id).status is ExperimentStatus.PLANNED
    qtbot.keyClicks(editor.belief_after, "25")
    qtbot.keyClick(editor.belief_after, Qt.Key.Key_Return)

    done = journal.learning.experiment(experiment.id)
    assert done.status is ExperimentStatus.DONE
    assert done.result is not None and done.result.prediction_came_true is PredictionCameTrue.NO
    assert done.belief_change == "75 % → 25 %"
    assert tab.experiments_stack.currentIndex() == 0
    assert tab.experiments_model.rows()[0].cells[:3] == ["Done", "Mon 23 Nov", "75 % → 25 %"]
    assert window.statusBar().currentMessage().startswith("Saved: outcome of")
    card = roadmap_card(window, 2)
    assert card.badge.text() == "Complete"
    assert journal.ctx.steps_repo.completions()[3] == journal.ctx.today()


def test_an_outcome_is_refused_while_the_planned_day_is_ahead(
    window: MainWindow, journal: Any, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_step3(journal)
    experiment = plan_one(journal, days=4)
    tab = show(window)
    tab.open_experiment(experiment.id)
    editor = tab.editor
    assert editor.phase() == "plan"  # not due yet
    assert editor.badge.text() == "Planned"
    qtbot.mouseClick(editor.result_tab, Qt.MouseButton.LeftButton)
    assert editor.phase() == "result"
    assert editor.errors["done_date"].isVisibleTo(window)
    assert (
        "planned for Friday 27 November, which hasn’t come yet" in editor.errors["done_date"].text()
    )
    qtbot.keyClicks(editor.outcome, "Did it early.")
    editor.came_true_buttons[PredictionCameTrue.PARTLY].setChecked(True)
    qtbot.keyClicks(editor.belief_after, "40")
    assert not editor.save_button.isEnabled()
    editor.save()
    assert journal.learning.experiment(experiment.id).status is ExperimentStatus.PLANNED
    # Escape with unsaved changes asks first; Keep editing keeps the editor open (the prompt
    # itself is driven in test_dialogs_keep_typed_work.py).
    asked: list[str] = []

    def keep(parent: Any) -> bool:
        asked.append("asked")
        return False

    monkeypatch.setattr(experiment_editor, "ask_discard", keep)
    qtbot.keyClick(editor.outcome, Qt.Key.Key_Escape)
    assert asked == ["asked"]
    assert tab.experiments_stack.currentIndex() == 1


def test_cancel_an_experiment_and_filter_by_status(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    open_step3(journal)
    first = plan_one(journal, days=-3, belief="Overdue belief")
    second = plan_one(journal, days=2, belief="Upcoming belief")
    tab = show(window)
    rows = tab.experiments_model.rows()
    assert [r.cells[0] for r in rows] == ["▲ Overdue by 3 days", "Planned"]
    assert rows[0].emphasis == "overdue"
    index = tab.experiments_model.index(0, 0)
    assert tab.experiments_model.data(index, Qt.ItemDataRole.FontRole).bold()
    assert "1 overdue" in tab.due_summary.text()
    tab.open_experiment(second.id)
    qtbot.mouseClick(tab.editor.cancel_experiment_button, Qt.MouseButton.LeftButton)
    assert journal.learning.experiment(second.id).status is ExperimentStatus.CANCELLED
    assert tab.experiments_stack.currentIndex() == 0
    assert [tab.filter.itemText(i) for i in range(tab.filter.count())] == [
        "All (2)",
        "Planned (1)",
        "Done (0)",
        "Cancelled (1)",
    ]
    tab.filter.setCurrentIndex(3)
    assert [r.key for r in tab.experiments_model.rows()] == [second.id]
    tab.filter.setCurrentIndex(2)
    assert tab.experiments_model.rows() == []
    assert tab.experiments_filtered_empty.isVisibleTo(window)
    tab.filter.setCurrentIndex(1)
    assert [r.key for r in tab.experiments_model.rows()] == [first.id]


def test_delete_asks_and_can_be_undone(
    window: MainWindow, journal: Any, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_step3(journal)
    experiment = plan_one(journal)
    asked: list[str] = []

    def yes(parent: Any, title: str, text: str, button: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(learning_widgets, "confirm", yes)
    tab = show(window)
    tab.experiments_table.setFocus()
    tab.experiments_table.select_key(experiment.id)
    qtbot.keyClick(tab.experiments_table, Qt.Key.Key_Delete)
    assert asked and BELIEF in asked[0]
    assert journal.learning.experiments() == []
    assert tab.experiments_empty.isVisibleTo(window)
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert [e.id for e in journal.learning.experiments()] == [experiment.id]
    assert [r.key for r in tab.experiments_model.rows()] == [experiment.id]


def test_write_a_thought_record_with_distortions(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    open_step3(journal)
    tab = show(window)
    tab.sections.setCurrentIndex(1)
    assert tab.thoughts_empty.isVisibleTo(window)
    qtbot.mouseClick(tab.new_thought_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, ThoughtRecordDialog)
    qtbot.waitExposed(dialog)
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.situation, "Team meeting: my idea was skipped.")
    first, second = dialog.mood_rows[:2]
    qtbot.keyClicks(first.name, "anxious")
    qtbot.keyClicks(first.before, "70")
    qtbot.keyClicks(second.name, "ashamed")
    qtbot.keyClicks(second.before, "60")
    qtbot.keyClicks(dialog.automatic_thought, "They think my ideas are worthless.")
    qtbot.keyClicks(dialog.thought_belief, "80")
    for key in ("mind_reading", "overgeneralization"):
        box = dialog.distortion_boxes[key]
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
    assert dialog.distortion_boxes["mind_reading"].isChecked()
    qtbot.keyClicks(dialog.evidence_against, "Two people nodded; we ran out of time.")
    qtbot.keyClicks(dialog.balanced_thought, "One skipped idea says little about me.")
    qtbot.keyClicks(dialog.balanced_belief, "60")
    assert first.after_label.text() == "anxious (was 70 %)"
    assert first.after.isVisibleTo(dialog)
    qtbot.keyClicks(first.after, "40")
    qtbot.keyClicks(second.after, "130")
    assert dialog.errors["moods_after"].isVisibleTo(dialog)
    assert not dialog.save_button.isEnabled()
    second.after.clear()
    qtbot.keyClicks(second.after, "35")
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    [record] = journal.learning.thought_records()
    assert record.distortions == ("overgeneralization", "mind_reading")  # in Burns' order
    assert record.mood_summary() == "anxious 70 → 40 %, ashamed 60 → 35 %"
    assert record.balanced_belief == 60
    row = tab.thoughts_model.rows()[0]
    assert row.cells[1] == "They think my ideas are worthless."
    assert row.cells[3] == "Overgeneralization, Mind reading"
    assert window.statusBar().currentMessage() == "Saved: thought record for today"


def test_a_thought_record_needs_the_first_three_columns(
    window: MainWindow, journal: Any, qtbot: QtBot
) -> None:
    open_step3(journal)
    tab = show(window)
    tab.new_thought_record()
    dialog = tab.dialog
    assert isinstance(dialog, ThoughtRecordDialog)
    dialog.save()
    assert dialog.isVisible()
    assert dialog.errors["situation"].text().startswith("Describe the situation")
    assert dialog.errors["moods"].text().startswith("Name at least one mood")
    assert dialog.errors["automatic_thought"].isVisibleTo(dialog)
    assert journal.learning.thought_records() == []
    dialog.reject()


def log_opening_from_the_roadmap(window: MainWindow, qtbot: QtBot) -> OpeningDialog:
    card = roadmap_card(window, 1)
    labels = [b.text() for b in card.findChildren(QPushButton)]
    assert labels == ["Decide about an opening", "Log an opening…", "Not needed"]
    qtbot.mouseClick(button(card, "Log an opening…"), Qt.MouseButton.LeftButton)
    dialog = window.opening_dialog  # type: ignore[attr-defined]
    assert isinstance(dialog, OpeningDialog)
    assert "belong with qualified clinicians" in dialog.caution.text()
    assert not dialog.choice_box.isVisibleTo(dialog)
    return dialog


def test_log_an_opening_and_see_it_paired(
    window: MainWindow, journal: Any, qtbot: QtBot, clock: Any
) -> None:
    map_baseline(journal)
    dialog = log_opening_from_the_roadmap(window, qtbot)
    dialog.kind.setCurrentIndex(dialog.kind.findData(OpeningKind.TMS.value))
    qtbot.keyClicks(dialog.clinician, "Dr. Osei")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    [opening] = journal.learning.openings()
    assert opening.kind is OpeningKind.TMS and opening.clinician == "Dr. Osei"
    assert opening.at == clock.now()
    card = roadmap_card(window, 1)
    assert card.badge.text() == "Complete"
    shown = texts(card)
    assert "Opening logged: TMS, Monday 23 November, 20:00, with Dr. Osei." in shown
    assert "Pairing window open: 72 h left." in shown
    tab = show(window)
    assert tab.banner.isVisibleTo(window)
    assert "Pairing window open: 72 h left" in tab.banner_text.text()

    clock.advance(hours=20)  # Tuesday 16:00
    tab.timer.timeout.emit()  # the minute tick
    assert "Pairing window open: 52 h left." in texts(roadmap_card(window, 1))
    tab = show(window)
    qtbot.mouseClick(tab.banner_session, Qt.MouseButton.LeftButton)
    session_dialog = tab.dialog
    assert isinstance(session_dialog, SessionDialog)
    assert not session_dialog.save_button.isEnabled()
    qtbot.keyClicks(session_dialog.minutes, "50")
    qtbot.keyClicks(session_dialog.notes, "CBT: mapped the nuisance belief.")
    qtbot.mouseClick(session_dialog.save_button, Qt.MouseButton.LeftButton)
    [session] = journal.learning.sessions()
    assert session.kind is SessionKind.THERAPY and session.minutes == 50
    assert session.day == journal.ctx.today()
    assert not tab.banner.isVisibleTo(window)
    assert "Paired after 16 h, with a therapy session." in texts(roadmap_card(window, 1))
    tab = show(window)
    tab.sections.setCurrentIndex(3)
    assert tab.openings_model.rows()[0].cells[3] == "Paired after 16 h"


def test_an_opening_without_learning_shows_not_paired(
    window: MainWindow, journal: Any, qtbot: QtBot, clock: Any
) -> None:
    map_baseline(journal)
    journal.learning.log_opening(Opening(OpeningKind.MEDICATION_CHANGE, clock.now(), "Dr. Osei"))
    assert "Pairing window open" in texts(roadmap_card(window, 1))
    clock.advance(hours=73)
    window.experiments_tab.timer.timeout.emit()
    shown = texts(roadmap_card(window, 1))
    assert "Not paired: no learning was logged within 72 hours of the opening." in shown
    tab = show(window)
    assert not tab.banner.isVisibleTo(window)


def test_decide_opens_a_real_choice(window: MainWindow, journal: Any, qtbot: QtBot) -> None:
    map_baseline(journal)
    card = roadmap_card(window, 1)
    qtbot.mouseClick(button(card, "Decide about an opening"), Qt.MouseButton.LeftButton)
    dialog = window.opening_dialog  # type: ignore[attr-defined]
    assert isinstance(dialog, OpeningDialog)
    assert dialog.choice_box.isVisibleTo(dialog) and dialog.log_choice.isChecked()
    assert dialog.save_button.text() == "Log opening"
    dialog.skip_choice.setChecked(True)
    assert not dialog.form_box.isVisibleTo(dialog)
    assert dialog.save_button.text() == "Mark as not needed"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert roadmap_card(window, 1).badge.text() == "Not needed"
    assert journal.learning.openings() == []
    assert roadmap_card(window, 2).badge.text() == "In progress"


def test_future_openings_are_refused_at_the_field(
    window: MainWindow, journal: Any, qtbot: QtBot, clock: Any
) -> None:
    from plasticity_app.ui.learning_widgets import to_qdatetime

    map_baseline(journal)
    dialog = log_opening_from_the_roadmap(window, qtbot)
    dialog.at.setMaximumDateTime(to_qdatetime(clock.now() + timedelta(days=2)))
    dialog.at.setDateTime(to_qdatetime(clock.now() + timedelta(hours=3)))
    assert dialog.at_error.isVisibleTo(dialog)
    assert "still to come" in dialog.at_error.text()
    assert not dialog.save_button.isEnabled()
    dialog.save()
    assert journal.learning.openings() == []
    dialog.reject()


def test_sessions_list_edit_and_bad_minutes(window: MainWindow, journal: Any, qtbot: QtBot) -> None:
    open_step3(journal)
    tab = show(window)
    tab.sections.setCurrentIndex(2)
    qtbot.mouseClick(tab.new_session_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, SessionDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(SessionKind.SKILLS.value))
    qtbot.keyClicks(dialog.minutes, "2000")
    assert "1 to 1,440" in dialog.minutes_error.text()
    assert not dialog.save_button.isEnabled()
    dialog.minutes.clear()
    qtbot.keyClicks(dialog.minutes, "20")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert tab.sessions_model.rows()[0].cells[1:3] == ["Skills practice", "20 min"]
    tab.sessions_table.setFocus()
    qtbot.keyClick(tab.sessions_table, Qt.Key.Key_Return)
    edit = tab.dialog
    assert isinstance(edit, SessionDialog)
    edit.minutes.clear()
    qtbot.keyClicks(edit.minutes, "25")
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    assert [s.minutes for s in journal.learning.sessions()] == [25]


def test_the_demo_reads_like_a_finished_app(qtbot: QtBot, demo_journal: Any, tmp_path: Any) -> None:
    window = MainWindow(demo_journal, tmp_path / "w.ini")
    qtbot.addWidget(window)
    window.show()
    tab = show(window)
    states = [r.cells[0] for r in tab.experiments_model.rows()]
    assert states[:3] == ["▲ Overdue by 2 days", "● Due today", "Planned"]
    assert "Cancelled" in states and "Done" in states
    assert any(r.cells[2] == "75 % → 25 %" for r in tab.experiments_model.rows())
    shown = texts(roadmap_card(window, 1))
    assert "Paired after 25 h, with a therapy session." in shown
    done = next(e for e in demo_journal.learning.experiments() if e.status is ExperimentStatus.DONE)
    tab.open_experiment(done.id)
    assert tab.editor.phase() == "result"
    assert tab.editor.belief_after.text() == str(done.result.belief_after)
    assert isinstance(done.result, ExperimentResult)
