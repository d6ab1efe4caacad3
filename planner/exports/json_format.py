"""The Planner JSON format: complete export of a plan or one item, and its import.

Whole plan: {"format": "planner", "version": 4, "exported_at", "currency",
              "people": [PERSON, ...], "groups": [GROUP, ...]}
One item:   {"format": "planner", "version": 4, "exported_at", "currency",
              "people": [PERSON, ...], "item": ITEM}
PERSON = {"name", "email", "note"}   (a whole plan: everyone; one item: those assigned in it)
GROUP = {"id", "name", "status", "created", "deleted_at", "items": [ITEM, ...]}
ITEM  = {"id", "title", "notes", "status", "created", "due", "done_at", "deleted_at",
         "priority", "calc_on", "assignee": NAME|null, "why", "examples",
         "metric": METRIC|null, "checkins": [CHECKIN, ...], "journal": [ENTRY, ...],
         "lines": [LINE, ...], "children": [ITEM, ...]}
         (children: every status, in order)
LINE  = {"description", "quantity", "unit", "unit_price", "kind": "expense"|"income",
         "amount"}   (numbers as exact decimal strings, "12.5"; amount is for reading only)
An item with images also has "images": [IMAGE, ...] (in order; absent when it has none):
IMAGE = {"filename", "format", "width", "height", "size", "data": the file in base64}
         (on import only filename and data count: the rest is read from the data, checked)
METRIC = {"name", "unit", "baseline", "target", "stretch"|null,
          "direction": "increase"|"decrease"|"at_most"|"at_least", "current"|null}
CHECKIN = {"date", "value"}    ENTRY = {"date", "text", "created"}   (newest first)

Version 4 adds, on an item that has them: "repeat", "occurrences", "habit", "ticks",
"reminders" (see schedule_format). Versions 1 (no calculation), 2 (no people, metrics,
journal) and 3 (no repeating, habits, reminders) are still read. People are
matched by name (without regard to case) on import: a name the plan does not know yet
becomes a new person.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from planner.domain import people as pp
from planner.domain.costs import CostLine, LineKind, NewLine, clean_line_fields
from planner.domain.errors import InvalidInput, PlannerError, excerpt
from planner.domain.images import NewImage, StoredImage
from planner.domain.items import ItemRecord, Kind, Priority, Status
from planner.domain.money import check_amount, clean_currency, decimal_text
from planner.domain.new_node import NewNode
from planner.domain.validation import clean_notes, clean_title, parse_moment
from planner.exports.goal_format import GoalData, people_of, read_goal_fields
from planner.exports.json_text import from_json, to_json
from planner.exports.schedule_format import ScheduleData, read_schedule_fields
from planner.i18n import _
from planner.services.costs import CostService
from planner.services.image_codec import prepare_image
from planner.services.plan import PlanService

FORMAT = "planner"
VERSION = 4


def _iso(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


def item_dict(record: ItemRecord) -> dict[str, Any]:
    """One item's own fields, as exported (without children)."""
    return {
        "id": record.id,
        "title": record.title,
        "notes": record.notes,
        "status": record.status.value,
        "created": _iso(record.created),
        "due": _iso(record.due),
        "done_at": _iso(record.done_at),
        "deleted_at": _iso(record.deleted_at),
        "priority": record.priority.name.lower(),
        "calc_on": record.calc_on,
    }


def line_dict(line: CostLine) -> dict[str, Any]:
    """One cost line, its numbers as exact decimal strings."""
    return {
        "id": line.id,
        "description": line.description,
        "quantity": decimal_text(line.quantity),
        "unit": line.unit,
        "unit_price": decimal_text(line.unit_price),
        "kind": line.kind.value,
        "amount": decimal_text(line.amount),
    }


def group_dict(record: ItemRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "name": record.title,
        "status": record.status.value,
        "created": _iso(record.created),
        "deleted_at": _iso(record.deleted_at),
    }


def _nest(
    records: list[ItemRecord],
    lines: list[CostLine],
    extras: GoalData | None = None,
    schedules: ScheduleData | None = None,
) -> dict[int, dict[str, Any]]:
    """Dicts for every record, children lists filled in sibling order (no recursion)."""
    lines_of: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for line in lines:
        lines_of[line.item_id].append(line_dict(line))
    extras = extras or GoalData()
    schedules = schedules or ScheduleData()
    by_parent: dict[int | None, list[ItemRecord]] = defaultdict(list)
    for r in sorted(records, key=lambda r: (r.position, r.id)):
        by_parent[r.parent_id].append(r)
    out: dict[int, dict[str, Any]] = {}
    for r in records:
        if r.is_group:
            out[r.id] = group_dict(r)
        else:
            out[r.id] = (
                item_dict(r)
                | extras.item_part(r)
                | {"lines": lines_of[r.id]}
                | schedules.item_part(r.id)
            )
    for r in records:
        key = "items" if r.is_group else "children"
        out[r.id][key] = [out[c.id] for c in by_parent.get(r.id, [])]
    return out


