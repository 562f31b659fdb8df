"""Reading a SQLite write-ahead log (``-wal``) without SQLite, to judge a stray one before SQLite
applies it. The format: https://www.sqlite.org/fileformat2.html#walformat

A WAL names no database: SQLite pairs it with the journal by its file name alone, so a sync tool or
a copied folder can put another journal's WAL (or an older one of this journal) beside it, and
SQLite would apply it. What can be told from the files:

- which frames SQLite would apply: those whose salts match the WAL header and whose checksums chain
  from it, up to the last commit frame (anything else SQLite ignores);
- the WAL's page size, which must be the journal's;
- the database size after the WAL's last commit: smaller than the journal means the WAL would cut
  pages off it (this app never shrinks its journal: it doesn't VACUUM);
- page 1, when the WAL holds it: its header must agree with the journal's (page size, format,
  encoding, application id) and its change counter can't be behind the journal's;
- and, applied to a throwaway copy, whether the result passes SQLite's full integrity check.

What can't be told: a WAL from a copy of the same journal (or one of the same shape) that holds no
page 1 and fits the journal's pages structurally is indistinguishable from the journal's own. That
is why a stray WAL is only ever applied after the journal and the WAL are copied aside together.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

WAL_MAGIC = (0x377F0682, 0x377F0683)  # the low bit: checksums over big-endian words
WAL_VERSION = 3007000
WAL_HEADER = 32
FRAME_HEADER = 24
DB_HEADER = 100


@dataclass(frozen=True)
class Frame:
    page: int
    commit_size: int  # the database's size in pages after this commit; 0 when not a commit
    offset: int  # where the page's content starts in the WAL


@dataclass
class WalContents:
    """What SQLite would read from a WAL file."""

    page_size: int = 0
    frames: list[Frame] = field(default_factory=list)  # the valid frames up to the last commit
    header_ok: bool = False

    @property
    def commits(self) -> int:
        return sum(1 for f in self.frames if f.commit_size)

    @property
    def final_size(self) -> int:
        """The database's size in pages after the last commit (0 when nothing would apply)."""
        return self.frames[-1].commit_size if self.frames else 0


def _checksum(data: bytes, big_endian: bool, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    mask = 0xFFFFFFFF
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & mask
        s1 = (s1 + words[i + 1] + s0) & mask
    return s0, s1


def read_wal(path: Path) -> WalContents:
    """The frames SQLite would apply from the WAL at ``path`` (none when its header is invalid)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return WalContents()
    return read_wal_bytes(data)


def read_wal_bytes(data: bytes) -> WalContents:
    """The frames SQLite would apply from a WAL's bytes."""
    found = WalContents()
    if len(data) < WAL_HEADER:
        return found
    magic, version, page_size, _seq, salt1, salt2, c0, c1 = struct.unpack(">8I", data[:32])
    if magic not in WAL_MAGIC or version != WAL_VERSION:
        return found
    if page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
        return found
    big = bool(magic & 1)
    if _checksum(data[:24], big, 0, 0) != (c0, c1):
        return found
    found.header_ok = True
    found.page_size = page_size
    s0, s1 = c0, c1
    pending: list[Frame] = []
    offset = WAL_HEADER
    while offset + FRAME_HEADER + page_size <= len(data):
        page, commit, fsalt1, fsalt2, f0, f1 = struct.unpack(
            ">6I", data[offset : offset + FRAME_HEADER]
        )
        if (fsalt1, fsalt2) != (salt1, salt2) or page == 0:
            break
        s0, s1 = _checksum(data[offset : offset + 8], big, s0, s1)
        content = offset + FRAME_HEADER
        s0, s1 = _checksum(data[content : content + page_size], big, s0, s1)
        if (s0, s1) != (f0, f1):
            break
        pending.append(Frame(page, commit, content))
        if commit:
            found.frames.extend(pending)
            pending = []
        offset = content + page_size
    return found


def db_page_size(header: bytes) -> int:
    """The page size a database header states (0 when it isn't a plain SQLite header)."""
    if len(header) < DB_HEADER or not header.startswith(b"SQLite format 3\x00"):
        return 0
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


# Header fields that never change for a journal: page size, file format versions, reserved space,
# payload fractions (16-23), text encoding (56-59), application id (68-71).
_FIXED_FIELDS = ((16, 24), (56, 60), (68, 72))


def page_one_problem(wal_page_one: bytes, db_header: bytes) -> str | None:
    """How the WAL's page 1 disagrees with the journal's header, or None. The key names one of
    the reasons in :data:`REASONS`."""
    if not wal_page_one.startswith(b"SQLite format 3\x00"):
        return "page-one-not-sqlite"
    for start, end in _FIXED_FIELDS:
        if wal_page_one[start:end] != db_header[start:end]:
            return "page-one-format"
    wal_counter = int.from_bytes(wal_page_one[24:28], "big")
    db_counter = int.from_bytes(db_header[24:28], "big")
    if wal_counter < db_counter:
        return "page-one-older"
    return None
