"""Build a one-folder bundle for this platform with PyInstaller, then smoke-test it.

    .venv/bin/python packaging/build.py [--dist DIR]

The bundle lands in dist/plasticity-journal/ (on macOS also dist/Plasticity Journal.app).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def build(dist: Path, work: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(ROOT / "packaging" / "plasticity-journal.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    exe = (
        dist
        / "plasticity-journal"
        / ("plasticity-journal.exe" if os.name == "nt" else "plasticity-journal")
    )
    if not exe.exists():
        raise SystemExit(f"the build did not produce {exe}")
    return exe


def smoke_test(exe: Path) -> None:
    env = {**os.environ}
    if sys.platform.startswith("linux") and not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    out = subprocess.run(
        [str(exe), "--smoke-test"], capture_output=True, text=True, env=env, timeout=300
    )
    print(out.stdout, end="")
    if out.returncode != 0:
        print(out.stderr, file=sys.stderr)
        raise SystemExit(f"smoke test failed with exit status {out.returncode}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dist", default=str(ROOT / "dist"))
    parser.add_argument("--work", default=str(ROOT / "build" / "pyinstaller"))
    args = parser.parse_args()
    started = time.perf_counter()
    exe = build(Path(args.dist), Path(args.work))
    took = time.perf_counter() - started
    size = folder_size(exe.parent) / 1e6
    print(f"built {exe} in {took:.0f} s; bundle {size:.0f} MB")
    smoke_test(exe)
    return 0


if __name__ == "__main__":
    sys.exit(main())