def image_dict(image: NewImage) -> dict[str, Any]:
    return {
        "filename": image.filename,
        "format": image.format,
        "width": image.width,
        "height": image.height,
        "size": image.size,
        "data": base64.b64encode(image.data).decode("ascii"),
    }


def _with_images(
    nested: dict[int, dict[str, Any]], images: list[StoredImage]
) -> dict[int, dict[str, Any]]:
    """An "images" list on each item that has images (none on the others)."""
    for stored in images:
        nested[stored.item_id].setdefault("images", []).append(image_dict(stored.image))
    return nested


def export_document(service: PlanService, item_id: int | None = None) -> dict[str, Any]:
    costs = CostService(service.store)
    head: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _iso(service.clock()),
        "currency": costs.currency(),
    }
    with service.store.read() as unit:
        if item_id is None:
            records = unit.all_items()
            lines = unit.all_lines()
        else:
            unit.require(item_id)
            records = unit.subtree(item_id)
            lines = unit.lines(r.id for r in records)
        images = unit.stored_images(r.id for r in records)
        extras = GoalData.read(unit, records, whole=item_id is None)
        schedules = ScheduleData.read(unit, records, whole=item_id is None)
    head["people"] = extras.people_list()
    if item_id is None:
        groups = sorted((r for r in records if r.is_group), key=lambda r: (r.position, r.id))
        nested = _with_images(_nest(records, lines, extras, schedules), images)
        return head | {"groups": [nested[g.id] for g in groups]}
    nested = _with_images(_nest(records, lines, extras, schedules), images)
    if records[0].is_group:
        return head | {"groups": [nested[item_id]]}
    return head | {"item": nested[item_id]}


def dumps(document: dict[str, Any]) -> str:
    return to_json(document) + "\n"


# -- import ----------------------------------------------------------------------------


def read(text: str) -> tuple[str, list[NewNode], str | None, list[pp.Person]]:
    """(kind, nodes, currency, people) of a Planner JSON document, read once: see loads."""
    data = _document(text)
    kind, nodes = _nodes(data)
    return kind, nodes, _currency(data), people_of(data)


def loads(text: str) -> tuple[str, list[NewNode]]:
    """Parse a Planner JSON document: ('groups', groups) or ('item', [item]). Anything
    malformed raises InvalidInput naming where."""
    return _nodes(_document(text))


def _currency(data: Any) -> str | None:
    code = data.get("currency") if isinstance(data, dict) else None
    if code is None:
        return None
    if not isinstance(code, str):
        raise InvalidInput(_("currency: expected a currency code such as EUR."))
    return clean_currency(code)


