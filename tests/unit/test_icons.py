"""The app icon in every size the platforms need, and the Linux desktop files that point at it."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from plasticity_app.desktop_entry import APP_ID, desktop_file_text

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"
LINUX = ROOT / "packaging" / "linux"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_every_png_size_exists_and_is_drawn(qapp: object, size: int) -> None:
    from PySide6.QtGui import QImage

    path = ICONS / "png" / f"plasticity-journal-{size}.png"
    assert png_size(path.read_bytes()) == (size, size)
    image = QImage(str(path))
    alphas = {image.pixelColor(x, y).alpha() for x in range(size) for y in range(size)}
    assert 0 in alphas, "the corners are transparent (a rounded tile)"
    assert 255 in alphas, "and the tile itself is opaque"
    colours = {image.pixelColor(x, y).name() for x in range(size) for y in range(size)}
    assert len(colours) > 3, "not a blank square"


def test_the_ico_holds_sizes_16_to_256() -> None:
    data = (ICONS / "plasticity-journal.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sides = []
    for i in range(count):
        width, _height, _c, _r, _p, _b, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        side = width or 256
        assert png_size(data[offset : offset + length]) == (side, side)
        sides.append(side)
    assert sides == [16, 24, 32, 48, 64, 128, 256]


def test_the_icns_holds_sizes_16_to_512() -> None:
    data = (ICONS / "plasticity-journal.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    found = {}
    pos = 8
    while pos < len(data):
        kind = data[pos : pos + 4]
        length = struct.unpack(">I", data[pos + 4 : pos + 8])[0]
        found[kind] = png_size(data[pos + 8 : pos + length])[0]
        pos += length
    assert found == {
        b"icp4": 16,
        b"icp5": 32,
        b"icp6": 64,
        b"ic07": 128,
        b"ic08": 256,
        b"ic09": 512,
    }


def test_the_packaged_desktop_file_is_the_one_the_app_installs() -> None:
    text = (LINUX / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert text == desktop_file_text("plasticity-journal")
    keys = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    assert keys["Name"] == "Plasticity Journal"
    assert keys["Icon"] == "plasticity-journal"
    assert keys["Terminal"] == "false"
    metainfo = (LINUX / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    assert f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>' in metainfo


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_file_validates() -> None:
    out = subprocess.run(
        ["desktop-file-validate", str(LINUX / f"{APP_ID}.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0 and not out.stdout.strip(), out.stdout + out.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream is not installed")
def test_metainfo_validates() -> None:
    out = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(LINUX / f"{APP_ID}.metainfo.xml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
