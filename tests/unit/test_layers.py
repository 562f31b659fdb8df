"""The layers stay where DESIGN.md §7 puts them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "plasticity_app"


def test_importing_the_domain_loads_no_qt_or_peewee() -> None:
    code = (
        "import sys, pkgutil, importlib, plasticity_app.domain as d\n"
        "for m in pkgutil.walk_packages(d.__path__, 'plasticity_app.domain.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in "
        "{'PySide6', 'pyqtgraph', 'peewee', 'playhouse', 'shiboken6'})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_controllers_use_only_qtcore() -> None:
    pattern = re.compile(r"^\s*(from|import)\s+PySide6\.(Qt\w+)", re.MULTILINE)
    for path in (PACKAGE / "controller").rglob("*.py"):
        for _kind, module in pattern.findall(path.read_text(encoding="utf-8")):
            assert module == "QtCore", f"{path.name} imports PySide6.{module}"


def test_no_network_code_in_the_app() -> None:
    pattern = re.compile(
        r"^\s*(import|from)\s+(socket|urllib\.request|http\.client|requests|httpx|aiohttp)\b|QtNetwork",
        re.MULTILINE,
    )
    for path in PACKAGE.rglob("*.py"):
        assert not pattern.search(path.read_text(encoding="utf-8")), path


def test_import_linter_contracts_hold() -> None:
    exe = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(exe)], capture_output=True, text=True, cwd=PACKAGE.parent)
    assert out.returncode == 0, out.stdout + out.stderr
