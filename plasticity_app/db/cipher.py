"""Optional passphrase encryption of the journal with SQLCipher (``sqlcipher3``).

The passphrase is never written anywhere: it lives in memory while the journal is open. Whether a
journal is encrypted is recorded in a small marker file beside it (``journal.encrypted``), which
holds no secret; it tells the app to ask for the passphrase instead of taking the unreadable file
for a damaged one.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from plasticity_app.domain.errors import UserError
from plasticity_app.domain.text import tr

MARKER_FILENAME = "journal.encrypted"
PR_SET_DUMPABLE = 4  # linux/prctl.h
PASSPHRASE_MIN_CHARS = 8


class EncryptionUnavailableError(UserError):
    """SQLCipher is not installed on this system."""


class WrongPassphraseError(UserError):
    """The passphrase does not open the journal."""


def available() -> bool:
    """Whether SQLCipher can be used on this system."""
    try:
        import sqlcipher3  # noqa: F401
    except ImportError:
        return False
    return True


def keep_out_of_core_dumps() -> None:
    """From now on this process leaves no core dump (it would hold the passphrase and decrypted
    entries): the core size limit set to 0 for good on POSIX, and on Linux the process marked
    not dumpable (which also keeps other processes of the same user from attaching to it)."""
    if os.name != "posix":
        return
    import resource

    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def require_available() -> None:
    if not available():
        raise EncryptionUnavailableError(
            tr(
                "Encryption needs SQLCipher, which isn’t available on this system "
                "(install the sqlcipher3 package)."
            )
        )


def validate_passphrase(passphrase: str, repeated: str | None = None) -> str | None:
    """A plain message when a new passphrase can't be used, else None."""
    if len(passphrase) < PASSPHRASE_MIN_CHARS:
        return tr("Use at least {count} characters; a short sentence is easy to remember.").format(
            count=PASSPHRASE_MIN_CHARS
        )
    if passphrase != passphrase.strip():
        return tr("The passphrase can’t start or end with a space.")
    if repeated is not None and repeated != passphrase:
        return tr("The two passphrases are not the same.")
    return None


def marker(journal_path: Path) -> Path:
    return journal_path.parent / MARKER_FILENAME


def is_encrypted(journal_path: Path) -> bool:
    """The marker says so (a plain SQLite header says otherwise; the marker wins only when the
    file doesn't start like a plain database)."""
    if not marker(journal_path).exists():
        return False
    try:
        with journal_path.open("rb") as fh:
            header = fh.read(16)
    except OSError:
        return True
    return header != b"SQLite format 3\x00"


def looks_encrypted(path: Path) -> bool:
    """The file doesn't start like a plain SQLite database (encrypted, or not a database)."""
    try:
        with path.open("rb") as fh:
            return fh.read(16) != b"SQLite format 3\x00"
    except OSError:
        return False


def write_marker(journal_path: Path) -> None:
    path = marker(journal_path)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"encrypted": True, "cipher": "sqlcipher4"}) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    if os.name == "posix":
        os.chmod(path, 0o600)


def remove_marker(journal_path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        marker(journal_path).unlink()


def quote(passphrase: str) -> str:
    """The passphrase as an SQL string literal (PRAGMA key takes no bound parameters)."""
    return "'" + passphrase.replace("'", "''") + "'"


def connect(path: Path, passphrase: str | None) -> Any:
    """A raw sqlcipher3 connection, keyed (or not, for a plain file)."""
    require_available()
    import sqlcipher3

    conn = sqlcipher3.connect(str(path))
    with contextlib.suppress(Exception):
        conn.execute("PRAGMA cipher_log_level = NONE")
    if passphrase is not None:
        conn.execute(f"PRAGMA key = {quote(passphrase)}")
    return conn


def check_key(conn: Any) -> None:
    """Raise :class:`WrongPassphraseError` unless the keyed connection can read the file."""
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except Exception as exc:  # sqlcipher3.DatabaseError: "file is not a database"
        raise WrongPassphraseError(
            tr(
                "That passphrase doesn’t open this journal. Check it and try again "
                "(capital letters count)."
            )
        ) from exc


def export_copy(conn: Any, target: Path, passphrase: str | None) -> None:
    """Write the open database to ``target`` with ``passphrase`` (None: a plain file), as one
    consistent copy (SQLCipher's ``sqlcipher_export``)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    key = quote(passphrase or "")
    conn.execute(f"ATTACH DATABASE {quote(str(target))} AS copy KEY {key}")
    try:
        conn.execute("SELECT sqlcipher_export('copy')")
        version = conn.execute("PRAGMA main.user_version").fetchone()[0]
        conn.execute(f"PRAGMA copy.user_version = {int(version)}")
    finally:
        conn.execute("DETACH DATABASE copy")
    if os.name == "posix":
        os.chmod(target, 0o600)
