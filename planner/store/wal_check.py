"""Reading a plan's write-ahead log as SQLite's recovery would, to find commits it would drop.

When no process has a plan open, SQLite rebuilds the log's index from the log file
itself: it reads frames while their checksums hold and silently ignores everything from
the first bad frame on, so commits written after a damaged frame are lost without a word
(and the next checkpoint deletes them for good). Two things tell such a loss from the
harmless cut-off tail of a write that never finished:

- the index the writers left behind (the -shm file) records the last frame that was
  committed; a commit there that recovery would not reach was acknowledged, then damaged;
- a frame that fails its checksum, followed by frames that still check out against the
  chain and end in a commit, is damage in the middle of the log.

Damage to the very last commit of a log whose index is gone cannot be told from a write
cut off by a crash, and is not reported.

The formats are SQLite's (https://www.sqlite.org/fileformat2.html#walformat and
https://www.sqlite.org/walformat.html): a 32-byte log header, then frames of a 24-byte
header and one page, with checksums cumulative over the header and each frame in the byte
order the magic number gives; the index starts with two equal copies of a 48-byte header.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import struct
import sys
from collections.abc import Iterator
from pathlib import Path

_MAGIC = (0x377F0682, 0x377F0683)  # little- and big-endian checksums
_VERSION = 3007000
_HEADER = 32
_FRAME_HEADER = 24
_INDEX_HEADER = 48
_MASK = 0xFFFFFFFF
_SHM_DMS_BYTE = 128  # the lock every process using the log's index holds


@dataclasses.dataclass(frozen=True, slots=True)
class LogReading:
    """What SQLite's recovery would make of a log: the commits it keeps, and the commits
    it would drop although they were made."""

    kept: int
    lost: int
    log: bytes = dataclasses.field(default=b"", repr=False)  # as read, to keep a copy of

    @property
    def damaged(self) -> bool:
        return self.lost > 0


def _checksum(data: bytes, order: str, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack(f"{order}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & _MASK
        s1 = (s1 + words[i + 1] + s0) & _MASK
    return s0, s1


def read_log(log: bytes, index: bytes = b"") -> LogReading:
    """The commits of a log's bytes that recovery keeps, and those it would lose; `index`:
    the start of the log's -shm file, when there is one."""
    if len(log) < _HEADER:
        return LogReading(0, 0)
    magic, version, page_size, _seq, salt1, salt2, c0, c1 = struct.unpack(">8I", log[:_HEADER])
    if magic not in _MAGIC or version != _VERSION or page_size < 512 or page_size & (page_size - 1):
        return LogReading(0, 0)  # not a log SQLite would read at all: nothing in it counts
    order = ">" if magic & 1 else "<"
    frame = _FRAME_HEADER + page_size
    committed = _committed_frames(index, log[16:24])
    # The checksums a frame may continue from: the one stored before it, and after a bad
    # frame also the one computed over it (the damage may be in the stored checksum).
    chains = {(c0, c1)}
    valid = _checksum(log[:24], order, 0, 0) == (c0, c1)  # still in what recovery reads
    kept = lost = pending = 0
    whole = range(_HEADER, len(log) - frame + 1, frame)
    for number, offset in enumerate(whole, 1):
        head = log[offset : offset + _FRAME_HEADER]
        page_no, commit_size, s1, s2, f0, f1 = struct.unpack(">6I", head)
        ours = (s1, s2) == (salt1, salt2) and page_no != 0  # not an older generation's
        computed = set()
        if ours:
            page = log[offset + _FRAME_HEADER : offset + frame]
            computed = {_checksum(page, order, *_checksum(head[:8], order, *c)) for c in chains}
        good = (f0, f1) in computed
        valid = valid and good
        if commit_size:
            if valid:
                kept += 1
            elif good or number <= committed:  # checks out past the damage, or indexed
                lost += 1
            elif ours:
                pending += 1  # damaged itself: lost if a good frame comes after it
        if good and not valid:
            lost, pending = lost + pending, 0
        chains = {(f0, f1)} if good else {(f0, f1), *sorted(computed)[:2]}  # a few at most
    if committed > len(whole):
        lost += 1  # at least: the index knows a commit the file was cut before
    return LogReading(kept, lost, log if lost else b"")


def _committed_frames(index: bytes, salts: bytes) -> int:
    """The last committed frame the log's index records, if the index is sound and is
    the index of this generation of the log (its salts); else 0."""
    if len(index) < 2 * _INDEX_HEADER or index[:_INDEX_HEADER] != index[_INDEX_HEADER:96]:
        return 0
    header = index[:_INDEX_HEADER]
    version, _unused, _change, is_init, _big_endian, _page, max_frame = struct.unpack(
        "=IIIBBHI", header[:20]
    )
    (k0, k1) = struct.unpack("=2I", header[40:48])
    native = "<" if sys.byteorder == "little" else ">"
    if version != _VERSION or not is_init or header[32:40] != salts:
        return 0
    if _checksum(header[:40], native, 0, 0) != (k0, k1):
        return 0
    return int(max_frame)


@contextlib.contextmanager
def log_held(plan: Path, create: bool = True) -> Iterator[int | None]:
    """Hold the lock every process using the plan's log holds (shared) on its index, and
    that SQLite's recovery holds alone: while it is held here, no process starts or stops
    using the log (SQLite retries until it is let go), so the log stays as it is read.
    Yields the index's descriptor (-1 where it cannot be opened for writing, the place is
    then read-only), or None when another process is using the log: SQLite then keeps
    using the index it built and never re-reads the log, so nothing in it can be dropped
    now. Only while this process has no connection on the plan: closing a descriptor of
    the index drops every lock of the process on it (see `connection`)."""
    if sys.platform == "win32":
        yield -1
        return
    import fcntl

    # The index file as SQLite makes it (`create`: when there is a log it will index):
    # never removed here, another process may be using it.
    flags = os.O_RDWR | (os.O_CREAT if create else 0)
    try:
        fd = os.open(f"{plan}-shm", flags, plan.stat().st_mode & 0o666)
    except OSError:  # none (nobody is using a log), or a place that cannot be written
        yield -1
        return
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SHM_DMS_BYTE, os.SEEK_SET)
        except OSError:
            yield None
            return
        yield fd
    finally:
        os.close(fd)  # lets the lock go


def read_held_log(plan: Path, index_fd: int) -> LogReading:
    """How the plan's log would be recovered, read while `log_held` holds the lock
    (`index_fd`: what it gave), so no other process starts or stops using the log."""
    try:
        log = Path(f"{plan}-wal").read_bytes()
    except OSError:
        return LogReading(0, 0)
    if len(log) <= _HEADER:
        return LogReading(0, 0)
    index = b""
    with contextlib.suppress(OSError):  # through the held descriptor, never another
        index = os.pread(index_fd, 2 * _INDEX_HEADER, 0) if index_fd >= 0 else b""
    return read_log(log, index)
