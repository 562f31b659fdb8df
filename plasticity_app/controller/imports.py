"""Import: read a file whole and check it, show what it would add, then write it all in one
transaction after a backup, or nothing at all.

Formats: our own JSON export, Loop Habit Tracker (its CSV export as a zip or folder, and its .db
backup) and Daylio's CSV export. Importing the same file twice adds nothing the second time.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import zipfile
import zlib
from collections.abc import Mapping
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import peewee as pw

from plasticity_app.controller.base import Context
from plasticity_app.controller.roadmap import RoadmapController
from plasticity_app.controller.safety import SafetyController
from plasticity_app.db import loop_reader
from plasticity_app.db.faults import WriteRefusedError, import_refused
from plasticity_app.db.import_writer import ImportWriter
from plasticity_app.db.migrations import LATEST_VERSION
from plasticity_app.db.records import ImportLogRecord
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.imports import daylio, loop, own_json, spreadsheet
from plasticity_app.domain.imports.detect import FORMATS, detect
from plasticity_app.domain.imports.ledger import Ledger
from plasticity_app.domain.imports.model import FORMAT_LABELS, ImportPlan, refuse
from plasticity_app.domain.text import tr

MAX_FILE_BYTES = 200 * 1024 * 1024
# What a damaged or hostile file can make the readers raise.
UNREADABLE = (
    RecursionError,
    RuntimeError,
    NotImplementedError,
    OverflowError,
    MemoryError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    EOFError,
    OSError,
    zlib.error,
    zipfile.BadZipFile,
    sqlite3.Error,
)
# What the journal itself refuses while writing a plan the checks let through.
WRITE_REFUSALS = (
    pw.IntegrityError,
    sqlite3.IntegrityError,
    ValueError,
    TypeError,
    KeyError,
    OverflowError,
)
ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)


def _imported_member(name: str) -> bool:
    parts = name.split("/")
    return parts[-1] == "Habits.csv" or (len(parts) >= 2 and parts[-1] == "Checkmarks.csv")


def _check_archive(source: str, infos: list[zipfile.ZipInfo]) -> None:
    """Refused before anything is unpacked: too large, encrypted, or packed in a way we can't
    unpack."""
    total = sum(i.file_size for i in infos)
    if total > MAX_FILE_BYTES:
        raise refuse(
            source,
            tr("it is too large to import (over {limit} MB unpacked).").format(
                limit=MAX_FILE_BYTES // (1024 * 1024)
            ),
        )
    if any(i.flag_bits & 0x1 for i in infos):
        raise refuse(source, tr("the zip file is locked with a password; unpack it first."))
    if any(i.compress_type not in ZIP_METHODS for i in infos):
        raise refuse(source, tr("the zip file is packed in a way we can’t unpack."))


class _Rollback(Exception):
    pass


@dataclass(frozen=True)
class Preview:
    plan: ImportPlan
    summary: str  # what would be added
    nothing_new: bool
    remarks: tuple[str, ...]
    fingerprint: str
    ledger: Ledger  # every row of the file: read, to import, already there, left out (why)

    @property
    def ledger_lines(self) -> list[str]:
        return self.ledger.text_lines(preview=True)


def locale_date_format() -> str:
    """The locale's short date format, as strptime writes it (dates in a spreadsheet)."""
    from PySide6.QtCore import QLocale

    return spreadsheet.qt_to_strptime(QLocale().dateFormat(QLocale.FormatType.ShortFormat))


