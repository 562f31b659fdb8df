"""The benchmark: a ten-year journal against the targets of DESIGN.md §8.

    .venv/bin/python bench/run.py [--runs 5]

Prints a table (median, min and max of several runs) and writes bench/results.json. Not a test:
a noisy machine never fails anything. The ten-year journal is generated once into bench/.cache/.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache" / "ten-years"
sys.path.insert(0, str(ROOT))

# name: (label, target, unit); a target of None is reported without a verdict.
FIGURES: dict[str, tuple[str, float | None, str]] = {
    "startup": ("Start-up: process start → window shown", 0.5, "s"),
    "startup_bare": ("  a bare PySide6 QMainWindow, same way", None, "s"),
    "startup_ratio": ("  ratio to the bare window", 2.0, "×"),
    "startup_ready": ("  then the journal in it (tabs built)", None, "s"),
    "checkin": ("Check-in saved, every open view updated", 30.0, "ms"),
    "charts_first": ("Charts tab, first opening (with pyqtgraph)", 0.8, "s"),
    "charts_first_settled": ("  the same, opened 4 s after start", None, "s"),
    "charts_redraw": ("Charts redraw after a change", 30.0, "ms"),
    "checkin_with_charts": ("  a whole check-in with the Charts tab on screen", None, "ms"),
    "summary_pdf": ("Weekly summary PDF", 0.3, "s"),
    "export_json": ("JSON export", 1.0, "s"),
    "import_json": ("JSON import into an empty folder", 2.0, "s"),
    "import_loop": ("Loop import of ten years (8 habits)", 2.0, "s"),
    "peak_rss": ("Peak memory with the journal open", 250.0, "MB"),
}

BARE = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1200, 800)
    window.show()
    def done():
        print(f"shown {time.time():.6f} 0", flush=True)
        app.quit()
    QTimer.singleShot(0, done)
    app.exec()
    """
)

# The Charts tab opened as a person would: a few seconds after the window is up, by when its
# libraries have been imported in the background (ui/background_import.py).
SETTLED = textwrap.dedent(
    """
    import json, sys, time
    from datetime import datetime
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from plasticity_app.ui.application import make_application
    app = make_application()
    from plasticity_app.controller.journal import Journal
    from plasticity_app.domain.clock import FixedClock
    from plasticity_app.ui.main_window import MainWindow

    folder = Path(sys.argv[1])
    journal = Journal(folder, FixedClock(datetime(2026, 11, 23, 20, 30)))
    window = MainWindow(journal, folder / "window.ini")
    window.resize(1200, 800)
    window.show()
    until = time.monotonic() + 4
    while time.monotonic() < until:
        app.processEvents()
        time.sleep(0.005)
    charts = window.tabs.indexOf(next(w for w in window.views if type(w).__name__ == "ChartsTab"))
    t = time.perf_counter()
    window.tabs.setCurrentIndex(charts)
    for _ in range(3):
        app.processEvents()
    out = {{"charts_first_settled": time.perf_counter() - t}}
    window.close()
    app.quit()
    journal.close()
    print("RESULT " + json.dumps(out), flush=True)
    """
)

IN_PROCESS = textwrap.dedent(
    """
    import json, sys, time
    from datetime import datetime, timedelta
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from plasticity_app.ui.application import make_application
    app = make_application()
    from plasticity_app.controller.journal import Journal
    from plasticity_app.domain.clock import FixedClock
    from plasticity_app.ui.main_window import MainWindow

    folder = Path(sys.argv[1])
    clock = FixedClock(datetime(2026, 11, 23, 20, 30))
    journal = Journal(folder, clock)
    window = MainWindow(journal, folder / "window.ini")
    window.resize(1200, 800)
    window.show()
    for _ in range(3):
        app.processEvents()
    out = {{}}
    charts = window.tabs.indexOf(next(w for w in window.views if type(w).__name__ == "ChartsTab"))
    t = time.perf_counter()
    window.tabs.setCurrentIndex(charts)
    for _ in range(3):
        app.processEvents()
    out["charts_first"] = time.perf_counter() - t
    metrics = journal.metrics.active()

    def check_in(k):
        t = time.perf_counter()
        journal.metrics.check_in(journal.ctx.today() - timedelta(days=k), {{m.id: k % 11 for m in metrics}})
        app.processEvents()
        return (time.perf_counter() - t) * 1000

    check_in(1)
    view = window.tabs.widget(charts).view
    redraws, whole = [], []
    for k in range(2, 7):
        whole.append(check_in(k))
        redraws.append(view.last_redraw_seconds * 1000)
    out["charts_redraw"] = sorted(redraws)[2]
    out["checkin_with_charts"] = sorted(whole)[2]
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        app.processEvents()
    window.tabs.setCurrentIndex(1)  # the Check-in tab, as a person checking in sees it
    app.processEvents()
    check_in(8)
    out["checkin"] = sorted(check_in(k) for k in range(9, 14))[2]

    from plasticity_app.ui.summary_renderer import write_pdf
    week = journal.review.week_of(journal.ctx.today()) - timedelta(days=7)
    t = time.perf_counter()
    write_pdf(journal.review.report(week), folder / "summary.pdf")
    out["summary_pdf"] = time.perf_counter() - t
    t = time.perf_counter()
    journal.export.write_json(folder / "export.json")
    out["export_json"] = time.perf_counter() - t
    for key, source in (("import_json", sys.argv[2]), ("import_loop", sys.argv[3])):
        empty = Journal(folder.parent / key, clock)
        t = time.perf_counter()
        empty.imports.import_file(Path(source))
        out[key] = time.perf_counter() - t
        empty.close()
    window.close()
    journal.close()
    print("RESULT " + json.dumps(out), flush=True)
    """
)


