"""The JSON export (DESIGN.md §5): every record, the roadmap and the settings in one document."""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from plasticity_app.controller.base import Context
from plasticity_app.controller.roadmap import RoadmapController
from plasticity_app.db import export_reads
from plasticity_app.db.faults import WriteRefusedError, atomic_file, private_dir
from plasticity_app.db.migrations import LATEST_VERSION
from plasticity_app.domain.csv_tables import tables
from plasticity_app.domain.errors import UserError
from plasticity_app.domain.json_text import dumps_indented
from plasticity_app.domain.text import tr

FORMAT_NAME = "plasticity-journal"
RECORD_ARRAYS = (
    "metrics",
    "metric_entries",
    "day_notes",
    "habits",
    "habit_entries",
    "experiments",
    "thought_records",
    "learning_sessions",
    "openings",
    "reviews",
)


class ExportController:
    def __init__(self, ctx: Context, roadmap: RoadmapController) -> None:
        self._ctx = ctx
        self._roadmap = roadmap
        # Each later area registers a function that returns its arrays, e.g. {"habits": [...]}.
        self.sections: list[Callable[[], dict[str, list[dict[str, Any]]]]] = []

    def document(self) -> dict[str, Any]:
        ctx = self._ctx
        doc: dict[str, Any] = {
            "format": FORMAT_NAME,
            "schema_version": LATEST_VERSION,
            "exported_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        for name in RECORD_ARRAYS:
            doc[name] = []
        doc["metrics"] = [
            {
                "id": mt.id,
                "name": mt.name,
                "description": mt.description,
                "direction": mt.direction.value,
                "archived": mt.archived,
                "position": mt.position,
                "created": mt.created.isoformat() if mt.created else None,
            }
            for mt in ctx.metrics_repo.all()
        ]
        # Straight from the rows (the same objects as from the metrics repository's reads).
        doc["metric_entries"] = export_reads.metric_entries()
        doc["day_notes"] = export_reads.day_notes()
        for section in self.sections:
            doc.update(section())
        roadmap = self._roadmap.roadmap()
        recorded = {step: (on, skipped) for step, on, skipped in ctx.steps_repo.all()}
        doc["roadmap"] = {
            "steps": [
                {
                    "number": s.number,
                    "title": s.title,
                    "state": s.state.value,
                    "completed_on": recorded[s.number][0].isoformat()
                    if s.number in recorded
                    else None,
                    "skipped": recorded[s.number][1] if s.number in recorded else False,
                    "progress": [
                        {"label": p.label, "done": p.done, "total": p.total, "unit": p.unit}
                        for p in s.progress
                    ],
                    "reasons": list(s.reasons),
                }
                for s in roadmap.steps
            ]
        }
        doc["settings"] = ctx.settings.to_dict()
        return doc

    def write_json(self, path: Path) -> dict[str, Any]:
        """Write the export atomically (a temporary file renamed into place)."""
        doc = self.document()
        path = Path(path)
        if path.is_dir():
            raise UserError(
                tr("{path} is a folder. Give a file name, for example journal.json.").format(
                    path=path
                )
            )
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise UserError(tr("The folder {folder} does not exist.").format(folder=folder))
        try:
            with atomic_file(path) as partial, partial.open("w", encoding="utf-8") as fh:
                # The text of json.dump(doc, fh, ensure_ascii=False, indent=2), written faster.
                fh.write(dumps_indented(doc))
                fh.write("\n")
        except OSError as exc:
            raise UserError(
                tr("Can’t write {path}: {reason}.").format(path=path, reason=exc.strerror or exc)
            ) from exc
        return doc

    def write_csv(self, folder: Path) -> dict[str, int]:
        """One CSV file per kind of record (with headers, UTF-8 that spreadsheets recognise) in
        ``folder``, created if needed. Returns the number of rows written per file."""
        folder = Path(folder)
        if folder.exists() and not folder.is_dir():
            raise UserError(
                tr("{folder} is a file. Give a folder for the CSV files.").format(folder=folder)
            )
        parent = folder.parent if str(folder.parent) else Path(".")
        if not parent.is_dir():
            raise UserError(tr("The folder {parent} does not exist.").format(parent=parent))
        counts: dict[str, int] = {}
        made = not folder.exists()
        try:
            if made:  # a folder of the person's own keeps its permissions
                private_dir(folder)
            for name, (headers, rows) in tables(self.document(), RECORD_ARRAYS).items():
                target = folder / f"{name}.csv"
                with (
                    atomic_file(target) as partial,
                    partial.open("w", encoding="utf-8-sig", newline="") as fh,
                ):
                    writer = csv.writer(fh)
                    writer.writerow(headers)
                    writer.writerows(rows)
                counts[name] = len(rows)
        except WriteRefusedError:
            if made:  # a folder this export made and couldn't fill is not left behind
                with contextlib.suppress(OSError):
                    for name in counts:
                        (folder / f"{name}.csv").unlink()
                    folder.rmdir()
            raise
        except OSError as exc:
            raise UserError(
                tr("Can’t write the CSV files to {folder}: {reason}.").format(
                    folder=folder, reason=exc.strerror or exc
                )
            ) from exc
        return counts
