"""Import benchmark: time and peak memory of `import` on two hostile-sized files.

    .venv/bin/python bench/imports.py                 # the code of this checkout
    .venv/bin/python bench/imports.py --code DIR      # another copy of plasticity_app/ (old code)

Files (made once in bench/.cache/imports/):
- daylio-4000.csv: a Daylio export naming 4,000 different activities (about 60 KB);
- export-100mb.json: our own JSON export of about 100 MB (40 habits ticked on every day since
  1971, and a long note on each day).

Each import runs in its own process into a fresh journal folder; the figures are the wall time and
the process's peak resident memory (ru_maxrss). It is not a test: nothing fails on a slow machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "bench" / ".cache" / "imports"


def daylio_file(path: Path, activities: int = 4000) -> Path:
    if path.exists():
        return path
    rows = ["full_date,date,weekday,time,mood,activities,note_title,note"]
    per_row = 10
    day = date(2024, 1, 1)
    for start in range(0, activities, per_row):
        names = " | ".join(f"act{n}" for n in range(start, min(start + per_row, activities)))
        rows.append(f'{day.isoformat()},,,20:00,good,"{names}","",""')
        day += timedelta(days=1)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def json_file(path: Path, target_bytes: int = 100 * 1024 * 1024) -> Path:
    if path.exists():
        return path
    first = date(1971, 1, 1)
    days = [first + timedelta(days=n) for n in range((date(2025, 12, 31) - first).days)]
    habits = [
        {"id": i, "name": f"Habit {i}", "kind": "yes_no", "target": {"times": 1, "period_days": 1}}
        for i in range(1, 41)
    ]
    note = "A day like any other, written down. " * 75
    with path.open("w", encoding="utf-8") as out:
        out.write('{"format": "plasticity-journal", "schema_version": 1, ')
        out.write('"metrics": [], "metric_entries": [], "experiments": [], ')
        out.write('"thought_records": [], "learning_sessions": [], "openings": [], "reviews": [], ')
        out.write('"habits": ' + json.dumps(habits) + ', "habit_entries": [')
        first_row = True
        for habit in habits:
            for day in days:
                out.write(
                    ("" if first_row else ", ")
                    + json.dumps(
                        {"habit_id": habit["id"], "date": day.isoformat(), "status": "done"}
                    )
                )
                first_row = False
        out.write('], "day_notes": [')
        written = out.tell()
        notes = []
        for day in days:
            if written >= target_bytes:
                break
            text = json.dumps({"date": day.isoformat(), "text": note})
            notes.append(text)
            written += len(text) + 2
        out.write(", ".join(notes))
        out.write("]}")
    return path


def measure(path: Path, code: Path | None) -> dict[str, float | int | str]:
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = str(code)
    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "plasticity_app", "import", str(path), "--data-dir", folder],
            env=env,
            cwd=folder,  # not this checkout: ``-m`` would find its plasticity_app first
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        out = process.stdout.read() if process.stdout else ""
        err = process.stderr.read() if process.stderr else ""
    return {
        "file": path.name,
        "size_mb": round(path.stat().st_size / 1024 / 1024, 1),
        "seconds": round(seconds, 2),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),
        "exit": os.waitstatus_to_exitcode(status),
        "said": (out or err).strip().splitlines()[0][:160] if (out or err).strip() else "",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", type=Path, help="a folder holding another plasticity_app/")
    parser.add_argument("--only", choices=("daylio", "json"), help="one of the two files")
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    files = {
        "daylio": lambda: daylio_file(CACHE / "daylio-4000.csv"),
        "json": lambda: json_file(CACHE / "export-100mb.json"),
    }
    for name, make in files.items():
        if args.only and name != args.only:
            continue
        print(json.dumps(measure(make(), args.code)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
