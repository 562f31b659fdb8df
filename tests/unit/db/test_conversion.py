"""Turning encryption on or off changes every file the app made, all or nothing, and leaves no
plaintext and no temporary file behind; a change a kill interrupted is finished or undone at the
next start; restore reads backups in either state; no core dumps once a journal is encrypted."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from plasticity_app.controller.journal import Journal
from plasticity_app.controller.safety import BackupPassphraseNeededError
from plasticity_app.db import cipher, conversion
from plasticity_app.db.database import JOURNAL_FILENAME, PassphraseNeededError
from plasticity_app.domain.clock import FixedClock
from plasticity_app.domain.errors import UserError
from tests.helpers import add_presets, rate_days

pytestmark = pytest.mark.skipif(not cipher.available(), reason="SQLCipher is not installed")

SECRET = "correct horse battery staple"
GARBAGE = b"\x00not a database any more\x00" * 64


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def journals(folder: Path) -> list[Path]:
    return [folder / JOURNAL_FILENAME, *conversion.backups(folder), *conversion.set_aside(folder)]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A journal with 6 check-ins, two backups and a readable copy set aside as damaged."""
    folder = tmp_path / "j"
    clock = FixedClock(datetime(2026, 11, 20, 9, 0))
    journal = Journal(folder, clock)
    rate_days(journal, add_presets(journal), 3)
    journal.safety.backup_now()
    journal.clock = FixedClock(clock.now() + timedelta(days=2))
    journal.safety.backup_now()
    journal.close()
    aside = folder / f"{JOURNAL_FILENAME}.damaged-20261101-120000"
    aside.write_bytes((folder / JOURNAL_FILENAME).read_bytes())
    return folder


def entries(path: Path, key: str | None) -> int:
    with conversion._leaving_no_trace(path):
        conn = conversion._open(path, key)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM metric_entry").fetchone()[0])
        finally:
            conn.close()


def test_turning_encryption_on_leaves_no_plaintext_copy(folder: Path) -> None:
    unreadable = folder / f"{JOURNAL_FILENAME}.damaged-20261102-120000"
    unreadable.write_bytes(GARBAGE)
    journal = Journal(folder)
    outcome = journal.safety.turn_on_encryption(SECRET, SECRET, delete_unreadable=True)
    assert journal.safety.encrypted
    journal.close()
    assert unreadable in outcome.deleted and not unreadable.exists()
    assert len(conversion.backups(folder)) == 3, "the backup made before, too"
    for path in journals(folder):
        data = path.read_bytes()
        assert not data.startswith(b"SQLite format 3"), f"{path.name} left plain"
        assert b"Self-criticism" not in data
        assert entries(path, SECRET) == 6
    assert files(folder) == sorted(
        [JOURNAL_FILENAME, cipher.MARKER_FILENAME]
        + [p.relative_to(folder).as_posix() for p in journals(folder)[1:]]
    ), "no temporary file, no -wal or -shm"


def test_an_unreadable_copy_is_kept_when_the_person_says_so(folder: Path) -> None:
    unreadable = folder / f"{JOURNAL_FILENAME}.damaged-20261102-120000"
    unreadable.write_bytes(GARBAGE)
    journal = Journal(folder)
    assert unreadable in journal.safety.copies_aside()
    outcome = journal.safety.turn_on_encryption(SECRET, SECRET, delete_unreadable=False)
    journal.close()
    assert outcome.left == [unreadable] and unreadable.read_bytes() == GARBAGE


def test_turning_encryption_off_decrypts_every_backup(folder: Path) -> None:
    journal = Journal(folder)
    journal.safety.turn_on_encryption(SECRET, SECRET)
    journal.safety.change_passphrase(SECRET, "a new passphrase", "a new passphrase")
    for path in journals(folder):
        assert entries(path, "a new passphrase") == 6
    journal.safety.turn_off_encryption("a new passphrase")
    journal.close()
    for path in journals(folder):
        assert path.read_bytes().startswith(b"SQLite format 3"), path.name
        assert entries(path, None) == 6
    assert cipher.MARKER_FILENAME not in files(folder)


