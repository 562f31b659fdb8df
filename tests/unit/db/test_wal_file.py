"""Reading a WAL the way SQLite does: the valid frames up to the last commit, nothing past a torn
or foreign frame."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plasticity_app.db import wal_file as wf


@pytest.fixture(scope="module")
def wal_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A WAL with 6 commits, left as it is (no checkpoint)."""
    path = tmp_path_factory.mktemp("wal") / "db.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = wal")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE t(x)")
    for i in range(5):
        conn.execute("INSERT INTO t VALUES (?)", ("x" * 3000 + str(i),))
    data = Path(f"{path}-wal").read_bytes()
    conn.close()
    return data


def test_every_commit_is_found(wal_bytes: bytes, tmp_path: Path) -> None:
    (tmp_path / "w").write_bytes(wal_bytes)
    contents = wf.read_wal(tmp_path / "w")
    assert contents.header_ok and contents.page_size == 4096
    assert contents.commits == 6
    assert contents.frames[-1].commit_size > 0
    assert contents.frames[0].page == 1


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=60_000))
def test_a_torn_wal_yields_the_commits_before_the_tear(
    wal_bytes: bytes, tmp_path: Path, cut: int
) -> None:
    (tmp_path / "w").write_bytes(wal_bytes[:cut])
    whole = wf.read_wal_bytes(wal_bytes)
    torn = wf.read_wal(tmp_path / "w")
    assert torn.frames == whole.frames[: len(torn.frames)]
    assert not torn.frames or torn.frames[-1].commit_size > 0
    end = max((f.offset + whole.page_size for f in torn.frames), default=0)
    assert end <= cut


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(at=st.integers(min_value=0, max_value=10_000), flip=st.integers(min_value=1, max_value=255))
def test_a_changed_byte_never_adds_frames(wal_bytes: bytes, at: int, flip: int) -> None:
    changed = bytearray(wal_bytes)
    changed[at] ^= flip
    whole = wf.read_wal_bytes(wal_bytes)
    found = wf.read_wal_bytes(bytes(changed))
    assert found.frames == whole.frames[: len(found.frames)]
    first_frame_end = wf.WAL_HEADER + wf.FRAME_HEADER + whole.page_size
    if at < first_frame_end:  # the header or the first frame: nothing SQLite would apply
        assert found.frames == []


def test_page_one_problems() -> None:
    header = bytearray(b"SQLite format 3\x00" + bytes(84))
    header[16:18] = (4096).to_bytes(2, "big")
    header[24:28] = (5).to_bytes(4, "big")
    same = bytes(header)
    assert wf.page_one_problem(same, same) is None
    older = bytearray(header)
    older[24:28] = (4).to_bytes(4, "big")
    assert wf.page_one_problem(bytes(older), same) == "page-one-older"
    encoding = bytearray(header)
    encoding[56:60] = (2).to_bytes(4, "big")
    assert wf.page_one_problem(bytes(encoding), same) == "page-one-format"
    assert wf.page_one_problem(bytes(100), same) == "page-one-not-sqlite"
    assert wf.db_page_size(same) == 4096 and wf.db_page_size(b"junk") == 0
