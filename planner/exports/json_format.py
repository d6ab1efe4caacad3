"""The Planner JSON format: complete export of a plan or one item, and its import.

Whole plan: {"format": "planner", "version": 1, "exported_at", "groups": [GROUP, ...]}
One item:   {"format": "planner", "version": 1, "exported_at", "item": ITEM}
GROUP = {"id", "name", "status", "created", "deleted_at", "items": [ITEM, ...]}
ITEM  = {"id", "title", "notes", "status", "created", "due", "done_at", "deleted_at",
         "priority", "children": [ITEM, ...]}   (children: every status, in order)
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime
from typing import Any

from planner.domain.errors import InvalidInput
from planner.domain.items import ItemRecord, Kind, NewNode, Priority, Status
from planner.services.plan import PlanService

FORMAT = "planner"
VERSION = 1


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
    }


def group_dict(record: ItemRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "name": record.title,
        "status": record.status.value,
        "created": _iso(record.created),
        "deleted_at": _iso(record.deleted_at),
    }


def _nest(records: list[ItemRecord]) -> dict[int, dict[str, Any]]:
    """Dicts for every record, children lists filled in sibling order (no recursion)."""
    by_parent: dict[int | None, list[ItemRecord]] = defaultdict(list)
    for r in sorted(records, key=lambda r: (r.position, r.id)):
        by_parent[r.parent_id].append(r)
    out: dict[int, dict[str, Any]] = {}
    for r in records:
        out[r.id] = group_dict(r) if r.is_group else item_dict(r)
    for r in records:
        key = "items" if r.is_group else "children"
        out[r.id][key] = [out[c.id] for c in by_parent.get(r.id, [])]
    return out


def export_document(service: PlanService, item_id: int | None = None) -> dict[str, Any]:
    head: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _iso(service.clock()),
    }
    if item_id is None:
        records = service.all_items()
        groups = sorted((r for r in records if r.is_group), key=lambda r: (r.position, r.id))
        nested = _nest(records)
        return head | {"groups": [nested[g.id] for g in groups]}
    records = service.subtree(item_id)
    nested = _nest(records)
    if records[0].is_group:
        return head | {"groups": [nested[item_id]]}
    return head | {"item": nested[item_id]}


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# -- import ----------------------------------------------------------------------------


def loads(text: str) -> tuple[str, list[NewNode]]:
    """Parse a Planner JSON document: ('groups', groups) or ('item', [item]). Anything
    malformed raises InvalidInput naming where."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise InvalidInput("The JSON file is nested too deeply to read.") from None
    except json.JSONDecodeError as e:
        raise InvalidInput(
            f"Not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}."
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput('This is not a Planner JSON export (no "format": "planner").')
    if not isinstance(data.get("version"), int) or data["version"] > VERSION:
        raise InvalidInput(
            f"This export is version {data.get('version')!r}; this Planner reads version "
            f"{VERSION} and older."
        )
    if "groups" in data:
        groups = _list(data["groups"], "groups")
        return "groups", [_node(g, f"groups[{i}]", group=True) for i, g in enumerate(groups)]
    if "item" in data:
        return "item", [_node(data["item"], "item", group=False)]
    raise InvalidInput('The export has neither "groups" nor "item".')


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
        raise InvalidInput(f"{where}: expected an object.")
    title = data.get("name" if group else "title")
    if not isinstance(title, str):
        raise InvalidInput(f"{where}: {'name' if group else 'title'} must be text.")
    notes = data.get("notes", "") or ""
    if not isinstance(notes, str):
        raise InvalidInput(f"{where}: notes must be text.")
    try:
        status = Status(data.get("status", "active"))
    except ValueError:
        raise InvalidInput(f"{where}: unknown status {data.get('status')!r}.") from None
    if group and status is Status.DONE:
        raise InvalidInput(f"{where}: a group cannot be done.")
    try:
        priority = Priority[str(data.get("priority", "none")).upper()]
    except KeyError:
        raise InvalidInput(f"{where}: unknown priority {data.get('priority')!r}.") from None
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
    if status is Status.DONE and node.done_at is None:
        node.done_at = node.created
    if status is Status.DELETED and node.deleted_at is None:
        node.deleted_at = node.created
    return node


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidInput(f"{where}: expected a list.")
    return value


def _date(value: Any, where: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"{where}: due {value!r} is not a date (YYYY-MM-DD).") from None


def _datetime(value: Any, where: str, name: str) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"{where}: {name} {value!r} is not a date and time.") from None
    return parsed if parsed.tzinfo else parsed.astimezone()