def test_a_change_killed_before_its_commit_is_undone_at_start(folder: Path) -> None:
    before = {p: p.read_bytes() for p in journals(folder)}
    # The state a kill leaves half-way through step 2: the plan, some converted copies.
    plan = conversion.Plan(True, [p.relative_to(folder).as_posix() for p in before])
    conversion._write_plan(folder, plan)
    for path in list(before)[:2]:
        conversion.convert_copy(path, None, conversion._staging(path), SECRET)
    (folder / (JOURNAL_FILENAME + ".converting-journal")).write_bytes(b"")
    journal = Journal(folder)  # no passphrase asked: it is all plain again
    assert not journal.safety.encrypted and len(journal.ctx.metrics_repo.entries()) == 6
    journal.close()
    assert {p: p.read_bytes() for p in before if p.name != JOURNAL_FILENAME} == {
        p: b for p, b in before.items() if p.name != JOURNAL_FILENAME
    }
    assert not [n for n in files(folder) if "converting" in n or "encryption-change" in n]


def test_a_change_killed_after_its_commit_is_finished_at_start(folder: Path) -> None:
    paths = journals(folder)
    for path in paths:
        conversion.convert_copy(path, None, conversion._staging(path), SECRET)
    plan = conversion.Plan(True, [p.relative_to(folder).as_posix() for p in paths], [], True)
    conversion._write_plan(folder, plan)
    # Killed after two renames, before the marker.
    for path in paths[1:3]:
        os.replace(conversion._staging(path), path)
    with pytest.raises(PassphraseNeededError):
        Journal(folder)
    journal = Journal(folder, passphrase=SECRET)
    assert journal.safety.encrypted and len(journal.ctx.metrics_repo.entries()) == 6
    journal.close()
    for path in paths:
        assert entries(path, SECRET) == 6
    assert not [n for n in files(folder) if "converting" in n or "encryption-change" in n]


def test_leftovers_of_an_older_version_are_tidied_at_start(folder: Path) -> None:
    """What a kill left with the old code: an ``.encrypting`` copy, a reader's -wal/-shm beside
    backups, a half-written (plain) backup."""
    (folder / (JOURNAL_FILENAME + ".encrypting")).write_bytes(GARBAGE)
    backup = conversion.backups(folder)[0]
    half = folder / "backups" / ".journal-20261122-090000-daily.sqlite3.x1y2.partial"
    half.write_bytes(backup.read_bytes()[:4096])  # a backup a kill stopped half-way
    Path(f"{backup}-wal").write_bytes(b"")
    Path(f"{backup}-shm").write_bytes(b"\0" * 32768)
    journal = Journal(folder)
    journal.close()
    assert files(folder) == sorted(p.relative_to(folder).as_posix() for p in [*journals(folder)]), (
        "only the journal, its backups and the copy set aside"
    )


def test_plain_backups_are_encrypted_when_an_encrypted_journal_opens(folder: Path) -> None:
    """Older versions left backups plain after a kill; reopening now encrypts them."""
    plain = {p.name: p.read_bytes() for p in conversion.backups(folder)}
    journal = Journal(folder)
    journal.safety.turn_on_encryption(SECRET, SECRET)
    journal.close()
    for name, data in plain.items():
        (folder / "backups" / name).write_bytes(data)
    journal = Journal(folder, passphrase=SECRET)
    journal.close()
    for path in conversion.backups(folder):
        assert not conversion.is_plain(path) and entries(path, SECRET) == 6


def test_restore_reads_a_backup_made_while_encryption_was_on(folder: Path) -> None:
    """After turning encryption off, a backup still encrypted (made with another passphrase)
    is restored after its passphrase is given, into the plain journal."""
    journal = Journal(folder)
    journal.safety.turn_on_encryption(SECRET, SECRET)
    kept = folder / "kept.sqlite3"
    kept.write_bytes(conversion.backups(folder)[0].read_bytes())
    journal.safety.turn_off_encryption(SECRET)
    rate_days(journal, journal.metrics.active(), 5)
    assert len(journal.ctx.metrics_repo.entries()) > 6
    backup = folder / "backups" / "journal-20261101-100000-manual.sqlite3"
    os.replace(kept, backup)
    with pytest.raises(BackupPassphraseNeededError, match="encrypted"):
        journal.safety.restore(backup)
    with pytest.raises(cipher.WrongPassphraseError):
        journal.safety.restore(backup, "not the passphrase")
    journal.safety.restore(backup, SECRET)
    assert not journal.safety.encrypted and len(journal.ctx.metrics_repo.entries()) == 6
    journal.close()
    assert (folder / JOURNAL_FILENAME).read_bytes().startswith(b"SQLite format 3")
    assert not [n for n in files(folder) if n.endswith((".restoring", "-wal", "-shm"))]


