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
import re
import sys
import time
import zipfile
from datetime import date, datetime, timedelta
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


def build_document(years: int = 10, seed: int = 1, *, days: int | None = None) -> dict[str, Any]:
    """The journal as our own JSON export (docs/export-format.md). ``days`` makes a short
    journal instead (for the tests) with the counts of experiments and the rest scaled down."""
    rng = random.Random(seed)
    total = years * 365 if days is None else days

    def count(ten_years: int) -> int:
        return ten_years if days is None else max(1, ten_years * days // 3650)

    n_experiments, n_thoughts, n_sessions = count(500), count(300), count(200)
    n_reviews = years * 52 if days is None else days // 7
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
    for n in range(n_experiments):
        planned = first + timedelta(days=30 + n * (total - 60) // n_experiments)
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
    for n in range(n_thoughts):
        day = first + timedelta(days=20 + n * (total - 40) // n_thoughts)
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
            "date": (first + timedelta(days=15 + n * (total - 30) // n_sessions)).isoformat(),
            "kind": ("therapy", "skills", "other")[n % 3],
            "minutes": (50, 15, 30)[n % 3],
            "notes": "Practised a small step.",
        }
        for n in range(n_sessions)
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
    while week + timedelta(days=6) < TODAY and len(reviews) < n_reviews:
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


def _loop_days(document: dict[str, Any], habit: dict[str, Any]) -> list[tuple[date, str]]:
    """Every day from the habit's first entry to today, newest first, as Loop exports them:
    YES_MANUAL, SKIP, YES_AUTO (a day a frequency like 2-in-7 already covers) or NO."""
    marks = {
        date.fromisoformat(e["date"]): e["status"]
        for e in document["habit_entries"]
        if e["habit_id"] == habit["id"]
    }
    if not marks:
        return []
    period = habit["target"]["period_days"]
    values: list[tuple[date, str]] = []
    day, last_done = min(marks), None
    while day <= TODAY:
        status = marks.get(day)
        if status == "done":
            value, last_done = "YES_MANUAL", day
        elif status == "skipped":
            value = "SKIP"
        elif last_done is not None and period > 1 and (day - last_done).days < period:
            value = "YES_AUTO"
        else:
            value = "NO"
        values.append((day, value))
        day += timedelta(days=1)
    return values[::-1]


def _loop_scores(values: list[tuple[date, str]], times: int, period: int) -> list[float]:
    """Loop's habit score (reference/formats-and-formulas.md §3.1), newest first like the days."""
    multiplier = 0.5 ** (math.sqrt(times / period) / 13)
    score, scores = 0.0, []
    for _, value in reversed(values):
        if value != "SKIP":
            score = score * multiplier + (1 - multiplier) * (value.startswith("YES"))
        scores.append(score)
    return scores[::-1]


def loop_export(document: dict[str, Any]) -> bytes:
    """The same habits as Loop Habit Tracker's CSV export (a zip, laid out like
    /work/shared/realdata/loop/csv_export): Habits.csv, a folder per habit with Checkmarks.csv and
    Scores.csv for every day, and the wide Checkmarks.csv and Scores.csv of all habits."""
    buffer = io.BytesIO()
    columns: dict[str, dict[date, tuple[str, float]]] = {}
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
                    f"Did you do “{h['name']}” today?",
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
            values = _loop_days(document, h)
            scores = _loop_scores(values, t["times"], t["period_days"])
            columns[name] = {
                day: (value, score) for (day, value), score in zip(values, scores, strict=True)
            }
            marks, score_rows = io.StringIO(), io.StringIO()
            out = csv.writer(marks, lineterminator="\n")
            out.writerow(["Date", "Value", "Notes"])
            out.writerows([day.isoformat(), value, ""] for day, value in values)
            out = csv.writer(score_rows, lineterminator="\n")
            out.writerow(["Date", "Score"])
            out.writerows(
                [day.isoformat(), f"{score:.4f}"]
                for (day, _), score in zip(values, scores, strict=True)
            )
            folder = f"{position:03d} {re.sub(r'[^ a-zA-Z0-9._-]+', '', name)[:100]}"  # as Loop
            archive.writestr(f"{folder}/Checkmarks.csv", marks.getvalue())
            archive.writestr(f"{folder}/Scores.csv", score_rows.getvalue())
        archive.writestr("Habits.csv", habits.getvalue())
        days = sorted({day for column in columns.values() for day in column}, reverse=True)
        for filename, pick in (("Checkmarks.csv", 0), ("Scores.csv", 1)):
            wide = io.StringIO()
            out = csv.writer(wide, lineterminator="\n")
            out.writerow(["Date", *columns, ""])
            for day in days:
                cells = []
                for column in columns.values():
                    cell = column.get(day)
                    if cell is None:
                        cells.append("UNKNOWN" if pick == 0 else "0.0000")
                    else:
                        cells.append(cell[0] if pick == 0 else f"{cell[1]:.4f}")
                out.writerow([day.isoformat(), *cells, ""])
            archive.writestr(filename, wide.getvalue())
    return buffer.getvalue()


class Replay:
    """The same journal written the way a person writes it: one controller action at a time, on
    the day it happened (a FixedClock moved along the days), inside one batch and one transaction
    as the demo does. ``seconds`` holds each kind of action's total time and count, by year."""

    def __init__(self, journal: Any, document: dict[str, Any]) -> None:
        self.journal = journal
        self.doc = document
        self.seconds: dict[tuple[str, int], list[float]] = {}
        self.refused: dict[str, int] = {}
        self.year = 0

    def act(self, kind: str, action: Any, *args: Any, **kwargs: Any) -> Any:
        from plasticity_app.domain.errors import UserError

        started = time.perf_counter()
        try:
            return action(*args, **kwargs)
        except UserError:
            self.refused[kind] = self.refused.get(kind, 0) + 1
            return None
        finally:
            cell = self.seconds.setdefault((kind, self.year), [0.0, 0])
            cell[0] += time.perf_counter() - started
            cell[1] += 1

    def run(self, clock: Any) -> None:
        from plasticity_app.domain import review as rv
        from plasticity_app.domain.experiments import ExperimentPlan, ExperimentResult
        from plasticity_app.domain.habits import Target
        from plasticity_app.domain.learning import LearningSession, SessionKind
        from plasticity_app.domain.openings import Opening, OpeningKind
        from plasticity_app.domain.thought_records import Mood, ThoughtRecord

        j, doc = self.journal, self.doc
        by_day: dict[str, dict[str, list[Any]]] = {}

        def on(day: str, kind: str, item: Any) -> None:
            by_day.setdefault(day, {}).setdefault(kind, []).append(item)

        for e in doc["metric_entries"]:
            on(e["date"], "rating", e)
        notes = {n["date"]: n["text"] for n in doc["day_notes"]}
        for e in doc["habit_entries"]:
            on(e["date"], "habit", e)
        for x in doc["experiments"]:
            on(x["created"], "plan", x)
            if x["status"] == "done":
                on(x["done_date"], "outcome", x)
            elif x["status"] == "cancelled":
                on(x["planned_date"], "cancel", x)
        for t in doc["thought_records"]:
            on(t["date"], "thought", t)
        for s in doc["learning_sessions"]:
            on(s["date"], "session", s)
        for o in doc["openings"]:
            on(o["at"][:10], "opening", o)
        for r in doc["reviews"]:
            on(r["created"][:10], "review", r)
        metrics = [j.metrics.add(m["name"], m["direction"]) for m in doc["metrics"]]
        metric_ids = {m["id"]: metric.id for m, metric in zip(doc["metrics"], metrics, strict=True)}
        habit_ids: dict[int, int] = {}
        experiment_ids: dict[int, int] = {}
        first = date.fromisoformat(min(by_day))
        day = first
        while day <= TODAY:
            self.year = (day - first).days // 365
            clock.current = datetime.combine(day, datetime.min.time().replace(hour=21))
            today = by_day.get(day.isoformat(), {})
            ratings = {metric_ids[e["metric_id"]]: e["value"] for e in today.get("rating", [])}
            if ratings:
                self.act("check-in", j.metrics.check_in, day, ratings, notes.get(day.isoformat()))
            for o in today.get("opening", []):
                at = datetime.fromisoformat(o["at"])
                opening = Opening(OpeningKind(o["kind"]), at, o["clinician"], o["notes"])
                self.act("opening", j.learning.log_opening, opening)
            for s in today.get("session", []):
                session = LearningSession(day, SessionKind(s["kind"]), s["minutes"], s["notes"])
                self.act("learning session", j.learning.log_session, session)
            for t in today.get("thought", []):
                record = ThoughtRecord(
                    day=day,
                    situation=t["situation"],
                    moods=tuple(Mood(m["name"], m["intensity"]) for m in t["moods"]),
                    automatic_thought=t["automatic_thought"],
                    thought_belief=t["thought_belief"],
                    distortions=tuple(t["distortions"]),
                    evidence_for=t["evidence_for"],
                    evidence_against=t["evidence_against"],
                    balanced_thought=t["balanced_thought"],
                    balanced_belief=t["balanced_belief"],
                    moods_after=tuple(Mood(m["name"], m["intensity"]) for m in t["moods_after"]),
                )
                self.act("thought record", j.learning.add_thought_record, record)
            for x in today.get("plan", []):
                plan = ExperimentPlan(
                    target_belief=x["target_belief"],
                    belief_before=x["belief_before"],
                    plan=x["plan"],
                    prediction=x["prediction"],
                    planned_date=date.fromisoformat(x["planned_date"]),
                    alternative_belief=x["alternative_belief"],
                    alternative_before=x["alternative_before"],
                    safety_behaviours=x["safety_behaviours"],
                    how_to_know=x["how_to_know"],
                    related_metric_id=metric_ids[x["related_metric_id"]],
                )
                made = self.act("experiment planned", j.learning.plan_experiment, plan)
                if made is not None:
                    experiment_ids[x["id"]] = made.id
            for x in today.get("outcome", []):
                if x["id"] in experiment_ids:
                    result = ExperimentResult(
                        outcome=x["outcome"],
                        prediction_came_true=x["prediction_came_true"],
                        belief_after=x["belief_after"],
                        done_date=day,
                        learned=x["learned"],
                    )
                    self.act(
                        "experiment outcome",
                        j.learning.record_outcome,
                        experiment_ids[x["id"]],
                        result,
                    )
            for x in today.get("cancel", []):
                if x["id"] in experiment_ids:
                    self.act(
                        "experiment cancelled",
                        j.learning.cancel_experiment,
                        experiment_ids[x["id"]],
                    )
            if today.get("habit") and not habit_ids:
                existing = {h.name: h.id for h in j.habits.habits()}
                for h in doc["habits"]:
                    if h["name"] not in existing:
                        t = h["target"]
                        existing[h["name"]] = self.act(
                            "habit added",
                            j.habits.add_habit,
                            h["name"],
                            h["kind"],
                            target=Target(t["times"], t["period_days"]),
                        )
                    habit_ids[h["id"]] = existing[h["name"]]
            for e in today.get("habit", []):
                habit_id = habit_ids.get(e["habit_id"])
                if habit_id is not None:
                    self.act(
                        "habit day",
                        j.habits.record,
                        habit_id,
                        day,
                        e["status"],
                        quantity=e["quantity"],
                        note=e["note"],
                    )
            for r in today.get("review", []):
                decisions = tuple(
                    rv.PracticeDecision(
                        f"habit:{habit_ids[d['habit_id']]}" if d["habit_id"] else d["practice"],
                        rv.Decision(d["decision"]),
                        d["note"],
                        habit_ids[d["habit_id"]] if d["habit_id"] else None,
                    )
                    for d in r["decisions"]
                    if d["habit_id"] is None or d["habit_id"] in habit_ids
                )
                answers = rv.ReviewAnswers(
                    week_start=date.fromisoformat(r["week_start"]),
                    reflection_opening=r["reflection_opening"],
                    reflection_belief=r["reflection_belief"],
                    reflection_habit=r["reflection_habit"],
                    notes=r["notes"],
                    decisions=decisions,
                )
                self.act("weekly review", j.review.save, answers)
            day += timedelta(days=1)

    def table(self) -> str:
        kinds = sorted({kind for kind, _ in self.seconds})
        years = sorted({year for _, year in self.seconds})
        lines = [f"{'ms per action':22}" + "".join(f"{'y' + str(y + 1):>7}" for y in years)]
        for kind in kinds:
            cells = []
            for year in years:
                total, count = self.seconds.get((kind, year), [0.0, 0])
                cells.append(f"{total / count * 1000:7.1f}" if count else f"{'':7}")
            lines.append(f"{kind:22}" + "".join(cells))
        return "\n".join(lines)


def generate_through_controllers(
    folder: Path, years: int = 10, seed: int = 1, *, days: int | None = None
) -> tuple[dict[str, Any], Replay]:
    """The same journal as :func:`generate`, written one controller action at a time (slow: this
    is the path a person's every click takes, so its cost per action at year ten is a finding)."""
    from plasticity_app.controller.journal import Journal
    from plasticity_app.domain.clock import FixedClock

    folder.mkdir(parents=True, exist_ok=True)
    document = build_document(years, seed, days=days)
    first = min(e["date"] for e in document["metric_entries"])
    clock = FixedClock(datetime.combine(date.fromisoformat(first), datetime.min.time()))
    journal = Journal(folder / "journal", clock)
    replay = Replay(journal, document)
    try:
        with journal.hub.batch("bench", "Ten years written"), journal.ctx.transaction():
            journal.settings.set("disclaimer_acknowledged", first)
            journal.settings.set("onboarding_done", True)
            replay.run(clock)
    finally:
        journal.close()
    counts = {key: len(value) for key, value in document.items() if isinstance(value, list)}
    return counts, replay


def generate(folder: Path, years: int = 10, seed: int = 1) -> dict[str, Any]:
    """Write journal.json, loop.zip and the journal itself (imported into an empty folder)."""
    from plasticity_app.controller.journal import Journal
    from plasticity_app.domain.clock import FixedClock

    folder.mkdir(parents=True, exist_ok=True)
    document = build_document(years, seed)
    (folder / "journal.json").write_text(json.dumps(document), encoding="utf-8")
    (folder / "loop.zip").write_bytes(loop_export(document))
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
    parser.add_argument(
        "--through-controllers",
        action="store_true",
        help="write every entry through the controllers, one action at a time (slow), and "
        "print what each kind of action cost, year by year",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    replay = None
    if args.through_controllers:
        counts, replay = generate_through_controllers(args.folder, args.years, args.seed)
    else:
        counts = generate(args.folder, args.years, args.seed)
    print(f"Generated in {time.perf_counter() - started:.1f} s into {args.folder}:")
    for key, count in counts.items():
        print(f"  {key:<18} {count:>7,}")
    if replay is not None:
        print()
        print(replay.table())
        if replay.refused:
            print(f"refused by the roadmap (locked then): {replay.refused}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
