"""The people, assignee, metric, check-in, journal, why and examples parts of the Planner
JSON format (see json_format for the whole document)."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from planner.domain import metrics as mt
from planner.domain import people as pp
from planner.domain.errors import InvalidInput
from planner.domain.items import ItemRecord
from planner.domain.money import decimal_text
from planner.domain.new_node import NewNode
from planner.domain.validation import clean_notes, parse_moment
from planner.i18n import _
from planner.services.ports import Unit


def _num(value: Any) -> str | None:
    return None if value is None else decimal_text(value)


def metric_dict(metric: mt.Metric | None) -> dict[str, Any] | None:
    if metric is None:
        return None
    return {
        "name": metric.name,
        "unit": metric.unit,
        "baseline": decimal_text(metric.baseline),
        "target": decimal_text(metric.target),
        "stretch": _num(metric.stretch),
        "direction": metric.direction.value,
        "current": _num(metric.current),
    }


def goal_extras_dict(
    record: ItemRecord,
    metric: mt.Metric | None,
    checkins: Sequence[mt.CheckIn],
    journal: Sequence[mt.JournalEntry],
) -> dict[str, Any]:
    """An item's why, examples, metric, check-ins (oldest first) and journal (newest
    first)."""
    return {
        "why": record.why,
        "examples": record.examples,
        "metric": metric_dict(metric),
        "checkins": [{"date": c.day.isoformat(), "value": decimal_text(c.value)} for c in checkins],
        "journal": [
            {"date": e.day.isoformat(), "text": e.text, "created": e.created.isoformat()}
            for e in journal
        ],
    }


@dataclasses.dataclass
class GoalData:
    """The people and goal extras of the records being exported."""

    people: dict[int, pp.Person] = dataclasses.field(default_factory=dict)
    used: set[int] | None = None  # people to list (None: everyone)
    metrics: dict[int, mt.Metric] = dataclasses.field(default_factory=dict)
    checkins: dict[int, list[mt.CheckIn]] = dataclasses.field(default_factory=dict)
    journal: dict[int, list[mt.JournalEntry]] = dataclasses.field(default_factory=dict)

    @classmethod
    def read(cls, unit: Unit, records: Sequence[ItemRecord], whole: bool) -> GoalData:
        ids = [r.id for r in records if not r.is_group]
        checkins: dict[int, list[mt.CheckIn]] = defaultdict(list)
        journal: dict[int, list[mt.JournalEntry]] = defaultdict(list)
        metric_list = unit.metrics(None if whole else ids)
        with_metric = [m.item_id for m in metric_list]
        for c in unit.checkins(None if whole else with_metric):
            checkins[c.item_id].append(c)
        for e in unit.journal(None if whole else ids):
            journal[e.item_id].append(e)
        used = None if whole else {r.assignee_id for r in records if r.assignee_id is not None}
        return cls(
            {p.id: p for p in unit.people()},
            used,
            {m.item_id: m for m in metric_list},
            checkins,
            journal,
        )

    def people_list(self) -> list[dict[str, str]]:
        return [
            {"name": p.name, "email": p.email, "note": p.note}
            for p in self.people.values()
            if self.used is None or p.id in self.used
        ]

    def item_part(self, record: ItemRecord) -> dict[str, Any]:
        person = self.people.get(record.assignee_id) if record.assignee_id else None
        return {"assignee": person.name if person else None} | goal_extras_dict(
            record,
            self.metrics.get(record.id),
            self.checkins.get(record.id, []),
            self.journal.get(record.id, []),
        )


# -- import ----------------------------------------------------------------------------


def people_of(data: Any) -> list[pp.Person]:
    """The people of a read Planner JSON document (checked; none for versions 1 and 2)."""
    raw = data.get("people", []) if isinstance(data, dict) else []
    if not isinstance(raw, list):
        raise InvalidInput(_("people: expected a list."))
    people: list[pp.Person] = []
    seen: set[str] = set()
    for i, entry in enumerate(raw):
        where = f"people[{i}]"
        if not isinstance(entry, dict):
            raise InvalidInput(_("{where}: expected an object.").format(where=where))
        try:
            fields = pp.clean_person_fields(
                {k: entry.get(k) or "" for k in pp.PERSON_FIELDS} | {"name": entry.get("name")}
            )
        except InvalidInput as e:
            raise InvalidInput(f"{where}: {e}") from None
        key = pp.name_key(fields["name"])
        if key in seen:
            raise InvalidInput(
                _("{where}: {name} is listed twice.").format(where=where, name=repr(fields["name"]))
            )
        seen.add(key)
        people.append(pp.Person(0, fields["name"], fields["email"], fields["note"]))
    return people


def read_goal_fields(node: NewNode, data: dict[str, Any], where: str) -> None:
    """Fill an imported item's assignee, why, examples, metric, check-ins and journal."""
    try:
        assignee = data.get("assignee")
        if assignee is not None:
            node.assignee = pp.clean_name(assignee)
        for name in ("why", "examples"):
            value = data.get(name) or ""
            if not isinstance(value, str):
                raise InvalidInput(_("{key} must be text.").format(key=name))
            setattr(node, name, clean_notes(value))
        metric = data.get("metric")
        if metric is not None:
            if not isinstance(metric, dict):
                raise InvalidInput(_("metric: expected an object."))
            if metric.get("direction") is None:
                raise InvalidInput(_("metric: direction is missing."))
            fields = {k: metric.get(k) for k in ("name", "unit", "baseline", "target")}
            fields |= {"stretch": metric.get("stretch"), "direction": metric.get("direction")}
            node.metric = mt.clean_metric(0, fields)
        checkins = data.get("checkins") or []
        if not isinstance(checkins, list):
            raise InvalidInput(_("checkins: expected a list."))
        if checkins and node.metric is None:
            raise InvalidInput(_("checkins without a metric."))
        node.checkins = [_checkin(c, i) for i, c in enumerate(checkins)]
        journal = data.get("journal") or []
        if not isinstance(journal, list):
            raise InvalidInput(_("journal: expected a list."))
        # Listed newest first; added oldest first, so that ids keep the order of writing.
        node.journal = [_entry(e, i) for i, e in reversed(list(enumerate(journal)))]
    except InvalidInput as e:
        raise InvalidInput(f"{where}: {e}") from None


def _day(value: Any, where: str) -> date:
    if not isinstance(value, str):
        raise InvalidInput(_("{where}: date must be text (YYYY-MM-DD).").format(where=where))
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            _("{where}: date {value} is not a date (YYYY-MM-DD).").format(
                where=where, value=repr(value[:40])
            )
        ) from None


def _checkin(data: Any, i: int) -> mt.CheckIn:
    where = f"checkins[{i}]"
    if not isinstance(data, dict):
        raise InvalidInput(_("{where}: expected an object.").format(where=where))
    try:
        number = mt.parse_value(data.get("value"), "value")  # the file's key, as it is
    except InvalidInput as e:
        raise InvalidInput(f"{where}: {e}") from None
    return mt.CheckIn(0, 0, _day(data.get("date"), where), number)


def _entry(data: Any, i: int) -> mt.NewEntry:
    where = f"journal[{i}]"
    if not isinstance(data, dict):
        raise InvalidInput(_("{where}: expected an object.").format(where=where))
    try:
        text = mt.clean_journal_text(data.get("text"))
    except InvalidInput as e:
        raise InvalidInput(f"{where}: {e}") from None
    created = data.get("created")
    if created is not None:
        created = parse_moment(created, f"{where}: created")
    return mt.NewEntry(_day(data.get("date"), where), text, created)
