#!/usr/bin/env python3
"""Launch Plasticity Journal, or run its tests, creating the environment on first use.

    python3 run.py [ARGS...]    open the app (ARGS go to the app, e.g. --demo or status --json)
    python3 run.py --tests      lint, type-check and run the whole test suite

Needs only Python 3.11+. The environment lives in .venv/ beside this file and is refreshed
when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_env(extra: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 (run.py is started by any python3)
        sys.exit("Plasticity Journal needs Python 3.11 or newer.")
    stamp = VENV / f".installed-{extra or 'app'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest and PYTHON.exists():
        return
    if not PYTHON.exists():
        print("Creating the environment in .venv (first run only)…", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    target = f"{ROOT}[{extra}]" if extra else str(ROOT)
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", target],
        check=True,
    )
    stamp.write_text(digest)


def run_tests(args: list[str]) -> int:
    ensure_env("test")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    linted = [d for d in ("plasticity_app", "tests", "bench", "packaging", "docs") if (ROOT / d).is_dir()]
    steps = [
        [str(BIN / "ruff"), "check", *linted],
        [str(BIN / "ruff"), "format", "--check", "plasticity_app"],
        [str(PYTHON), "-m", "mypy"],
        [str(PYTHON), "-m", "pytest", *args],
    ]
    for step in steps:
        print("$", " ".join(Path(step[0]).name if i == 0 else a for i, a in enumerate(step)), flush=True)
        code = subprocess.run(step, cwd=ROOT, env=env).returncode
        if code != 0:
            return code
    return 0


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == ["--tests"]:
        return run_tests(args[1:])
    ensure_env("")
    return subprocess.run([str(PYTHON), "-m", "plasticity_app", *args], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main())
