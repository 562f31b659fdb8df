"""Command line: the window's flags and the headless subcommands, on the same controllers."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from plasticity_app import APP_NAME, __version__
from plasticity_app.domain.errors import UserError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="plasticity-journal",
        description=f"{APP_NAME}: a private, offline self-experiment journal. "
        "Without a command it opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="the journal folder (default: PLASTICITY_DATA_DIR, else your user data folder)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="open a throwaway journal filled with demo data"
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the window with a demo journal, visit every tab, and exit (for packaging checks)",
    )
    parser.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add Plasticity Journal to your desktop's application menu (Linux)",
    )
    parser.add_argument(
        "--remove-desktop-entry", action="store_true", help="remove it from the menu again"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument(
            "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="the journal folder"
        )
        return p

    p = add("status", "show the roadmap: each step's state and what is left")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p = add("export", "export the whole journal")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--json", metavar="FILE", help="write one JSON document")
    group.add_argument(
        "--csv", metavar="DIR", help="write one CSV file per kind of record into a folder"
    )
    add("seed-demo", "fill the folder with the demo journal (the folder must be empty)")
    add("check", "check the journal's integrity and list its backups")
    p = add("import", "import a file: our JSON export, Loop Habit Tracker or Daylio")
    p.add_argument("file", metavar="FILE", help="the file (or an unpacked Loop CSV folder)")
    p.add_argument(
        "--format",
        choices=("json", "loop-csv", "loop-db", "daylio", "csv"),
        help="the file's format (found from the file when left out; csv: any spreadsheet)",
    )
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=ROLE",
        help="a spreadsheet column's role: metric:higher|lower[:MIN-MAX], habit:yes_no, "
        "habit:quantity:UNIT, note or ignore (columns not named are ignored; without any "
        "--map the roles are guessed)",
    )
    p.add_argument(
        "--date-column", metavar="NAME", help="the spreadsheet's date column (else found by name)"
    )
    p.add_argument(
        "--date-format",
        metavar="FORMAT",
        help="the dates' format when not ISO or the locale's short form (e.g. %%d.%%m.%%Y or dd.MM.yyyy)",
    )
    p.add_argument(
        "--mood-map",
        metavar="NAME=VALUE,...",
        help="Daylio moods with other names than rad/good/meh/bad/awful, on a 0–10 scale",
    )
    p = add("summary", "write the printable weekly summary as a PDF")
    p.add_argument("--week", required=True, metavar="YYYY-MM-DD", help="any day of the week")
    p.add_argument("--pdf", required=True, metavar="FILE", help="the PDF file to write")
    for extend in EXTRA_COMMANDS:
        extend(add)
    return parser


# Later areas add subcommands here: each gets the `add` helper and registers a handler.
EXTRA_COMMANDS: list[Callable[[Callable[[str, str], argparse.ArgumentParser]], None]] = []
HANDLERS: dict[str, Callable[[Any, argparse.Namespace], int]] = {}


PASSPHRASE_ENV = "PLASTICITY_PASSPHRASE"


def _open(args: argparse.Namespace) -> Any:
    """Open the journal; an encrypted one takes its passphrase from PLASTICITY_PASSPHRASE or,
    in a terminal, from a prompt that doesn't echo."""
    from plasticity_app.controller.journal import Journal
    from plasticity_app.db.database import PassphraseNeededError
    from plasticity_app.paths import resolve_data_dir

    folder = resolve_data_dir(getattr(args, "data_dir", None))
    try:
        return Journal(folder)
    except PassphraseNeededError:
        passphrase = os.environ.get(PASSPHRASE_ENV)
        if passphrase is None:
            if not sys.stdin.isatty():
                raise UserError(
                    f"This journal is encrypted. Set {PASSPHRASE_ENV} or run the command in a "
                    "terminal to type the passphrase."
                ) from None
            import getpass

            passphrase = getpass.getpass("Passphrase for your journal: ")
        return Journal(folder, passphrase=passphrase)


def cmd_import(journal: Any, args: argparse.Namespace) -> int:
    from plasticity_app.domain.imports.daylio import UnknownMoods, parse_mood_map

    mood_map = parse_mood_map(args.mood_map) if args.mood_map else None
    sheet = None
    if args.map or args.date_column or args.date_format or args.format == "csv":
        from plasticity_app.domain.imports.spreadsheet import SheetOptions, parse_map

        sheet = SheetOptions(
            parse_map(args.map) if args.map else None, args.date_column, args.date_format
        )
    try:
        summary = journal.imports.import_file(Path(args.file), args.format, mood_map, sheet)
    except UnknownMoods as exc:
        names = ",".join(f"{n.strip()}=?" for n in exc.names)
        raise UserError(f"{exc.message} Give them with --mood-map {names}") from None
    print(summary)
    for line in journal.imports.last_ledger.text_lines():
        print(line)
    return 0


