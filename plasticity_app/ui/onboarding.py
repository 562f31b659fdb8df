"""First-run onboarding: what the app is and is not, the disclaimer, the roadmap, metrics, baseline."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from plasticity_app.controller.onboarding import MetricChoice, OnboardingController
from plasticity_app.domain import metrics as m
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.metrics import Direction
from plasticity_app.domain.roadmap import (
    BASELINE_DAYS_MAX,
    BASELINE_DAYS_MIN,
    DEFAULT_BASELINE_DAYS,
    EXPECTATIONS,
    TITLES,
    title,
    what,
)
from plasticity_app.domain.settings import baseline_days_message
from plasticity_app.domain.text import tr
from plasticity_app.ui.dialog_guard import KeepsTypedWork
from plasticity_app.ui.help_dialogs import help_text
from plasticity_app.ui.number_field import NumberField
from plasticity_app.ui.style import error_label, muted, show_error


def _text_page(title: str, subtitle: str, body: str) -> QWizardPage:
    page = QWizardPage()
    page.setTitle(title)
    page.setSubTitle(subtitle)
    layout = QVBoxLayout(page)
    label = QLabel(body)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    layout.addWidget(label)
    layout.addStretch(1)
    return page


class DisclaimerPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Before you start"))
        self.setSubTitle(self.tr("Please read this. It matters for how you use the app."))
        layout = QVBoxLayout(self)
        browser = QTextBrowser()
        browser.setMarkdown(help_text("disclaimer"))
        browser.setAccessibleName(self.tr("Disclaimer"))
        layout.addWidget(browser)
        self.ack = QCheckBox(
            self.tr("I understand that this app is a journal, not a medical device or therapy.")
        )
        self.ack.setAccessibleName(self.tr("I understand the disclaimer"))
        layout.addWidget(self.ack)
        self.hint = muted(self.tr("Tick the box to continue."))
        layout.addWidget(self.hint)
        self.ack.toggled.connect(lambda on: self.hint.setVisible(not on))
        self.ack.toggled.connect(lambda _on: self.completeChanged.emit())

    def isComplete(self) -> bool:
        return self.ack.isChecked()


class MetricsPage(QWizardPage):
    """Choose 2–3 outcomes: presets or your own, each with its direction."""

    def __init__(self, controller: OnboardingController) -> None:
        super().__init__()
        self._controller = controller
        self.setTitle(self.tr("Choose 2 or 3 outcomes to rate"))
        self.setSubTitle(
            self.tr(
                "You will rate each of them once a day, from 0 to 10. Pick ones you can judge in "
                "a few seconds. You can change them later."
            )
        )
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Outcomes to rate"))
        self.list.setSpacing(6)
        self.list.setWordWrap(True)
        for preset in m.PRESETS:
            self._add_item(tr(preset.name), preset.direction, tr(preset.description), checked=False)
        layout.addWidget(self.list)
        layout.addWidget(QLabel(self.tr("Or add your own:")))
        row = QHBoxLayout()
        self.custom_name = QLineEdit()
        self.custom_name.setPlaceholderText(self.tr("For example: Ease in conversations"))
        self.custom_name.setAccessibleName(self.tr("Your own outcome"))
        row.addWidget(self.custom_name, 1)
        self.custom_direction = QComboBox()
        self.custom_direction.addItem(self.tr("Higher is better"), Direction.HIGHER)
        self.custom_direction.addItem(self.tr("Lower is better"), Direction.LOWER)
        self.custom_direction.setAccessibleName(self.tr("Which way is better"))
        row.addWidget(self.custom_direction)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setAccessibleName(self.tr("Add your own outcome"))
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.custom_error = error_label()
        layout.addWidget(self.custom_error)
        self.count = muted("")
        layout.addWidget(self.count)
        self.add_button.clicked.connect(self._add_custom)
        self.custom_name.installEventFilter(self)
        self.list.itemChanged.connect(lambda _item: self._update())
        self._update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the name field adds the outcome (and does not move the wizard on)."""
        if (
            watched is self.custom_name
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.custom_name.text().strip()
        ):
            self._add_custom()
            return True
        return super().eventFilter(watched, event)

    def _add_item(self, name: str, direction: Direction, description: str, checked: bool) -> None:
        text = f"{name}  ({direction.label})" + (f"\n{description}" if description else "")
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, MetricChoice(name, direction, description))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        item.setToolTip(description)
        self.list.addItem(item)

    def _add_custom(self) -> None:
        name = self.custom_name.text().strip()
        existing = [c.name for c in self.all_choices()]
        error = m.validate_metric_name(name, existing)
        if error is None and len(self.choices()) >= m.MAX_ACTIVE_METRICS:
            error = self.tr("You have chosen 3 already. Untick one to add your own.")
        show_error(self.custom_error, error)
        if error:
            return
        self._add_item(name, Direction(self.custom_direction.currentData()), "", checked=True)
        self.custom_name.clear()
        self._update()

    def all_choices(self) -> list[MetricChoice]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def choices(self) -> list[MetricChoice]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _update(self) -> None:
        n = len(self.choices())
        if n < m.MIN_ACTIVE_METRICS:
            text = self.tr("Chosen: %1. Choose at least 2.").replace("%1", str(n))
        elif n > m.MAX_ACTIVE_METRICS:
            text = self.tr("Chosen: %1. Choose 3 at most: fewer is easier to keep up.").replace(
                "%1", str(n)
            )
        else:
            text = self.tr("Chosen: %1. Good.").replace("%1", str(n))
        self.count.setText(text)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._controller.validate_choices(self.choices()) is None


class BaselinePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("How long should your baseline be?"))
        self.setSubTitle(
            self.tr(
                "Your baseline is your starting point. Later weeks are compared with it, so a "
                "few honest days of ordinary life make every later number more meaningful."
            )
        )
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        label = QLabel(self.tr("Rated days per outcome:"))
        row.addWidget(label)
        self.days = NumberField(BASELINE_DAYS_MIN, BASELINE_DAYS_MAX, baseline_days_message())
        self.days.setValue(DEFAULT_BASELINE_DAYS)
        self.days.setAccessibleName(self.tr("Baseline length in days"))
        label.setBuddy(self.days)
        row.addWidget(self.days)
        row.addWidget(QLabel(self.tr("days")))
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.days.error)
        layout.addWidget(
            muted(
                self.tr(
                    "7 days is a good default. Days you fill in afterwards count too. "
                    "Ratings in the hardest part of the scale are a reason to talk with a "
                    "clinician, and the app will say so."
                )
            )
        )
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addStretch(1)


class OnboardingWizard(KeepsTypedWork, QWizard):
    def __init__(self, controller: OnboardingController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.setWindowTitle(self.tr("Welcome · Plasticity Journal"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.resize(720, 560)
        self.addPage(
            _text_page(
                self.tr("Welcome to Plasticity Journal"),
                self.tr(
                    "A private notebook for building self-confidence, one small test at a time."
                ),
                self.tr(
                    "<p>The brain keeps changing with what we practise. This journal walks you "
                    "through a five-step roadmap built on that idea: you map where you are, test "
                    "the beliefs that hold you back in small real-life experiments, add habits "
                    "that support learning, and review each week what seems to help.</p>"
                    "<p><b>What it is:</b> a place to rate how you are doing, plan experiments, "
                    "keep habits and print a weekly summary, for yourself or your therapist.</p>"
                    "<p><b>What it is not:</b> a medical device, a diagnosis or a treatment. It "
                    "never suggests medicines or doses. Everything stays on this computer.</p>"
                ),
            )
        )
        self.addPage(DisclaimerPage())
        steps = "".join(f"<p><b>{n}. {title(n)}</b><br>{what(n)}</p>" for n in sorted(TITLES))
        expectations = "".join(f"<li><b>{tr(w)}:</b> {tr(t)}</li>" for w, t in EXPECTATIONS)
        self.addPage(
            _text_page(
                self.tr("The roadmap"),
                self.tr("Five steps. Each opens when the one before it is done."),
                steps + "<p>" + self.tr("What to expect:") + f"</p><ul>{expectations}</ul>",
            )
        )
        self.metrics_page = MetricsPage(controller)
        self.addPage(self.metrics_page)
        self.baseline_page = BaselinePage()
        self.addPage(self.baseline_page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Start my baseline"))

    def validateCurrentPage(self) -> bool:
        if self.currentPage() is not self.baseline_page:
            return super().validateCurrentPage()
        days = self.baseline_page.days
        if not days.check():
            days.setFocus()
            return False
        try:
            self._controller.finish(self.metrics_page.choices(), int(days.value() or 0))
        except UserError as exc:
            show_error(self.baseline_page.error, exc.message)
            return False
        return True