def test_restore_puts_a_plain_backup_back_encrypted(folder: Path) -> None:
    plain_backup = folder / "backups" / "journal-20261101-100000-manual.sqlite3"
    plain_backup.write_bytes(conversion.backups(folder)[0].read_bytes())
    journal = Journal(folder)
    journal.safety.turn_on_encryption(SECRET, SECRET)
    plain_backup.write_bytes((folder / f"{JOURNAL_FILENAME}.damaged-20261101-120000").read_bytes())
    journal.safety.restore(plain_backup)
    assert journal.safety.encrypted and len(journal.ctx.metrics_repo.entries()) == 6
    journal.close()
    assert not conversion.is_plain(folder / JOURNAL_FILENAME)


def test_a_change_running_in_another_process_is_left_alone(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        # Another process's lock: flock locks belong to the open file, so a child holds it.
        holder = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDONLY); "
                "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(30)",
                str(folder),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        try:
            with pytest.raises(UserError, match="being changed in another window"):
                Journal(folder)
        finally:
            holder.kill()
            holder.wait()
            holder.stdout.close()
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released with the process
    finally:
        os.close(fd)
    Journal(folder).close()


DUMPS = r"""
import ctypes, resource, sys
from pathlib import Path
from plasticity_app.controller.journal import Journal
from plasticity_app.db.database import PassphraseNeededError

start = resource.getrlimit(resource.RLIMIT_CORE)

def report(when):
    limit = resource.getrlimit(resource.RLIMIT_CORE)
    dumpable = ctypes.CDLL(None).prctl(3, 0, 0, 0, 0)  # PR_GET_DUMPABLE
    print(when, "unchanged" if limit == start else "changed", limit, dumpable, flush=True)

Journal(Path(sys.argv[1])).close()
report("plain")
try:
    Journal(Path(sys.argv[2]))
except PassphraseNeededError:
    report("asked")
Journal(Path(sys.argv[2]), passphrase=sys.argv[3]).close()
report("unlocked")
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_no_core_dump_once_an_encrypted_journal_is_asked_for(folder: Path, tmp_path: Path) -> None:
    encrypted = tmp_path / "encrypted"
    journal = Journal(encrypted)
    journal.safety.turn_on_encryption(SECRET, SECRET)
    journal.close()
    out = subprocess.run(
        [sys.executable, "-c", DUMPS, str(folder), str(encrypted), SECRET],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    ).stdout.split("\n")
    assert out[0].startswith("plain unchanged") and out[0].endswith(" 1")
    assert out[1].endswith("(0, 0) 0") and out[2].endswith("(0, 0) 0")


def test_backups_are_single_files(folder: Path) -> None:
    """A plain backup isn't in WAL mode, so reading it leaves no -wal or -shm beside it."""
    backup = conversion.backups(folder)[0]
    conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        conn.execute("SELECT COUNT(*) FROM metric_entry").fetchone()
    finally:
        conn.close()
    assert not list(backup.parent.glob("*-wal")) and not list(backup.parent.glob("*-shm"))


def test_the_plan_holds_no_secret(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[str] = []
    real = conversion._write_plan

    def spy(where: Path, plan: Any) -> None:
        real(where, plan)
        written.append((where / conversion.PLAN_FILENAME).read_text(encoding="utf-8"))

    monkeypatch.setattr(conversion, "_write_plan", spy)
    journal = Journal(folder)
    journal.safety.turn_on_encryption(SECRET, SECRET)
    journal.close()
    assert len(written) == 2 and all(SECRET not in text for text in written)
    assert '"committed": true' in written[1]
