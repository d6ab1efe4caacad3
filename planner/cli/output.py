"""The command line's standard output and error, and what losing them means for the exit
status: 0 means done, 1 means nothing changed.

Both streams are written through guards that keep the first failure (a full disk, a pipe
whose reader left, a stream that was closed) and drop what follows, instead of raising in
the middle of a command, perhaps after its change was saved. At the end:

- a command whose only job is its output (`list`, `show`, `agenda`, `export`, `check`,
  `shares`, `search`, `X list`, `currency` without a code) exits 1 when that output was
  lost;
- any other command did its work: it exits 0, with a warning that its output (the new
  id, say) could not be written;
- standard error lost is nobody's to report: it changes nothing.

A closed standard stream is opened on the null device first, so that no file the
command opens (a card, a temporary file) takes its number and receives its text.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
import os
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from planner.i18n import _

OUTPUT_ONLY = {
    "list", "show", "export", "check", "shares", "reminders", "habits", "agenda", "search",
}  # fmt: skip


def only_output(args: argparse.Namespace) -> bool:
    """Whether the command's only job is to print (nothing is changed by it)."""
    command = getattr(args, "command", None)
    if command in OUTPUT_ONLY:
        return True
    if command == "currency":
        return getattr(args, "code", None) is None
    if command == "workdays":  # without a setting to change, it shows the setting
        return all(getattr(args, k, None) is None for k in ("state", "country", "week"))
    return getattr(args, f"{command}_command", None) == "list"  # `backup list`, ...


class _Guard(io.RawIOBase):
    """Writes to a standard file descriptor and never raises: the first failure is kept
    (`lost`), and whatever is written after it is dropped (`dropped`)."""

    def __init__(self, fd: int, closed: bool) -> None:
        super().__init__()
        self.fd = fd
        self.lost: OSError | None = OSError(errno.EBADF, _("it is closed")) if closed else None
        self.dropped = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        return self.lost is None and os.isatty(self.fd)

    def write(self, data: Any) -> int:
        size = len(memoryview(data))
        if size and self.lost is None:
            try:
                return os.write(self.fd, data)
            except OSError as e:
                self.lost = e
        self.dropped = self.dropped or size > 0
        return size


class Output:
    """The guarded streams of one command-line run (see the module's text)."""

    def __init__(self) -> None:
        self.saved = sys.stdout, sys.stderr
        closed = _open_closed_descriptors()
        self.out = _guard("stdout", 1, closed)
        self.err = _guard("stderr", 2, closed)

    def release(self) -> None:
        """Back to the streams as they were (before the window opens, and at the end)."""
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):  # closed, broken, unencodable
                if stream is not None:
                    stream.flush()
        sys.stdout, sys.stderr = self.saved

    def finish(self, status: int, only_output: bool) -> int:
        """The exit status once the output is out: see the module's text."""
        with contextlib.suppress(OSError, ValueError):  # what is lost is told below
            if sys.stdout is not None:
                sys.stdout.flush()
        guard = self.out
        if guard is None or not guard.dropped or guard.lost is None or status != 0:
            return status
        reason = guard.lost.strerror or str(guard.lost)
        if not only_output:
            warn(
                _("warning: the output could not be written ({reason}); the change is saved.")
                .format(reason=reason)
            )  # fmt: skip
            return 0
        if guard.lost.errno != errno.EPIPE:  # a reader that went away (`| head`) knows
            warn(_("Cannot write to standard output: {reason}.").format(reason=reason))
        return 1


def fail(message: str) -> int:
    """One line on standard error for a refused command; its exit status (1)."""
    warn(message)
    return 1


def warn(message: str) -> None:
    print(f"planner: {message}", file=sys.stderr)  # not-ui: the program's name


def labelled(rows: Iterable[tuple[str, str]], labels: Iterable[str] = ()) -> list[str]:
    """Label-and-value lines ("Status:    Active"), the values lined up one column past the
    widest label (of the rows and of `labels`, the others that may be shown with them),
    counted as a terminal shows it (a Chinese character takes two columns). Rows without a
    value are left out."""
    kept = [(label, value) for label, value in rows if value]
    width = max((shown_width(x) for x in [*labels, *(label for label, _v in kept)]), default=0)
    return [label + " " * (width + 1 - shown_width(label)) + value for label, value in kept]


def shown_width(text: str) -> int:
    """The columns a terminal gives `text`: two for wide (CJK) characters."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@contextlib.contextmanager
def guarded() -> Iterator[Output]:
    output = Output()
    try:
        yield output
    finally:
        output.release()


def _guard(name: str, fd: int, closed: set[int]) -> _Guard | None:
    """Put a guard under sys.stdout or sys.stderr when it is the process's own stream (not
    one a caller put in place, such as a test's capture)."""
    stream: TextIO | None = getattr(sys, name)
    if stream is not None:
        try:
            if not isinstance(stream, io.TextIOWrapper) or stream.fileno() != fd:
                return None
            stream.flush()
        except (OSError, ValueError):
            pass  # already broken: the guard takes over from here
    guard = _Guard(fd, closed=stream is None or fd in closed)
    wrapper = io.TextIOWrapper(
        io.BufferedWriter(guard),
        encoding=getattr(stream, "encoding", None) or "utf-8",
        errors="backslashreplace",  # a title the terminal cannot show is escaped
        line_buffering=fd == 2 or bool(getattr(stream, "line_buffering", False)),
    )
    setattr(sys, name, wrapper)
    return guard


def _open_closed_descriptors() -> set[int]:
    closed = set()
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            closed.add(fd)
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    return closed
