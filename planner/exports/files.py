"""Writing a file out of the plan (an export, a card, a share, a saved image): whole or not
at all, only over a regular file, never over the plan itself, never through a link.

Every writer goes through `write_atomically` (or `stage`, then `place`):

- The data is written and synced under a temporary name beside the target, made with
  O_CREAT|O_EXCL and an unpredictable name, then renamed over the target. A file or a
  link planted where a temporary file would go is never opened (as `.card.html.tmp` was).
- Only a regular file (or nothing) is replaced. A symbolic link, a folder, a socket, a
  device or a pipe at the target is refused and left as it is: a link is not followed,
  since whoever can plant one could make a write land in any file of the user's.
- Except on purpose: with `devices=True` (a file named on the command line with `-o`), a
  character device or a pipe (`/dev/null`, a FIFO), or a link to one, or a link to the
  command's own standard output or error (`/dev/stdout`, whatever that is), is written
  straight through, never replaced.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.errors import InvalidInput
from planner.domain.images import SUFFIXES, clean_filename
from planner.i18n import _

if TYPE_CHECKING:
    from planner.services.images import ImageService

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_EXCLUSIVE = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
) | getattr(os, "O_BINARY", 0)
_THROUGH = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_TRIES = 20  # unpredictable names that happen to exist already, before giving up


def plan_files(plan: Path) -> list[Path]:
    """The plan file and SQLite's companions of it."""
    return [plan, Path(f"{plan}-wal"), Path(f"{plan}-shm")]


# The default plan's file name without its extension (app.PLAN_FILE_NAME): a word that
# names nothing, so such a plan is called "My plan".
DEFAULT_PLAN_STEM = "plan"


def plan_name(plan: Path) -> str:
    """What a plan is called on a card or in an export: its file name without the folder
    (no path of this computer) nor the extension; "My plan" for the default plan's file."""
    if plan.stem == DEFAULT_PLAN_STEM:
        return _("My plan")
    return plan.stem


def write_atomically(
    path: Path, data: bytes, protected: Iterable[Path] = (), *, devices: bool = False
) -> None:
    """Write `data` to `path` so that a reader sees the old file or the new one, never a
    part (see the module's text). `protected` files (the plan) are refused as targets;
    `devices`: the user named `path` on purpose, so a device or pipe is written into."""
    stage(path, data, protected, devices=devices).place()


class Staged:
    """Data ready to take a file's place: written and synced under a temporary name beside
    it (or, for a device or pipe named on purpose, held to be written straight through).
    `place` puts it there; `discard` drops it. Lets a caller put a file in place inside a
    transaction, so that a refused change writes nothing."""

    def __init__(self, path: Path, data: bytes, temp: Path | None, devices: bool) -> None:
        self.path, self.data, self.temp, self.devices = path, data, temp, devices

    def place(self) -> None:
        try:
            if self.temp is None:
                _write_through(self.path, self.data)
                return
            # Checked again just before the rename: what is there now is what is replaced.
            if _stream_to_write(self.path, self.devices) is not None:
                raise InvalidInput(
                    _("{path} has become a device or a pipe; not replaced.").format(path=self.path)
                )
            os.replace(self.temp, self.path)
            self.temp = None
            _sync_folder(self.path.parent)
        except OSError as e:
            raise InvalidInput(_cannot(self.path, e)) from None
        finally:
            self.discard()

    def discard(self) -> None:
        if self.temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.temp)
            self.temp = None


def stage(
    path: Path, data: bytes, protected: Iterable[Path] = (), *, devices: bool = False
) -> Staged:
    """Check `path` can be written and write `data` beside it, not yet in its place."""
    try:
        if _stream_to_write(path, devices) is not None:
            return Staged(path, data, None, devices)
        existing = _lstat(path)
        _refuse_protected(path, existing, protected)
        return Staged(path, data, _temporary_copy(path, data, existing), devices)
    except OSError as e:
        raise InvalidInput(_cannot(path, e)) from None


def _stream_to_write(path: Path, devices: bool) -> os.stat_result | None:
    """The device or pipe to write straight into when `path` is one named on purpose;
    None for a regular file or nothing (replaced by a rename); anything else refused."""
    found = _lstat(path)
    if found is None or stat.S_ISREG(found.st_mode):
        return None
    if stat.S_ISLNK(found.st_mode):
        target = _followed(path) if devices else None
        if target is not None and (_is_stream(target) or _own_output(target) is not None):
            return target
        raise InvalidInput(
            _(
                "{path} is a symbolic link; Planner does not write through links: "
                "give the file it points to."
            ).format(path=path)
        )
    if stat.S_ISDIR(found.st_mode):
        raise InvalidInput(
            _("{path} is a folder; give the name of a file to write.").format(path=path)
        )
    if devices and _is_stream(found):
        return found
    raise InvalidInput(_not_a_regular_file(found).format(path=path))


