"""Passphrase encryption: on, change, off; a wrong passphrase refused; nothing readable without it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from plasticity_app.db import cipher, conversion
from plasticity_app.db.database import JOURNAL_FILENAME
from plasticity_app.domain.errors import UserError

pytestmark = pytest.mark.skipif(not cipher.available(), reason="SQLCipher is not installed")

SECRET = "correct horse battery staple"


@pytest.fixture
def plain_journal(tmp_path: Path) -> Path:
    from plasticity_app.controller.journal import Journal
    from tests.helpers import add_presets, rate_days

    journal = Journal(tmp_path / "j")
    rate_days(journal, add_presets(journal), 3)
    journal.close()
    return tmp_path / "j" / JOURNAL_FILENAME


def encrypt_file(path: Path, passphrase: str) -> None:
    conversion.change(path.parent, None, passphrase)


def decrypt_file(path: Path, passphrase: str) -> None:
    conversion.change(path.parent, passphrase, None)


def rekey_file(path: Path, old: str, new: str) -> None:
    conversion.change(path.parent, old, new)


def rows(path: Path, passphrase: str | None) -> int:
    conn = cipher.connect(path, passphrase)
    try:
        cipher.check_key(conn)
        return int(conn.execute("SELECT COUNT(*) FROM metric_entry").fetchone()[0])
    finally:
        conn.close()


def test_turn_on_change_and_turn_off(plain_journal: Path) -> None:
    assert not cipher.is_encrypted(plain_journal)
    encrypt_file(plain_journal, SECRET)
    assert cipher.is_encrypted(plain_journal)
    assert not plain_journal.read_bytes().startswith(b"SQLite format 3")
    assert b"Self-criticism" not in plain_journal.read_bytes()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(plain_journal).execute("SELECT * FROM metric").fetchall()
    assert rows(plain_journal, SECRET) == 6

    rekey_file(plain_journal, SECRET, "a new and better passphrase")
    with pytest.raises(cipher.WrongPassphraseError, match="doesn’t open this journal"):
        rows(plain_journal, SECRET)
    assert rows(plain_journal, "a new and better passphrase") == 6

    decrypt_file(plain_journal, "a new and better passphrase")
    assert not cipher.is_encrypted(plain_journal)
    assert plain_journal.read_bytes().startswith(b"SQLite format 3")
    assert (
        sqlite3.connect(plain_journal).execute("SELECT COUNT(*) FROM metric_entry").fetchone()[0]
        == 6
    )


def test_a_wrong_passphrase_changes_nothing(plain_journal: Path) -> None:
    encrypt_file(plain_journal, SECRET)
    before = sorted(p.name for p in plain_journal.parent.iterdir())
    content = plain_journal.read_bytes()
    with pytest.raises(Exception, match="not a database"):
        decrypt_file(plain_journal, "not the passphrase")
    with pytest.raises(Exception, match="not a database"):
        rekey_file(plain_journal, "not the passphrase", "another good one")
    assert plain_journal.read_bytes() == content
    assert sorted(p.name for p in plain_journal.parent.iterdir()) == before, "no file left"
    assert cipher.is_encrypted(plain_journal)


@pytest.mark.parametrize(
    ("passphrase", "repeated", "message"),
    [
        ("short", None, "at least 8 characters"),
        (" padded phrase ", None, "can’t start or end with a space"),
        ("long enough phrase", "long enough phrasE", "not the same"),
    ],
)
def test_weak_or_mistyped_passphrases_are_refused(
    plain_journal: Path, passphrase: str, repeated: str | None, message: str
) -> None:
    assert message in (cipher.validate_passphrase(passphrase, repeated) or "")
    if repeated is None:
        from plasticity_app.controller.journal import Journal

        journal = Journal(plain_journal.parent)
        try:
            with pytest.raises(UserError, match=message):
                journal.safety.turn_on_encryption(passphrase, passphrase)
        finally:
            journal.close()
        assert not cipher.is_encrypted(plain_journal)


def test_quotes_in_a_passphrase_are_fine(plain_journal: Path) -> None:
    tricky = "it's a 'quoted' phrase; DROP TABLE x"
    encrypt_file(plain_journal, tricky)
    assert rows(plain_journal, tricky) == 6


def test_an_encrypted_backup_copy(plain_journal: Path, tmp_path: Path) -> None:
    encrypt_file(plain_journal, SECRET)
    conn = cipher.connect(plain_journal, SECRET)
    try:
        cipher.export_copy(conn, tmp_path / "backup.sqlite3", SECRET)
    finally:
        conn.close()
    assert not (tmp_path / "backup.sqlite3").read_bytes().startswith(b"SQLite format 3")
    assert rows(tmp_path / "backup.sqlite3", SECRET) == 6