def cmd_check(journal: Any, args: argparse.Namespace) -> int:
    """The journal's integrity and its backups; exit status 1 when something is wrong."""
    problem = journal.safety.check()
    print(f"Journal: {journal.path}")
    print(f"Integrity: {'ok' if problem is None else 'DAMAGED: ' + problem}")
    if journal.prepared.kept is not None:
        print(
            "Write-ahead file: applied (a stop before it was written into the journal); the files "
            f"as they were are kept as {journal.prepared.kept.name}"
        )
    print(f"Encrypted: {'yes' if journal.safety.encrypted else 'no'}")
    _print_lock(journal.data_dir)
    _print_backups(journal.safety.backups(), journal.backup_dir, journal.db.passphrase)
    return 0 if problem is None else 1


def _print_backups(
    backups: list[Any], folder: Path, passphrase: str | None, *, mark_good: bool = False
) -> Path | None:
    """List the backups, each unreadable one saying why (and, with ``mark_good``, the newest
    good one marked); returns the newest good one."""
    from plasticity_app.db.backups import check_file

    print(f"Backups in {folder}: {len(backups) or 'none yet'}")
    good = None
    for backup in backups:
        line = f"  {backup.made:%Y-%m-%d %H:%M}  {backup.label:<40} {backup.size / 1024:>8.0f} KB"
        unreadable = check_file(backup.path, passphrase)
        if unreadable is not None:
            line += f"  UNREADABLE: {unreadable}"
        elif good is None:
            good = backup.path
            line += "  <- newest good one" if mark_good else ""
        print(line)
    return good


def _print_lock(folder: Path) -> None:
    """What the folder's lock file says, when there is one (the window acts on it)."""
    from plasticity_app.ui import instance_lock as il

    if not (folder / il.LOCK_FILENAME).exists():
        return
    held = il.holder(folder)
    lines = {
        il.Holder.RUNNING: f"open in Plasticity Journal on this computer (process {held.pid})",
        il.Holder.DEAD: f"left by Plasticity Journal (process {held.pid}, no longer running); "
        "the next start takes it over",
        il.Holder.OTHER_HOST: f"left by Plasticity Journal on another computer, “{held.host}” "
        f"(process {held.pid}); the window says so and offers to take it over",
        il.Holder.UNREADABLE: f"{il.LOCK_FILENAME} is empty or garbled; the window offers to "
        "replace it",
        il.Holder.DIRECTORY: f"a folder named {il.LOCK_FILENAME} is in the way; the window offers "
        "to move it aside",
    }
    print(f"Lock: {lines[held.kind]}")


def check_unopenable(folder: Path, exc: Exception) -> int:
    """`check` on a journal that can't be opened: what stands in the way, the lock, the backups
    (the newest good one marked) and exit status 1. Nothing is changed."""
    from plasticity_app.db import backups as bk
    from plasticity_app.db import opening
    from plasticity_app.db.database import JOURNAL_FILENAME

    kind = {
        opening.EmptyJournalError: "EMPTY FILE",
        opening.StrayWalError: "NOT CHECKED, A STRAY WRITE-AHEAD FILE",
        opening.JournalInUseError: "NOT CHECKED, IN USE",
    }.get(type(exc), "DAMAGED")
    print(f"Journal: {folder / JOURNAL_FILENAME}")
    print(f"Integrity: {kind}: {exc}")
    _print_lock(folder)
    backups = bk.BackupStore(folder / bk.BACKUP_DIRNAME).all()
    good = _print_backups(backups, folder / bk.BACKUP_DIRNAME, None, mark_good=True)
    if good is not None:
        print("Open the window to put the newest good backup in place (nothing is lost).")
    print(f"plasticity-journal: {exc}", file=sys.stderr)
    return 1


def roadmap_dict(journal: Any) -> dict[str, Any]:
    roadmap = journal.roadmap.roadmap()
    return {
        "today": journal.ctx.today().isoformat(),
        "current_step": roadmap.current.number,
        "clinician_suggestion": roadmap.clinician_suggestion,
        "steps": [
            {
                "number": s.number,
                "title": s.title,
                "state": s.state.value,
                "completed_on": s.completed_on.isoformat() if s.completed_on else None,
                "progress": [
                    {"label": p.label, "done": p.done, "total": p.total, "unit": p.unit}
                    for p in s.progress
                ],
                "reasons": list(s.reasons),
                "notes": list(s.notes),
                "next_action": s.action.label if s.action else None,
            }
            for s in roadmap.steps
        ],
    }


def cmd_status(journal: Any, args: argparse.Namespace) -> int:
    data = roadmap_dict(journal)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    for step in data["steps"]:
        state = step["state"].replace("_", " ")
        line = f"Step {step['number']}  {step['title']}: {state}"
        if step["completed_on"]:
            line += f" (since {step['completed_on']})"
        print(line)
        for p in step["progress"]:
            print(f"    {p['label']}: {p['done']} of {p['total']} {p['unit']}".rstrip())
        for reason in step["reasons"]:
            print(f"    - {reason}")
        for note in step["notes"]:
            print(f"    {note}")
    if data["clinician_suggestion"]:
        print()
        print(data["clinician_suggestion"])
    return 0