def ensure_journal() -> Path:
    """The cached ten-year journal, made again whenever the generator has changed."""
    stamp = hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()
    if (
        not (CACHE / "journal" / "journal.sqlite3").exists()
        or not (CACHE / "stamp").exists()
        or (CACHE / "stamp").read_text(encoding="utf-8") != stamp
    ):
        from bench.generate import generate

        print(f"Generating the ten-year journal into {CACHE} …", flush=True)
        shutil.rmtree(CACHE, ignore_errors=True)
        generate(CACHE)
        (CACHE / "stamp").write_text(stamp, encoding="utf-8")
    return CACHE


def _env() -> dict[str, str]:
    """Offscreen, and with bytecode caching on, as an installed app has it."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def startup(command: list[str]) -> dict[str, float]:
    """Seconds from spawning the process to its window being shown (``shown``) and, for the app,
    to the journal being in it (``ready``); peak RSS in MB at the last of them (``rss``)."""
    started = time.time()
    done = subprocess.run(command, capture_output=True, text=True, env=_env(), timeout=120)
    moments: dict[str, float] = {}
    for line in done.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] in ("shown", "ready"):
            moments[parts[0]] = float(parts[1]) - started
            moments["rss"] = int(parts[2]) / 1024
    if "shown" not in moments:
        raise RuntimeError(f"no window: {done.stderr[-2000:]}")
    return moments


def run(runs: int) -> dict[str, list[float]]:
    cache = ensure_journal()
    # pip compiles an installed app's modules; do the same for this checkout.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "plasticity_app")],
        check=True,
        env=_env(),
    )
    samples: dict[str, list[float]] = {key: [] for key in FIGURES}
    for index in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "journal"
            shutil.copytree(cache / "journal", folder)
            app = [sys.executable, "-m", "plasticity_app", "--data-dir", str(folder)]
            os.environ["PLASTICITY_EXIT_WHEN_SHOWN"] = "1"
            try:
                moments = startup(app)
            finally:
                del os.environ["PLASTICITY_EXIT_WHEN_SHOWN"]
            bare = startup([sys.executable, "-c", BARE])["shown"]
            samples["startup"].append(moments["shown"])
            samples["startup_bare"].append(bare)
            samples["startup_ratio"].append(moments["shown"] / bare)
            if "ready" in moments:
                samples["startup_ready"].append(moments["ready"])
            samples["peak_rss"].append(moments["rss"])
            done = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    IN_PROCESS.format(root=str(ROOT)),
                    str(folder),
                    str(cache / "journal.json"),
                    str(cache / "loop.zip"),
                ],
                capture_output=True,
                text=True,
                env=_env(),
                timeout=600,
            )
            settled = subprocess.run(
                [sys.executable, "-c", SETTLED.format(root=str(ROOT)), str(folder)],
                capture_output=True,
                text=True,
                env=_env(),
                timeout=600,
            )
            for finished in (done, settled):
                line = next(
                    (x for x in finished.stdout.splitlines() if x.startswith("RESULT ")), None
                )
                if line is None:
                    raise RuntimeError(finished.stderr[-3000:])
                for key, value in json.loads(line[len("RESULT ") :]).items():
                    samples[key].append(value)
        print(f"run {index + 1} of {runs} done", flush=True)
    return samples


def report(samples: dict[str, list[float]]) -> dict[str, Any]:
    rows = {}
    print()
    print(f"{'':46} {'median':>9} {'min':>9} {'max':>9}   target")
    for key, (label, target, unit) in FIGURES.items():
        values = samples.get(key) or []
        if not values:
            print(f"{label:46} not available")
            continue
        median, low, high = statistics.median(values), min(values), max(values)
        verdict = "" if target is None else ("met" if median <= target else "MISSED")
        shown_target = "" if target is None else f"≤ {target:g} {unit}"
        print(
            f"{label:46} {median:>8.3g}{unit:<1} {low:>8.3g}{unit:<1} {high:>8.3g}{unit:<1}"
            f"   {shown_target} {verdict}"
        )
        rows[key] = {
            "label": label.strip(),
            "unit": unit,
            "median": median,
            "min": low,
            "max": high,
            "target": target,
            "met": None if target is None else median <= target,
            "runs": len(values),
        }
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description="Plasticity Journal benchmark")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    samples = run(args.runs)
    rows = report(samples)
    result = {
        "measured_at": time.strftime("%Y-%m-%d %H:%M"),
        "machine": {
            "python": platform.python_version(),
            "system": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "journal": "ten years: 3 metrics and 8 habits daily with gaps, 500 experiments, "
        "300 thought records, 200 learning sessions, 520 weekly reviews",
        "figures": rows,
    }
    (HERE / "results.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nWrote {HERE / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