def _text(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise refuse(source, tr("this is not a text file (it isn’t UTF-8).")) from None


class ImportController:
    AREA = "import"

    def __init__(self, ctx: Context, roadmap: RoadmapController, safety: SafetyController) -> None:
        self._ctx = ctx
        self._roadmap = roadmap
        self._safety = safety
        self.last_ledger = Ledger()  # the last import's (the command line prints it)
        self._held_notice = ""

    # Reading -----------------------------------------------------------------------------------
    def detect(self, path: Path) -> str:
        path = Path(path)
        if not path.exists():
            raise UserError(tr("{path} doesn’t exist.").format(path=path), "file")
        if path.is_dir():
            members = tuple(p.name for p in path.iterdir())
            found = detect(path.name, b"", is_folder=True, members=members)
        elif zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                found = detect(path.name, b"", members=tuple(archive.namelist()))
        else:
            with path.open("rb") as fh:
                found = detect(path.name, fh.read(4096))
        if found is None:
            raise refuse(
                path.name,
                tr(
                    "this doesn’t look like a file we can import (a Plasticity Journal JSON "
                    "export, a Loop Habit Tracker export or backup, or a Daylio CSV export)."
                ),
            )
        return found

    def _loop_files(self, path: Path) -> dict[str, str]:
        files: dict[str, str] = {}
        if path.is_dir():
            for item in path.rglob("*.csv"):
                name = item.relative_to(path).as_posix()
                if _imported_member(name):
                    files[name] = _text(item.read_bytes(), name)
            return files
        try:
            with zipfile.ZipFile(path) as archive:
                infos = [i for i in archive.infolist() if i.filename.endswith(".csv")]
                _check_archive(path.name, infos)
                # Only what is imported: Habits.csv and each habit's Checkmarks.csv (not the
                # scores Loop derives, nor the wide table that repeats the checkmarks).
                infos = [i for i in infos if _imported_member(i.filename)]
                prefix = ""
                habits = [i.filename for i in infos if i.filename.endswith("Habits.csv")]
                if habits:
                    prefix = habits[0][: -len("Habits.csv")]
                for info in infos:
                    name = info.filename
                    files[name[len(prefix) :]] = _text(archive.read(info), name)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError) as exc:
            raise refuse(
                path.name, tr("the zip file is damaged ({exc}).").format(exc=exc)
            ) from None
        return files

    @staticmethod
    def check_size(path: Path) -> None:
        """A file, or an unpacked folder, over the limit is refused before anything is read."""
        if path.is_dir():
            total = 0
            for item in path.rglob("*"):
                if item.is_file():
                    total += item.stat().st_size
                    if total > MAX_FILE_BYTES:
                        break
        else:
            total = path.stat().st_size
        if total > MAX_FILE_BYTES:
            raise refuse(
                path.name,
                tr("it is too large to import (over {limit} MB).").format(
                    limit=MAX_FILE_BYTES // (1024 * 1024)
                ),
            )

    def read(
        self,
        path: Path,
        fmt: str | None = None,
        mood_map: Mapping[str, float] | None = None,
        sheet: spreadsheet.SheetOptions | None = None,
    ) -> ImportPlan:
        """The whole file, parsed and checked (raises :class:`UserError` naming the problem).
        ``sheet``: a spreadsheet's column roles and date format (guessed when left out)."""
        path = Path(path)
        if fmt is not None and fmt not in FORMATS:
            raise UserError(
                tr("Unknown format “{fmt}”: use one of {formats}.").format(
                    fmt=fmt, formats=", ".join(FORMATS)
                ),
                "format",
            )
        if not path.exists():
            raise UserError(tr("{path} doesn’t exist.").format(path=path), "file")
        self.check_size(path)
        try:
            fmt = fmt or self.detect(path)
            return self._read(path, fmt, mood_map, sheet)
        except UserError:
            raise
        except UNREADABLE as exc:
            # Whatever the checks missed: one sentence, never a traceback.
            raise refuse(
                path.name,
                tr("it can’t be read ({problem}).").format(problem=type(exc).__name__),
            ) from None

    def _read(
        self,
        path: Path,
        fmt: str,
        mood_map: Mapping[str, float] | None,
        sheet: spreadsheet.SheetOptions | None,
    ) -> ImportPlan:
        try:
            if fmt == "loop-csv":
                plan = loop.parse_csv_export(self._loop_files(path))
            elif fmt == "loop-db":
                with loop_reader.open_backup(path) as backup:
                    plan = loop.plan_from_backup(
                        path.name, backup.version, backup.habits(), backup.repetitions()
                    )
            elif fmt == "csv":
                options = sheet or spreadsheet.SheetOptions()
                if options.locale_format is None:
                    options = replace(options, locale_format=locale_date_format())
                plan = spreadsheet.parse(_text(path.read_bytes(), path.name), path.name, options)
            elif fmt == "daylio":
                plan = daylio.parse(_text(path.read_bytes(), path.name), path.name, mood_map)
            else:
                plan = own_json.parse_bytes([path.read_bytes()], path.name, LATEST_VERSION)
        except (IsADirectoryError, PermissionError, FileNotFoundError) as exc:
            raise refuse(
                path.name, tr("it can’t be read ({strerror}).").format(strerror=exc.strerror)
            ) from None
        plan.source = path.name
        return plan

    @staticmethod
    def fingerprint(path: Path) -> str:
        digest = hashlib.sha256()
        paths = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for item in paths:
            digest.update(item.name.encode())
            with item.open("rb") as fh:  # a megabyte at a time, not the whole file at once
                while chunk := fh.read(1 << 20):
                    digest.update(chunk)
        return digest.hexdigest()

    def preview(self, path: Path, plan: ImportPlan) -> Preview:
        """What the import would add, found by writing it and rolling back."""
        writer = ImportWriter(self._ctx.today(), plan.ledger)
        try:
            with self._ctx.transaction():
                writer.apply_plan(plan)
                raise _Rollback
        except _Rollback:
            pass
        except WRITE_REFUSALS as exc:  # what apply() would refuse, said before it is tried
            raise refuse(
                Path(path).name,
                tr("it holds something the journal can’t take ({exc}).").format(exc=exc),
            ) from None
        return Preview(
            plan,
            writer.summary(preview=True),
            not writer.added,
            tuple(writer.remarks),
            self.fingerprint(Path(path)),
            writer.ledger,
        )

    # Writing -----------------------------------------------------------------------------------
    def apply(
        self, path: Path, plan: ImportPlan, *, background: bool = False, notify: bool = True
    ) -> str:
        """Back up, then write the whole plan in one transaction; one change for the views.

        ``background``: called on a worker thread with its own connection (the window's import),
        where the window's undo log isn't attached, so there is nothing to pause."""
        writer = ImportWriter(self._ctx.today(), plan.ledger)
        try:
            self._safety.store.make(self._ctx.db, "before-import", self._ctx.clock.now())
        except WriteRefusedError as exc:  # said as what the person asked for: the import
            raise import_refused(exc) or exc from exc
        label = tr(FORMAT_LABELS.get(plan.format, plan.format))
        try:
            self._write(path, plan, writer, label, pause_undo=not background)
        except WRITE_REFUSALS as exc:
            # Whatever the checks missed, the journal refuses it whole: nothing was written.
            raise refuse(
                Path(path).name,
                tr("it holds something the journal can’t take ({exc}).").format(exc=exc),
            ) from None
        self._ctx.reload_settings()
        self.last_ledger = writer.ledger
        summary = writer.summary()
        if notify:
            self._ctx.hub.notify(self.AREA, summary)
        else:
            self._held_notice = summary
        if writer.remarks:
            summary += " " + " ".join(writer.remarks)
        return summary

    def _write(
        self, path: Path, plan: ImportPlan, writer: ImportWriter, label: str, *, pause_undo: bool
    ) -> None:
        # A batch: imports are not undoable (they are backed up instead), so the undo log rests.
        pause = self._ctx.hub.batch(self.AREA, "Imported") if pause_undo else nullcontext()
        with pause, self._ctx.transaction():
            writer.apply_plan(plan)
            self._roadmap.record_completions()
            ImportLogRecord.insert(
                source=f"{label}: {Path(path).name}",
                fingerprint=self.fingerprint(Path(path)),
                imported_at=datetime.now().astimezone().isoformat(timespec="seconds"),
                summary=writer.summary(),
            ).execute()

    def import_file(
        self,
        path: Path,
        fmt: str | None = None,
        mood_map: Mapping[str, float] | None = None,
        sheet: spreadsheet.SheetOptions | None = None,
    ) -> str:
        """Read, check and apply in one go (the command line)."""
        plan = self.read(path, fmt, mood_map, sheet)
        return self._apply_apart(path, plan)

    def _apply_apart(self, path: Path, plan: ImportPlan) -> str:
        """:meth:`apply` on a connection of its own, as the window's import runs: the undo
        log's triggers watch the main connection only, and there they would cost every row of
        a large import (about half its time) for a write that is backed up, not undone."""
        outcome: list[str | BaseException] = []

        def work() -> None:
            try:
                with self._ctx.db.thread_connection():
                    outcome.append(self.apply(path, plan, background=True, notify=False))
            except BaseException as exc:  # handed to the caller's thread below
                outcome.append(exc)

        worker = threading.Thread(target=work, name="import")
        worker.start()
        worker.join()
        result = outcome[0]
        if isinstance(result, BaseException):
            raise result
        # The change is announced from the caller's thread, as every other change is.
        self._ctx.hub.notify(self.AREA, self._held_notice)
        return result

    def sheet_head(self, path: Path) -> tuple[list[str], list[list[str]]]:
        """A spreadsheet's header and first rows (the import dialog's columns and preview)."""
        path = Path(path)
        self.check_size(path)
        with path.open("rb") as fh:
            head = fh.read(256 * 1024)
        text = head.decode("utf-8-sig", "replace")
        if len(head) == 256 * 1024:
            text = text.rsplit("\n", 1)[0]
        return spreadsheet.first_rows(text, path.name, 50)

    def history(self) -> list[tuple[str, str, str]]:
        return [
            (r.imported_at, r.source, r.summary)
            for r in ImportLogRecord.select().order_by(ImportLogRecord.id.desc())
        ]
