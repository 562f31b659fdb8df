"""A realistic ten-year journal for the benchmark, written through the app's own import.

    .venv/bin/python bench/generate.py DIR [--years 10] [--seed 1]

DIR receives the journal (journal.sqlite3), the JSON export it was made from (journal.json) and a
Loop Habit Tracker CSV export of the same eight habits (loop.zip), for the import timings. The
journal holds 3 outcome metrics rated daily with gaps, 8 habits kept daily with gaps (the four
built-in supports and four of the person's own), 500 behavioural experiments, 300 thought
records, 200 learning sessions and a weekly review for every week (520 in ten years).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import random
import sys
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from plasticity_app.domain.habits import BUILTIN_HABITS  # noqa: E402
from plasticity_app.domain.thought_records import DISTORTION_KEYS  # noqa: E402

TODAY = date(2026, 11, 23)
CUSTOM_HABITS = (
    ("Self-compassion pause", 5, 7),
    ("Call a friend", 1, 7),
    ("Reading", 3, 7),
    ("No phone after 22:00", 5, 7),
)
BELIEFS = (
    "If I speak up in a meeting, I’ll say something stupid.",
    "If I ask for help, people will think I’m incompetent.",
    "If I make a mistake, everyone will notice.",
    "If I say no, they’ll be angry with me.",
    "If I share my work before it’s perfect, people will judge me.",
)


def _days(first: date, count: int) -> list[date]:
    return [first + timedelta(days=i) for i in range(count)]


def build_document(years: int = 10, seed: int = 1) -> dict[str, Any]:
    """The journal as our own JSON export (docs/export-format.md)."""
    rng = random.Random(seed)
    total = years * 365
    first = TODAY - timedelta(days=total - 1)
    days = _days(first, total)
    metrics = [
        {"id": 1, "name": "Self-criticism intensity", "direction": "lower", "position": 0},
        {"id": 2, "name": "Willingness to initiate", "direction": "higher", "position": 1},
        {"id": 3, "name": "Recovery time after setbacks", "direction": "lower", "position": 2},
    ]
    for m in metrics:
        m.update(description="", archived=False, created=first.isoformat())
    entries = []
    notes = []
    for i, day in enumerate(days):
        if rng.random() < 0.07:
            continue  # a missed day
        for k, m in enumerate(metrics):
            trend = (
                1.5 * math.sin(i / 180 + k) + (-1 if m["direction"] == "lower" else 1) * i / total
            )
            value = 5 + trend + rng.gauss(0, 1.2)
            entries.append(
                {
                    "metric_id": m["id"],
                    "date": day.isoformat(),
                    "value": max(0, min(10, round(value))),
                }
            )
        if rng.random() < 0.15:
            notes.append({"date": day.isoformat(), "text": "A long day, but I spoke up once. " * 3})
    habits: list[dict[str, Any]] = []
    for position, builtin in enumerate(BUILTIN_HABITS):
        t = builtin.target
        habits.append(
            {
                "id": position + 1,
                "name": builtin.name,
                "kind": builtin.kind.value,
                "unit": builtin.unit,
                "description": builtin.description,
                "target": {
                    "times": t.times,
                    "period_days": t.period_days,
                    "max_times": t.max_times,
                    "daily_min": t.daily_min,
                    "daily_max": t.daily_max,
                },
                "builtin_key": builtin.key,
            }
        )
    for name, times, period in CUSTOM_HABITS:
        habits.append(
            {
                "id": len(habits) + 1,
                "name": name,
                "kind": "yes_no",
                "unit": "",
                "description": "",
                "target": {"times": times, "period_days": period},
                "builtin_key": None,
            }
        )
    for position, h in enumerate(habits):
        h.update(
            archived=False, position=position, created=(first + timedelta(days=40)).isoformat()
        )
    habit_entries = []
    for h in habits:
        for day in days[40:]:
            roll = rng.random()
            if roll < 0.03:
                habit_entries.append(
                    {
                        "habit_id": h["id"],
                        "date": day.isoformat(),
                        "status": "skipped",
                        "quantity": None,
                        "note": "",
                    }
                )
            elif roll < 0.68:
                quantity = round(rng.gauss(7.4, 0.8) * 4) / 4 if h["kind"] == "quantity" else None
                note = "Coffee with Sam; the walk home." if h["kind"] == "note" else ""
                habit_entries.append(
                    {
                        "habit_id": h["id"],
                        "date": day.isoformat(),
                        "status": "done",
                        "quantity": quantity,
                        "note": note,
                    }
                )
    experiments = []
    for n in range(500):
        planned = first + timedelta(days=30 + n * (total - 60) // 500)
        done = planned < TODAY - timedelta(days=7) and rng.random() < 0.85
        before = rng.randint(55, 95)
        experiments.append(
            {
                "id": n + 1,
                "target_belief": BELIEFS[n % len(BELIEFS)],
                "belief_before": before,
                "alternative_belief": "Most people are glad when someone asks.",
                "alternative_before": 100 - before,
                "plan": "One small, specific step this week.",
                "safety_behaviours": "Over-preparing; apologising.",
                "prediction": "It will go badly and people will notice.",
                "how_to_know": "What people say and do afterwards.",
                "planned_date": planned.isoformat(),
                "related_metric_id": 1 + n % 3,
                "status": "done"
                if done
                else ("planned" if planned >= TODAY - timedelta(days=7) else "cancelled"),
                "outcome": "It went better than I feared." if done else "",
                "prediction_came_true": rng.choice(["no", "partly", "yes"]) if done else None,
                "learned": "People were kinder than my prediction." if done else "",
                "belief_after": max(0, before - rng.randint(5, 50)) if done else None,
                "alternative_after": None,
                "done_date": (planned + timedelta(days=1)).isoformat() if done else None,
                "created": (planned - timedelta(days=3)).isoformat(),
            }
        )
    thought_records = []
    for n in range(300):
        day = first + timedelta(days=20 + n * (total - 40) // 300)
        thought_records.append(
            {
                "id": n + 1,
                "date": day.isoformat(),
                "situation": "A colleague didn’t answer my message.",
                "moods": [{"name": "anxious", "intensity": rng.randint(50, 90)}],
                "automatic_thought": "They must think my idea is stupid.",
                "thought_belief": rng.randint(50, 90),
                "distortions": rng.sample(list(DISTORTION_KEYS), 2),
                "evidence_for": "No reply for a day.",
                "evidence_against": "They’re often busy on Tuesdays.",
                "balanced_thought": "They’re probably busy; I can ask again tomorrow.",
                "balanced_belief": rng.randint(40, 80),
                "moods_after": [{"name": "anxious", "intensity": rng.randint(10, 50)}],
                "created": day.isoformat(),
            }
        )
    sessions = [
        {
            "id": n + 1,
            "date": (first + timedelta(days=15 + n * (total - 30) // 200)).isoformat(),
            "kind": ("therapy", "skills", "other")[n % 3],
            "minutes": (50, 15, 30)[n % 3],
            "notes": "Practised a small step.",
        }
        for n in range(200)
    ]
    openings = [
        {
            "id": 1,
            "kind": "medication_change",
            "at": f"{(first + timedelta(days=20)).isoformat()}T10:30",
            "clinician": "Dr. Osei",
            "notes": "",
            "created": f"{(first + timedelta(days=20)).isoformat()}T10:31:00",
        }
    ]
    reviews = []
    week = first + timedelta(days=(7 - first.weekday()) % 7)
    while week + timedelta(days=6) < TODAY and len(reviews) < years * 52:
        decisions = [
            {
                "practice": f"habit:{h['id']}",
                "decision": rng.choice(["keep", "keep", "adjust"]),
                "note": "",
                "habit_id": h["id"],
            }
            for h in habits
        ]
        decisions.append(
            {"practice": "experiments", "decision": "keep", "note": "", "habit_id": None}
        )
        stamp = f"{(week + timedelta(days=7)).isoformat()}T19:00:00"
        reviews.append(
            {
                "id": len(reviews) + 1,
                "week_start": week.isoformat(),
                "reflection_opening": "Short practice right after therapy.",
                "reflection_belief": BELIEFS[len(reviews) % len(BELIEFS)],
                "reflection_habit": "The walks with Sam.",
                "notes": "A steadier week.",
                "decisions": decisions,
                "created": stamp,
                "updated": stamp,
            }
        )
        week += timedelta(days=7)
    steps = [
        {"number": 1, "completed_on": (first + timedelta(days=6)).isoformat(), "skipped": False},
        {"number": 2, "completed_on": (first + timedelta(days=20)).isoformat(), "skipped": False},
        {"number": 3, "completed_on": (first + timedelta(days=33)).isoformat(), "skipped": False},
        {"number": 4, "completed_on": (first + timedelta(days=40)).isoformat(), "skipped": False},
    ]
    return {
        "format": "plasticity-journal",
        "schema_version": 2,
        "exported_at": f"{TODAY.isoformat()}T20:00:00+00:00",
        "metrics": metrics,
        "metric_entries": entries,
        "day_notes": notes,
        "habits": habits,
        "habit_entries": habit_entries,
        "experiments": experiments,
        "thought_records": thought_records,
        "learning_sessions": sessions,
        "openings": openings,
        "reviews": reviews,
        "roadmap": {"steps": steps},
        "settings": {"onboarding_done": True, "disclaimer_acknowledged": first.isoformat()},
    }


def loop_export(document: dict[str, Any]) -> bytes:
    """The same habits as Loop Habit Tracker's CSV export (a zip), yes/no checkmarks only."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        habits = io.StringIO()
        writer = csv.writer(habits, lineterminator="\n")
        writer.writerow(
            [
                "Position",
                "Name",
                "Type",
                "Question",
                "Description",
                "FrequencyNumerator",
                "FrequencyDenominator",
                "Color",
                "Unit",
                "Target Type",
                "Target Value",
                "Archived?",
            ]
        )
        for position, h in enumerate(document["habits"], start=1):
            name = f"Loop {h['name']}"
            t = h["target"]
            writer.writerow(
                [
                    f"{position:03d}",
                    name,
                    "YES_NO",
                    "",
                    "",
                    t["times"],
                    t["period_days"],
                    "#00897B",
                    "",
                    "",
                    "",
                    "false",
                ]
            )
            marks = io.StringIO()
            out = csv.writer(marks, lineterminator="\n")
            out.writerow(["Date", "Value", "Notes"])
            for e in reversed([e for e in document["habit_entries"] if e["habit_id"] == h["id"]]):
                value = {"done": "YES_MANUAL", "skipped": "SKIP", "missed": "NO"}[e["status"]]
                out.writerow([e["date"], value, ""])
            archive.writestr(f"{position:03d} {name}/Checkmarks.csv", marks.getvalue())
        archive.writestr("Habits.csv", habits.getvalue())
    return buffer.getvalue()


def generate(folder: Path, years: int = 10, seed: int = 1) -> dict[str, Any]:
    """Write journal.json, loop.zip and the journal itself (imported into an empty folder)."""
    from plasticity_app.controller.journal import Journal
    from plasticity_app.domain.clock import FixedClock

    folder.mkdir(parents=True, exist_ok=True)
    document = build_document(years, seed)
    (folder / "journal.json").write_text(json.dumps(document), encoding="utf-8")
    (folder / "loop.zip").write_bytes(loop_export(document))
    from datetime import datetime

    journal = Journal(
        folder / "journal",
        FixedClock(datetime.combine(TODAY, datetime.min.time().replace(hour=20))),
    )
    try:
        journal.imports.import_file(folder / "journal.json")
    finally:
        journal.close()
    return {key: len(value) for key, value in document.items() if isinstance(value, list)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    counts = generate(args.folder, args.years, args.seed)
    print(f"Generated in {time.perf_counter() - started:.1f} s into {args.folder}:")
    for key, count in counts.items():
        print(f"  {key:<18} {count:>7,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
