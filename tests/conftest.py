"""Test setup: offscreen Qt, a temporary data folder for every test, and no network at all."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

if not os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen:"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # unless a test set offscreen up with options
os.environ.setdefault("QT_ACCESSIBILITY", "0")

import pytest
from PySide6.QtCore import QLocale

from plasticity_app.domain import dates, text
from plasticity_app.domain.clock import FixedClock

# The same answers on every machine: the tests type "7.5" and read "Monday 23 November" whatever
# the tester's own locale is (the window would otherwise take it up through make_application).
QLocale.setDefault(QLocale.c())

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REALDATA = SHARED / "realdata"


class NetworkUsed(AssertionError):
    pass


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Anything that tries to open an internet socket fails the test."""

    real_socket = socket.socket

    class GuardedSocket(real_socket):  # type: ignore[misc, valid-type]
        def __init__(self, family: int = -1, *args: object, **kwargs: object) -> None:
            if family in (socket.AF_INET, socket.AF_INET6):
                raise NetworkUsed("the app must never open a network socket")
            super().__init__(family, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    monkeypatch.setattr(
        socket,
        "create_connection",
        lambda *a, **k: (_ for _ in ()).throw(NetworkUsed("network connection attempted")),
    )


@pytest.fixture(autouse=True)
def _plain_english() -> Iterator[None]:
    """Every test starts and ends with plain English dates, numbers and sentences, whatever the
    machine's locale and whatever a test (or the window it starts) installed."""
    dates.install(None)
    text.install(None)
    yield
    dates.install(None)
    text.install(None)


@pytest.fixture(autouse=True)
def _private_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never touch the real user folders: point every default location at a temporary one."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("PLASTICITY_DATA_DIR", str(home / "journal"))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 23, 20, 0))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "journal"


@pytest.fixture
def journal(data_dir: Path, clock: FixedClock) -> Iterator[object]:
    from plasticity_app.controller.journal import Journal

    j = Journal(data_dir, clock)
    yield j
    j.close()
