"""File → Backups: the backups beside the journal, a backup by hand, and restoring one."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plasticity_app.controller.safety import BackupPassphraseNeededError, SafetyController
from plasticity_app.db.cipher import WrongPassphraseError
from plasticity_app.domain import dates
from plasticity_app.domain.errors import UserError
from plasticity_app.ui.style import error_label, heading, muted, show_error


class BackupsDialog(QDialog):
    def __init__(self, safety: SafetyController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._safety = safety
        self.setWindowTitle(self.tr("Backups"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Backups of your journal"), 2))
        layout.addWidget(
            muted(
                self.tr(
                    "A backup is made when you start the app (once a day), before every import, "
                    "restore or encryption change, and whenever you ask. The newest of each of the "
                    "last 7 days and of the last 4 weeks are kept. They stay on this computer%s."
                )
                % (self.tr(", encrypted like your journal") if safety.encrypted else "")
            )
        )
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Made"), self.tr("Why"), self.tr("Size")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleName(self.tr("Backups, newest first"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.message = muted("")
        layout.addWidget(self.message)
        self.error = error_label()
        layout.addWidget(self.error)
        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.restore_button = QPushButton(self.tr("&Restore this backup…"))
        self.folder_button = QPushButton(self.tr("Show the &folder"))
        for button in (self.backup_button, self.restore_button, self.folder_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.folder_button.clicked.connect(self.show_folder)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.refresh()

    def refresh(self) -> None:
        backups = self._safety.backups()
        self._backups = backups
        self.table.setRowCount(len(backups))
        locale = QLocale()
        for r, backup in enumerate(backups):
            made = f"{dates.short_date_year(backup.made.date())}, {dates.time_of_day(backup.made)}"
            size = locale.formattedDataSize(backup.size)
            for c, text in enumerate((made, backup.label, size)):
                item = QTableWidgetItem(text)
                if c == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
        if backups:
            self.table.selectRow(0)
        else:
            self.message.setText(self.tr("No backups yet. “Back up now” makes the first one."))
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def back_up_now(self) -> None:
        try:
            path = self._safety.backup_now()
        except UserError as exc:
            show_error(self.error, exc.message)
            return
        show_error(self.error, None)
        self.refresh()
        self.message.setText(self.tr("Backed up: %s") % path.name)

    def confirm_restore(self, label: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Restore a backup"),
            self.tr(
                "Go back to the backup from %s?\n\nEverything you wrote after it will be "
                "replaced. Your journal as it is now is backed up first, so you can come back "
                "to it from this list."
            )
            % label,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def restore_selected(self) -> None:
        index = self.selected()
        if index is None:
            return
        backup = self._backups[index]
        label = dates.full_moment(backup.made)
        if not self.confirm_restore(label):
            return
        passphrase: str | None = None
        while True:
            try:
                self._safety.restore(backup.path, passphrase)
                break
            except BackupPassphraseNeededError as exc:
                passphrase = self.ask_backup_passphrase(exc.message)
            except WrongPassphraseError as exc:
                passphrase = self.ask_backup_passphrase(exc.message)
            except UserError as exc:
                show_error(self.error, exc.message)
                return
            if passphrase is None:
                return
        show_error(self.error, None)
        self.refresh()
        self.message.setText(self.tr("Restored the backup from %s.") % label)

    def ask_backup_passphrase(self, message: str) -> str | None:
        """The passphrase of an encrypted backup (one this journal's passphrase doesn't open)."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Passphrase of the backup"))
        dialog.setLabelText(message)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setOkButtonText(self.tr("Restore"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.textValue()

    def show_folder(self) -> None:
        self._safety.store.folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._safety.store.folder)))
