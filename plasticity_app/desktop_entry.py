"""Put the app into the desktop's menu (freedesktop: a .desktop file and icons in the XDG folders)."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from plasticity_app.paths import resource

APP_ID = "io.github.plasticityjournal.PlasticityJournal"
ICON_NAME = "plasticity-journal"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def xdg_data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launch_command() -> str:
    """How to start this very installation: the frozen bundle, the gui-script, or the module."""
    if getattr(sys, "frozen", False):
        return shlex.quote(sys.executable)
    script = shutil.which("plasticity-journal")
    if script and Path(script).resolve().parent == Path(sys.executable).resolve().parent:
        return shlex.quote(script)
    return f"{shlex.quote(sys.executable)} -m plasticity_app"


# The entry itself. packaging/linux/<APP_ID>.desktop holds the same text with the installed
# command (a test keeps the two equal); installing writes it with this installation's command.
DESKTOP_TEMPLATE = """\
[Desktop Entry]
Type=Application
Version=1.0
Name=Plasticity Journal
GenericName=Self-experiment journal
Comment=A private journal for building self-confidence with small experiments and habits
Exec={exec}
Icon=plasticity-journal
Terminal=false
StartupNotify=true
StartupWMClass=plasticity-journal
Categories=Office;
Keywords=journal;diary;habits;mood;CBT;confidence;self-experiment;
"""


def desktop_file_text(command: str | None = None) -> str:
    return DESKTOP_TEMPLATE.format(exec=command or launch_command())


def install(data_home: Path | None = None) -> list[Path]:
    """Write the .desktop file and every icon size; return what was written."""
    home = data_home or xdg_data_home()
    written: list[Path] = []
    apps = home / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    entry = apps / f"{APP_ID}.desktop"
    entry.write_text(desktop_file_text(), encoding="utf-8")
    written.append(entry)
    for size in ICON_SIZES:
        png = resource("icons", "png", f"{ICON_NAME}-{size}.png")
        if png.exists():
            target = home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(png, target)
            written.append(target)
    svg = resource("icons", f"{ICON_NAME}.svg")
    if svg.exists():
        target = home / "icons" / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(svg, target)
        written.append(target)
    return written


def remove(data_home: Path | None = None) -> list[Path]:
    home = data_home or xdg_data_home()
    candidates = [home / "applications" / f"{APP_ID}.desktop"]
    candidates += [
        home / "icons" / "hicolor" / f"{s}x{s}" / "apps" / f"{ICON_NAME}.png" for s in ICON_SIZES
    ]
    candidates.append(home / "icons" / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg")
    removed = []
    for path in candidates:
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed
