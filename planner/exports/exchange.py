"""Every exchange format in one place: export a plan or an item to bytes, and read an
import file (JSON, OPML, Markdown) into new nodes, all or nothing."""

from __future__ import annotations

from pathlib import Path

from planner.domain.errors import InvalidInput
from planner.domain.new_node import NewNode
from planner.domain.people import Person
from planner.exports import json_format
from planner.exports.outline import build_outline
from planner.services.plan import PlanService

EXPORT_FORMATS = ("json", "opml", "md", "csv", "ics")
IMPORT_FORMATS = ("json", "opml", "md")
SUFFIXES = {"json": ".json", "opml": ".opml", "md": ".md", "csv": ".csv", "ics": ".ics"}
DESCRIPTIONS = {
    "json": "Planner JSON (complete)",
    "opml": "OPML outline",
    "md": "Markdown checklist",
    "csv": "CSV table",
    "ics": "iCalendar to-dos",
}
_BY_SUFFIX = {".json": "json", ".opml": "opml", ".xml": "opml", ".md": "md", ".markdown": "md"}
_BY_SUFFIX |= {".txt": "md"}


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
        return ics_format.dumps(outline, plan_name, service.clock(), "planner")
    raise InvalidInput(f"Unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}.")


def guess_format(name: str, data: bytes) -> str:
    """The import format of a file: by its name's suffix, else by its first character."""
    by_name = _BY_SUFFIX.get(Path(name).suffix.lower())
    if by_name:
        return by_name
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return {b"{": "json", b"<": "opml"}.get(head, "md")


def read_document(
    data: bytes, fmt: str, name: str = "the file"
) -> tuple[str, list[NewNode], str | None, list[Person]]:
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
        raise InvalidInput(f"{name} is not a text file in UTF-8.") from None
    if fmt == "json":
        kind, nodes = json_format.loads(text)
        currency = json_format.document_currency(text)
        return kind, nodes, currency, json_format.document_people(text)
    if fmt == "md":
        kind, nodes = markdown_format.loads(text)
        return kind, nodes, None, []
    raise InvalidInput(f"Cannot import {fmt!r}; use one of {', '.join(IMPORT_FORMATS)}.")