def _document(text: str) -> dict[str, Any]:
    """The document's top object, of a format and version this Planner reads."""
    try:
        data = from_json(text)
    except json.JSONDecodeError as e:
        reason = e.msg.removesuffix(" at")  # "... starting at" comes before "at line"
        raise InvalidInput(
            _("Not valid JSON: {reason} at line {line}, column {column}.").format(
                reason=_(reason), line=e.lineno, column=e.colno
            )
        ) from None
    except ValueError as e:  # a number too long to convert, ...
        raise InvalidInput(_("Not valid JSON: {reason}.").format(reason=e)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput(_('This is not a Planner JSON export (no "format": "planner").'))
    version = data.get("version")
    if type(version) is not int or not 1 <= version <= VERSION:
        raise InvalidInput(
            _("This export is version {version}; this Planner reads versions 1 to {last}.").format(
                version=excerpt(repr(version)), last=VERSION
            )
        )
    return data


def _nodes(data: dict[str, Any]) -> tuple[str, list[NewNode]]:
    if "groups" in data:
        groups = _list(data["groups"], "groups")
        return "groups", [_node(g, f"groups[{i}]", group=True) for i, g in enumerate(groups)]
    if "item" in data:
        return "item", [_node(data["item"], "item", group=False)]
    raise InvalidInput(_('The export has neither "groups" nor "item".'))


def _node(data: Any, where: str, group: bool) -> NewNode:
    """Convert one dict and everything below it, iteratively."""
    root = _fields(data, where, group)
    stack = [(root, data, where, group)]
    while stack:
        node, raw, path, is_group = stack.pop()
        key = "items" if is_group else "children"
        for i, child in enumerate(_list(raw.get(key, []), f"{path}.{key}")):
            child_path = f"{path}.{key}[{i}]"
            child_node = _fields(child, child_path, False)
            node.children.append(child_node)
            stack.append((child_node, child, child_path, False))
    return root


def _fields(data: Any, where: str, group: bool) -> NewNode:
    if not isinstance(data, dict):
        raise InvalidInput(_not_an_object(where))
    title = data.get("name" if group else "title")
    if not isinstance(title, str):
        raise InvalidInput(
            # TRANSLATORS: {key} is a key of the file ("name", "title"): keep it as it is.
            _("{where}: {key} must be text.").format(where=where, key="name" if group else "title")
        )
    notes = data.get("notes", "") or ""
    if not isinstance(notes, str):
        raise InvalidInput(_("{where}: notes must be text.").format(where=where))
    try:
        title, notes = clean_title(title), clean_notes(notes)
    except InvalidInput as e:
        raise InvalidInput(f"{where}: {e}") from None
    try:
        status = Status(data.get("status", "active"))
    except ValueError:
        raise InvalidInput(
            _("{where}: unknown status {value}.").format(
                where=where, value=excerpt(repr(data.get("status")))
            )
        ) from None
    if group and status is Status.DONE:
        raise InvalidInput(_("{where}: a group cannot be done.").format(where=where))
    try:
        priority = Priority[str(data.get("priority", "none")).upper()]
    except KeyError:
        raise InvalidInput(
            _("{where}: unknown priority {value}.").format(
                where=where, value=excerpt(repr(data.get("priority")))
            )
        ) from None
    node = NewNode(
        title=title,
        kind=Kind.GROUP if group else Kind.ITEM,
        notes=notes,
        status=status,
        created=_datetime(data.get("created"), where, "created"),
        due=_date(data.get("due"), where),
        priority=priority,
        done_at=_datetime(data.get("done_at"), where, "done_at"),
        deleted_at=_datetime(data.get("deleted_at"), where, "deleted_at"),
    )
    # The dates must agree with the status, as they do in a plan: an active item has
    # neither, a done one its done date, a deleted one its deleted date (and its done date
    # if it was done, so that restoring it puts it back in Done).
    if status is Status.ACTIVE:
        node.done_at = node.deleted_at = None
    if status is Status.DONE:
        node.deleted_at = None
        if node.done_at is None:
            node.done_at = node.created
    if status is Status.DELETED and node.deleted_at is None:
        node.deleted_at = node.created
    if not group:
        calc_on = data.get("calc_on", False)
        if not isinstance(calc_on, bool):
            raise InvalidInput(_("{where}: calc_on must be true or false.").format(where=where))
        node.calc_on = calc_on
        lines = _list(data.get("lines", []), f"{where}.lines")
        node.lines = [_line(line, f"{where}.lines[{i}]") for i, line in enumerate(lines)]
        images = _list(data.get("images", []), f"{where}.images")
        node.images = [_image(image, f"{where}.images[{i}]") for i, image in enumerate(images)]
        read_goal_fields(node, data, where)
        read_schedule_fields(node, data, where)
    return node


def _image(data: Any, where: str) -> NewImage:
    """An exported image, checked like a file added by hand (format, size, decoding)."""
    if not isinstance(data, dict):
        raise InvalidInput(_not_an_object(where))
    filename, encoded = data.get("filename", ""), data.get("data")
    if not isinstance(filename, str) or not isinstance(encoded, str):
        raise InvalidInput(
            _("{where}: an image needs a filename and its data in base64.").format(where=where)
        )
    if not _is_plain_file_name(filename):
        # Saving an image into a folder writes it under its name: never a path.
        raise InvalidInput(
            _("{where}: the image name {name} is not a plain file name.").format(
                where=where, name=excerpt(repr(filename))
            )
        )
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidInput(
            _("{where}: the data of {name} is not valid base64.").format(
                where=where, name=excerpt(repr(filename))
            )
        ) from None
    try:
        return prepare_image(filename, raw)
    except PlannerError as e:
        raise InvalidInput(f"{where}: {e}") from None


def _is_plain_file_name(name: str) -> bool:
    """A name with something visible in it, no folder separator nor control character, and
    neither "." nor ".."."""
    return (
        name.strip() not in ("", ".", "..")
        and not any(c in name for c in "/\\")
        and name.isprintable()
    )


def _line(data: Any, where: str) -> NewLine:
    if not isinstance(data, dict):
        raise InvalidInput(_not_an_object(where))
    fields: dict[str, Any] = {
        "description": data.get("description"),
        "unit": data.get("unit", "") or "",
        "kind": data.get("kind", LineKind.EXPENSE.value),
    }
    for name in ("quantity", "unit_price"):
        value = data.get(name)
        # Text or a whole number: a JSON fraction would have passed through a binary float.
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise InvalidInput(
                # TRANSLATORS: {key} is a key of the file ("quantity"): keep it as it is.
                _("{where}: {key} must be a decimal number written as text.").format(
                    where=where, key=name
                )
            )
        try:
            fields[name] = Decimal(str(value).strip())
        except InvalidOperation:
            raise InvalidInput(
                _("{where}: {key} {value} is not a number.").format(
                    where=where, key=name, value=excerpt(repr(value))
                )
            ) from None
    try:
        clean = clean_line_fields(fields)
        check_amount(clean["quantity"], clean["unit_price"])
    except InvalidInput as e:
        raise InvalidInput(f"{where}: {e}") from None
    return NewLine(
        clean["description"], clean["quantity"], clean["unit_price"], clean["unit"], clean["kind"]
    )


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidInput(_("{where}: expected a list.").format(where=where))
    return value


def _not_an_object(where: str) -> str:
    return _("{where}: expected an object.").format(where=where)


def _date(value: Any, where: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InvalidInput(
            _("{where}: due {value} is not a date (YYYY-MM-DD).").format(
                where=where, value=excerpt(repr(value))
            )
        ) from None


def _datetime(value: Any, where: str, name: str) -> datetime | None:
    return None if value is None else parse_moment(value, f"{where}: {name}")