def _write_through(path: Path, data: bytes) -> None:
    target = _followed(path)
    own = _own_output(target) if target is not None else None
    if own is not None:  # `-o /dev/stdout`: the stream itself, as the shell opened it
        stream = sys.stdout if own == 1 else sys.stderr
        buffer = getattr(stream, "buffer", None)
        if stream is not None and buffer is not None:
            stream.flush()
            buffer.write(data)
            buffer.flush()
            return
    fd = os.open(path, _THROUGH)
    with os.fdopen(fd, "wb") as f:
        # What was opened is checked, not what the name showed a moment ago.
        if not _is_stream(os.fstat(f.fileno())):
            raise InvalidInput(
                _("{path} is no longer a device or a pipe; nothing written.").format(path=path)
            )
        f.write(data)


def _temporary_copy(path: Path, data: bytes, existing: os.stat_result | None) -> Path:
    # A replaced file keeps its permissions; a new one gets the user's usual ones (umask).
    mode = stat.S_IMODE(existing.st_mode) & 0o777 if existing is not None else 0o666
    short = os.fsdecode(os.fsencode(path.name)[:64])  # room for the suffix in 255 bytes
    for _attempt in range(_TRIES):
        temp = path.with_name(f".{short}.{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(temp, _EXCLUSIVE, mode)
        except FileExistsError:
            continue
        try:
            with os.fdopen(fd, "wb") as f:
                if existing is not None and hasattr(os, "fchmod"):
                    os.fchmod(f.fileno(), mode)
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        except BaseException:  # any failure, even an interrupt, leaves no half file behind
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        return temp
    raise FileExistsError(_("no free temporary name beside {path}").format(path=path))


def _refuse_protected(path: Path, found: os.stat_result | None, protected: Iterable[Path]) -> None:
    for own in protected:
        same = os.path.realpath(path) == os.path.realpath(own)
        if not same and found is not None:
            with contextlib.suppress(OSError):
                same = os.path.samestat(found, os.stat(own))
        if same:
            raise InvalidInput(
                _("{path} is the plan file itself; write to another file.").format(path=path)
            )


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None


def _followed(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None


def _is_stream(found: os.stat_result) -> bool:
    return stat.S_ISCHR(found.st_mode) or stat.S_ISFIFO(found.st_mode)


def _own_output(found: os.stat_result) -> int | None:
    """1 or 2 when `found` is the file this process's standard output or error goes to."""
    for fd in (1, 2):
        with contextlib.suppress(OSError):
            if os.path.samestat(found, os.fstat(fd)):
                return fd
    return None


def _not_a_regular_file(found: os.stat_result) -> str:
    mode = found.st_mode
    if stat.S_ISSOCK(mode):
        return _("{path} is a socket, not a regular file; it is left as it is.")
    if stat.S_ISFIFO(mode):
        return _("{path} is a pipe (FIFO), not a regular file; it is left as it is.")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("{path} is a device, not a regular file; it is left as it is.")
    return _("{path} is a special file, not a regular file; it is left as it is.")


def _sync_folder(folder: Path) -> None:
    """The rename itself on disk (a folder cannot be opened on every system: then not)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _cannot(path: Path, error: OSError) -> str:
    return _("Cannot write {path}: {reason}.").format(path=path, reason=error.strerror or error)


# -- a regular file set aside (revoking a share) -----------------------------------------


class SetAside:
    """A regular file moved out of its name (to an unpredictable one beside it), to be
    deleted once the step it belongs to is saved, or put back when that step fails."""

    def __init__(self, path: Path, aside: Path) -> None:
        self.path, self.aside = path, aside

    def put_back(self) -> None:
        os.replace(self.aside, self.path)

    def delete(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.aside)


def set_aside(path: Path) -> SetAside | None:
    """Move the regular file at `path` aside; None when there is no regular file there
    (nothing, a link, a folder, a device: none of them is touched)."""
    found = _lstat(path)
    if found is None or not stat.S_ISREG(found.st_mode):
        return None
    short = os.fsdecode(os.fsencode(path.name)[:64])
    for _attempt in range(_TRIES):
        aside = path.with_name(f".{short}.{secrets.token_hex(6)}.revoked")
        try:
            # A placeholder of our own, then replaced: the name cannot be anyone else's.
            os.close(os.open(aside, _EXCLUSIVE, 0o600))
        except FileExistsError:
            continue
        try:
            os.replace(path, aside)
        except BaseException:  # any failure, even an interrupt: the placeholder goes
            with contextlib.suppress(OSError):
                os.unlink(aside)
            raise
        return SetAside(path, aside)
    raise FileExistsError(_("no free name beside {path}").format(path=path))


# -- images ---------------------------------------------------------------------------


def save_image(
    images: ImageService,
    image_id: int,
    path: Path,
    protected: Iterable[Path] = (),
    *,
    devices: bool = False,
) -> Path:
    """Write an image's bytes, as they were added, to a file (or into a folder under its
    own name); returns the file written."""
    data = images.data(image_id)
    try:
        into_folder = path.is_dir()
    except OSError as e:
        raise InvalidInput(_cannot(path, e)) from None
    if into_folder:
        path = path / image_file_name(images, image_id)
    write_atomically(path, data, protected, devices=devices)
    return path


def image_file_name(images: ImageService, image_id: int) -> str:
    """An image's stored name as a file name: one plain name, never a path (a plan from
    elsewhere may hold `../../.bashrc`)."""
    info = images.image(image_id)
    name = clean_filename(info.filename, info.format)
    return name if name not in (".", "..") else "image" + SUFFIXES.get(info.format, "")