def cmd_export(journal: Any, args: argparse.Namespace) -> int:
    if args.csv:
        counts = journal.export.write_csv(Path(args.csv))
        written = sum(1 for n in counts.values() if n)
        print(f"Exported {len(counts)} CSV files to {args.csv} ({written} with records)")
        return 0
    doc = journal.export.write_json(Path(args.json))
    counts = ", ".join(
        f"{len(doc[k])} {k.replace('_', ' ')}" for k in ("metrics", "metric_entries") if doc.get(k)
    )
    print(f"Exported to {args.json}" + (f" ({counts})" if counts else ""))
    return 0


def cmd_seed_demo(journal: Any, args: argparse.Namespace) -> int:
    from plasticity_app.controller.demo_all import seed_full_demo

    if journal.metrics.all():
        raise UserError("This journal already has entries. Seed the demo into an empty folder.")
    seed_full_demo(journal)
    print(f"Demo journal written to {journal.data_dir}")
    return 0


def cmd_summary(journal: Any, args: argparse.Namespace) -> int:
    import os
    from datetime import date

    try:
        day = date.fromisoformat(args.week)
    except ValueError as exc:
        raise UserError(f"“{args.week}” is not a date. Give it as YYYY-MM-DD.") from exc
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    # A full QApplication (offscreen when there is no display) so that the window can still
    # start later in the same process.
    app = QApplication.instance() or QApplication(["plasticity-journal"])
    from plasticity_app.ui.summary_renderer import SummaryWriteError, write_pdf

    report = journal.review.report(day)
    try:
        pages = write_pdf(report, Path(args.pdf))
    except SummaryWriteError as exc:
        raise UserError(str(exc)) from exc
    del app
    print(
        f"Wrote the summary for the {report.title[0].lower()}{report.title[1:]} ({pages} page{'s' if pages > 1 else ''}) to {args.pdf}"
    )
    return 0


HANDLERS.update(
    {
        "status": cmd_status,
        "export": cmd_export,
        "seed-demo": cmd_seed_demo,
        "summary": cmd_summary,
        "check": cmd_check,
        "import": cmd_import,
    }
)


def run_command(args: argparse.Namespace) -> int:
    """Run a headless subcommand: one clear line on stderr and exit status 1 on failure."""
    from plasticity_app.db.database import NotAJournalError
    from plasticity_app.db.opening import JournalInUseError, OpeningProblem

    journal = None
    try:
        try:
            journal = _open(args)
        except (NotAJournalError, OpeningProblem, JournalInUseError) as exc:
            if args.command != "check":
                raise
            from plasticity_app.paths import resolve_data_dir

            return check_unopenable(resolve_data_dir(getattr(args, "data_dir", None)), exc)
        if journal.prepared.kept is not None and args.command != "check":
            print(
                "plasticity-journal: recovered the last changes after an unexpected stop; the "
                f"files as they were are kept as {journal.prepared.kept.name}",
                file=sys.stderr,
            )
        return HANDLERS[args.command](journal, args)
    except UserError as exc:
        print(f"plasticity-journal: {exc.message}", file=sys.stderr)
        return 1
    except Exception as exc:  # the last line of defence for a headless command
        from plasticity_app.db.faults import action_refused
        from plasticity_app.db.migrations import NewerSchemaError

        if isinstance(exc, NotAJournalError | NewerSchemaError | OpeningProblem):
            print(f"plasticity-journal: {exc}", file=sys.stderr)
            return 1
        refused = action_refused(exc)  # a full or failing disk, wherever it was met
        if refused is not None:
            print(f"plasticity-journal: {refused.message}", file=sys.stderr)
            return 1
        raise
    finally:
        if journal is not None:
            journal.close()


def main(argv: Sequence[str] | None = None) -> int:
    with private_files():
        return _main(argv)


@contextmanager
def private_files() -> Iterator[None]:
    """Everything the app writes, wherever it writes it (journal, backups, PDFs, exports, Qt's
    own settings files), is the person's alone: files 0600 and folders 0700 on POSIX."""
    if os.name != "posix":
        yield
        return
    before = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(before)


def _main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.install_desktop_entry or args.remove_desktop_entry:
        from plasticity_app import desktop_entry

        if args.install_desktop_entry:
            written = desktop_entry.install()
            print(f"Added to the application menu: {written[0]}")
        else:
            removed = desktop_entry.remove()
            print("Removed from the application menu." if removed else "Nothing to remove.")
        return 0
    if args.command is None:
        from plasticity_app.ui.application import run_gui

        return run_gui(args)
    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())
