"""Reading a plan's write-ahead log as SQLite's recovery would, to find commits it would drop.

When no process has a plan open, SQLite rebuilds the log's index from the log file
itself: it reads frames while their checksums hold and silently ignores everything from
the first bad frame on, so commits written after a damaged frame are lost without a word
(and the next checkpoint deletes them for good). This module finds such commits first:
a frame whose checksum fails, followed by frames that still check out against the chain
and end in a commit, is damage, not the cut-off tail of an unfinished write.

The format is SQLite's (https://www.sqlite.org/fileformat2.html#walformat): a 32-byte
header, then frames of a 24-byte header and one page; checksums are cumulative over the
header and each frame, in the byte order the magic number gives.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import struct
import sys
from pathlib import Path

_MAGIC = (0x377F0682, 0x377F0683)  # little- and big-endian checksums
_HEADER = 32
_FRAME_HEADER = 24
_MASK = 0xFFFFFFFF
_SHM_DMS_BYTE = 128  # the lock every process using the log's index holds (walformat.html)


@dataclasses.dataclass(frozen=True, slots=True)
class LogReading:
    """What SQLite's recovery would make of a log: the commits it keeps, and those written
    after a damaged frame that it would drop."""

    kept: int
    lost: int

    @property
    def damaged(self) -> bool:
        return self.lost > 0


def wal_path(plan: Path) -> Path:
    return Path(f"{plan}-wal")


def _checksum(data: bytes, order: str, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack(f"{order}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & _MASK
        s1 = (s1 + words[i + 1] + s0) & _MASK
    return s0, s1


def read_log(log: bytes) -> LogReading:
    """The commits of a log's bytes that recovery keeps, and those it would lose."""
    if len(log) < _HEADER:
        return LogReading(0, 0)
    magic, _version, page_size, _seq, salt1, salt2, c0, c1 = struct.unpack(">8I", log[:_HEADER])
    if magic not in _MAGIC or page_size < 512 or page_size & (page_size - 1):
        return LogReading(0, 0)  # not a log SQLite would read at all: nothing in it counts
    order = ">" if magic & 1 else "<"
    header_ok = _checksum(log[:24], order, 0, 0) == (c0, c1)
    frame = _FRAME_HEADER + page_size
    # The checksums a frame may continue from: the one stored before it, and after a bad
    # frame also the one computed over it (the damage may be in the stored checksum).
    chains = {(c0, c1)}
    kept = lost = 0
    valid = header_ok  # still inside the part recovery reads
    for offset in range(_HEADER, len(log) - frame + 1, frame):
        head = log[offset : offset + _FRAME_HEADER]
        page_no, commit_size, s1, s2, f0, f1 = struct.unpack(">6I", head)
        if (s1, s2) != (salt1, salt2) or page_no == 0:
            valid = False  # an older generation of the log, or damage: recovery stops
            continue
        page = log[offset + _FRAME_HEADER : offset + frame]
        computed = {_checksum(page, order, *_checksum(head[:8], order, *c)) for c in chains}
        if (f0, f1) in computed:
            kept += valid and commit_size != 0
            lost += not valid and commit_size != 0
            chains = {(f0, f1)}
        else:
            valid = False
            chains = {(f0, f1), *computed}
    return LogReading(kept, lost)


def in_use_elsewhere(plan: Path) -> bool:
    """Whether another process has the plan's log open: SQLite then keeps using the index
    it built and never re-reads the log, so nothing in it can be dropped now. (The lock is
    tried, not held: this process has no connection on the plan when it asks.)"""
    if sys.platform == "win32":
        return False
    import fcntl

    try:
        fd = os.open(f"{plan}-shm", os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SHM_DMS_BYTE, os.SEEK_SET)
    except OSError:
        return True
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)
    return False


def check_log(plan: Path) -> LogReading:
    """How the plan's log would be recovered. Call only while this process has no
    connection on the plan (`connection.unshared`)."""
    wal = wal_path(plan)
    try:
        if wal.stat().st_size <= _HEADER or in_use_elsewhere(plan):
            return LogReading(0, 0)
        data = wal.read_bytes()
    except OSError:
        return LogReading(0, 0)
    return read_log(data)
