"""Every exchange format in one place: export a plan or an item to bytes, and read an
import file (JSON, OPML, Markdown) into new nodes, all or nothing."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from planner import formats
from planner.domain.errors import InvalidInput
from planner.domain.new_node import NewNode
from planner.domain.people import Person
from planner.exports import json_format
from planner.exports.files import plan_files
from planner.exports.outline import build_outline
from planner.i18n import N_, _
from planner.services.plan import PlanService

EXPORT_FORMATS = ("json", "opml", "md", "csv", "ics")
IMPORT_FORMATS = ("json", "opml", "md")
SUFFIXES = {"json": ".json", "opml": ".opml", "md": ".md", "csv": ".csv", "ics": ".ics"}
# Marked here, translated where shown.
DESCRIPTIONS = {
    "json": N_("Planner JSON (complete)"),
    "opml": N_("OPML outline"),
    "md": N_("Markdown checklist"),
    "csv": N_("CSV table"),
    "ics": N_("iCalendar to-dos"),
}
_BY_SUFFIX = {".json": "json", ".opml": "opml", ".xml": "opml", ".md": "md", ".markdown": "md"}
_BY_SUFFIX |= {".txt": "md"}
# The biggest import file read: four times the JSON export of the 100,000-item benchmark
# plan with its cost lines (124 MB), and a bound on the memory a wrong file can take.
IMPORT_MAX_BYTES = 512 * 1024 * 1024

Document = tuple[str, list[NewNode], str | None, list[Person]]


def export_bytes(service: PlanService, fmt: str, item_id: int | None, plan_name: str) -> bytes:
    """The plan (or one item and its subtree) in an exchange format, as file contents."""
    # The formats' libraries (icalendar, defusedxml) load when a file is written or read,
    # not when the window starts.
    from planner.exports import csv_format, ics_format, markdown_format, opml_format

    if fmt == "json":
        return json_format.dumps(json_format.export_document(service, item_id)).encode("utf-8")
    outline = build_outline(service, item_id)
    if fmt == "opml":
        return opml_format.dumps(outline, plan_name, service.clock()).encode("utf-8")
    if fmt == "md":
        return markdown_format.dumps(outline, plan_name if item_id is None else None).encode()
    if fmt == "csv":
        return csv_format.dumps(outline).encode("utf-8")
    if fmt == "ics":
        from planner.exports.outline import walk
        from planner.exports.schedule_format import ScheduleData

        with service.store.read() as unit:
            records = [node.record for node, _depth in walk(outline.roots)]
            schedules = ScheduleData.read(unit, records, whole=item_id is None)
        return ics_format.dumps(outline, plan_name, service.clock(), "planner", schedules)
    raise InvalidInput(
        _("Unknown export format {format}; use one of {formats}.").format(
            format=repr(fmt), formats=", ".join(EXPORT_FORMATS)
        )
    )


def guess_format(name: str, data: bytes) -> str:
    """The import format of a file: by its name's suffix, else by its first character."""
    by_name = _BY_SUFFIX.get(Path(name).suffix.lower())
    if by_name:
        return by_name
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return {b"{": "json", b"<": "opml"}.get(head, "md")


def read_import(path: Path, fmt: str | None, plan: Path | None = None) -> Document:
    """An import file read and parsed (see read_document), for the command line and the
    window alike. Only a regular file of at most IMPORT_MAX_BYTES is read: a pipe would
    wait for ever, a device might never end. `plan`, the open plan, is refused unopened:
    closing a descriptor of it would drop SQLite's locks on it."""
    data = _read_regular_file(path, plan)
    fmt = fmt or guess_format(path.name, data)
    try:
        return read_document(data, fmt)
    except InvalidInput as e:
        raise InvalidInput(f"{shown_path(path.name)}: {e}") from None


def shown_path(path: Path | str) -> str:
    """A file name as typed, on one line: bytes that are not UTF-8 as \\xff, control and
    direction characters escaped."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _read_regular_file(path: Path, plan: Path | None) -> bytes:
    shown = shown_path(path)
    try:
        _check_regular(path.stat(), shown, plan)
        # Not blocking: a pipe put in the file's place since is opened, not waited on.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as file:
            _check_regular(os.fstat(fd), shown, None)
            data = file.read(IMPORT_MAX_BYTES + 1)
    except OSError as e:
        raise InvalidInput(
            _("Cannot read {path}: {reason}.").format(path=shown, reason=e.strerror or e)
        ) from None
    if len(data) > IMPORT_MAX_BYTES:
        raise _too_big(shown)
    return data


def _check_regular(info: os.stat_result, shown: str, plan: Path | None) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InvalidInput(_("{path} is a folder, not a file to import.").format(path=shown))
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInput(_not_a_regular_file(info.st_mode).format(path=shown))
    if info.st_size > IMPORT_MAX_BYTES:
        raise _too_big(shown)
    if plan is not None and any(_same_file(info, own) for own in plan_files(plan)):
        raise InvalidInput(
            _("{path} is the plan itself; import reads an export file.").format(path=shown)
        )


def _not_a_regular_file(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return _("{path} is a pipe, not a regular file: import reads files only.")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("{path} is a device, not a regular file: import reads files only.")
    if stat.S_ISSOCK(mode):
        return _("{path} is a socket, not a regular file: import reads files only.")
    return _("{path} is a special file, not a regular file: import reads files only.")


def _same_file(info: os.stat_result, other: Path) -> bool:
    try:
        return os.path.samestat(info, other.stat())
    except OSError:
        return False


def _too_big(shown: str) -> InvalidInput:
    most = IMPORT_MAX_BYTES // (1024 * 1024)
    return InvalidInput(
        _("{path} is larger than {size} MB, the most Planner imports.").format(
            path=shown, size=formats.number(most)
        )
    )


def read_document(data: bytes, fmt: str) -> Document:
    """(kind, nodes, currency, people) of an import file: kind 'groups' (a whole plan) or
    'item' (items to put in a group or under an item). InvalidInput, naming the line, for
    anything the file gets wrong; nothing is half read."""
    from planner.exports import markdown_format, opml_format

    if fmt == "opml":
        kind, nodes = opml_format.loads(data)
        return kind, nodes, None, []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(_("the file is not a text file in UTF-8.")) from None
    if fmt == "json":
        return json_format.read(text)
    if fmt == "md":
        kind, nodes = markdown_format.loads(text)
        return kind, nodes, None, []
    raise InvalidInput(
        _("Cannot import {format}; use one of {formats}.").format(
            format=repr(fmt), formats=", ".join(IMPORT_FORMATS)
        )
    )
