"""Applying the people, assignment, metric, check-in and journal changes inside one unit of
work, each returning its exact inverse (PlanService.apply hands them here), and carrying
these along when items are removed for good, put back or imported."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime

from planner.domain import changes as ch
from planner.domain import metrics as mt
from planner.domain import people as pp
from planner.domain.errors import NotFound, Refused
from planner.domain.items import ItemRecord, quoted
from planner.domain.new_node import NewNode
from planner.i18n import N_, _
from planner.services.ports import Unit

# -- people ------------------------------------------------------------------------------


def apply_people_change(unit: Unit, change: pp.PeopleChange) -> ch.Outcome:
    if isinstance(change, pp.AddPerson):
        return _add_person(unit, change)
    if isinstance(change, pp.EditPerson):
        person = unit.require_person(change.id)
        _check_person(person, change.expected)
        fields = pp.clean_person_fields(change.fields)
        if "name" in fields:
            _check_free_name(unit, fields["name"], person.id)
        old = {key: getattr(person, key) for key in fields}
        unit.update_person(person.id, **fields)
        now = unit.require_person(person.id)
        done = {key: getattr(now, key) for key in fields}
        return ch.Outcome(pp.EditPerson(person.id, old, done), people=(person.id,))
    if isinstance(change, pp.RemovePerson):
        person = unit.require_person(change.id)
        assigned = tuple(unit.assigned_ids(person.id))
        if change.made is not None:
            _check_person(person, dataclasses.asdict(change.made[0]))
            if set(assigned) - set(change.made[1]):
                raise Refused(
                    _(
                        "{name} was given more items elsewhere since; undo would unassign them."
                    ).format(name=quoted(person.name))
                )
        unit.set_assignee(assigned, None)
        unit.delete_person(person.id)
        return ch.Outcome(pp.AddPerson(person, assigned), assigned, people=(person.id,))
    return _assign(unit, change)


def _add_person(unit: Unit, change: pp.AddPerson) -> ch.Outcome:
    fields = pp.clean_person_fields(
        {"name": change.person.name, "email": change.person.email, "note": change.person.note}
    )
    person = pp.Person(change.person.id, fields["name"], fields["email"], fields["note"])
    if person.id and unit.person(person.id) is not None:
        raise Refused(_("Person {id} is already in the plan.").format(id=person.id))
    _check_free_name(unit, person.name, None)
    new_id = unit.insert_person(person)
    # Items removed for good since are skipped (they come back unassigned... or with their
    # own record, which names this person again).
    found = unit.get_many(change.assigned)
    assigned = tuple(i for i in change.assigned if i in found and not found[i].is_group)
    unit.set_assignee(assigned, new_id)
    made = (unit.require_person(new_id), assigned)
    return ch.Outcome(pp.RemovePerson(new_id, made), assigned, people=(new_id,))


def _check_person(person: pp.Person, expected: Mapping[str, object] | None) -> None:
    """Refuse to overwrite or remove a person changed elsewhere since (see `elsewhere`)."""
    if expected is not None and any(getattr(person, k) != v for k, v in expected.items()):
        raise Refused(
            _("{name} was changed elsewhere since; undo would overwrite that.").format(
                name=quoted(person.name)
            )
        )


def _check_free_name(unit: Unit, name: str, own_id: int | None) -> None:
    other = unit.person_named(name)
    if other is not None and other.id != own_id:
        raise Refused(
            _(
                "There is already a person named {name} (id {id}); names must differ "
                "(without regard to case)."
            ).format(name=quoted(other.name), id=other.id)
        )


def _assign(unit: Unit, change: pp.Assign) -> ch.Outcome:
    ids = [item_id for item_id, _person in change.values]
    records = unit.get_many(ids)
    old: list[tuple[int, int | None]] = []
    checked: set[int] = set()
    for item_id, person_id in change.values:
        record = records.get(item_id)
        if record is None:
            raise NotFound(_("There is no item with id {id}.").format(id=item_id))
        if record.is_group and person_id is not None:
            raise Refused(
                _("{title} is a group; groups have no assignee, assign its goals.").format(
                    title=quoted(record.title)
                )
            )
        if person_id is not None and person_id not in checked:
            unit.require_person(person_id)
            checked.add(person_id)
        old.append((item_id, record.assignee_id))
    # The last value given for an item wins; items going to the same person are written
    # together (one statement per 500 of them).
    final = dict(change.values)
    by_person: dict[int | None, list[int]] = {}
    for item_id, person_id in final.items():
        by_person.setdefault(person_id, []).append(item_id)
    for person_id, item_ids in by_person.items():
        unit.set_assignee(item_ids, person_id)
    return ch.Outcome(pp.Assign(tuple(reversed(old))), tuple(dict.fromkeys(ids)))


# -- metrics, check-ins, journal ---------------------------------------------------------


def apply_metric_change(unit: Unit, change: mt.MetricChange) -> ch.Outcome:
    if isinstance(change, mt.SetMetric):
        return _set_metric(unit, change)
    if isinstance(change, mt.AddCheckIn):
        checkin = change.checkin
        record = _item(unit, checkin.item_id, _group_has_no_checkins)
        if unit.metric(record.id) is None:
            raise Refused(
                _(
                    "{title} has no metric; set one first "
                    "(planner metric set {id} --name … --baseline … --target …)."
                ).format(title=quoted(record.title), id=record.id)
            )
        checkin = dataclasses.replace(
            checkin,
            value=mt.parse_value(checkin.value, N_("A check-in")),
            day=mt.check_day(checkin.day),
        )
        if checkin.id and unit.get_checkin(checkin.id) is not None:
            raise Refused(_("Check-in {id} is already in the plan.").format(id=checkin.id))
        new_id = unit.insert_checkin(checkin)
        _follow_current(unit, record.id)
        return ch.Outcome(mt.RemoveCheckIn(new_id), (record.id,), entries=(new_id,))
    if isinstance(change, mt.RemoveCheckIn):
        found = unit.get_checkin(change.id)
        if found is None:
            raise NotFound(_("There is no check-in with id {id}.").format(id=change.id))
        unit.delete_checkins([found.id])
        _follow_current(unit, found.item_id)
        return ch.Outcome(mt.AddCheckIn(found), (found.item_id,), entries=(found.id,))
    if isinstance(change, mt.AddJournal):
        entry = change.entry
        record = _item(unit, entry.item_id, _group_has_no_journal)
        entry = dataclasses.replace(
            entry, text=mt.clean_journal_text(entry.text), day=mt.check_day(entry.day)
        )
        if entry.id and unit.get_journal(entry.id) is not None:
            raise Refused(_("Journal entry {id} is already in the plan.").format(id=entry.id))
        new_id = unit.insert_journal(entry)
        return ch.Outcome(mt.RemoveJournal(new_id), (record.id,), entries=(new_id,))
    old_entry = unit.get_journal(change.id)
    if old_entry is None:
        raise NotFound(_("There is no journal entry with id {id}.").format(id=change.id))
    unit.delete_journal(old_entry.id)
    return ch.Outcome(mt.AddJournal(old_entry), (old_entry.item_id,), entries=(old_entry.id,))


def _item(unit: Unit, item_id: int, refusal: Callable[[], str]) -> ItemRecord:
    """The item, or the refusal (a sentence with {title}) when it is a group."""
    record = unit.require(item_id)
    if record.is_group:
        raise Refused(refusal().format(title=quoted(record.title)))
    return record


def _group_has_no_checkins() -> str:
    return _("{title} is a group; check-ins belong to its goals.")


def _group_has_no_journal() -> str:
    return _("{title} is a group; a journal belongs to its goals.")


def _group_has_no_metric() -> str:
    return _("{title} is a group; metrics belong to its goals.")


def _set_metric(unit: Unit, change: mt.SetMetric) -> ch.Outcome:
    record = _item(unit, change.item_id, _group_has_no_metric)
    old = unit.metric(record.id)
    old_checkins = tuple(unit.checkins([record.id]))
    if change.metric is None:
        if old is None:
            raise Refused(_("{title} has no metric.").format(title=quoted(record.title)))
        unit.delete_checkins([c.id for c in old_checkins])
        unit.delete_metric(record.id)
        return ch.Outcome(mt.SetMetric(record.id, old, old_checkins), (record.id,))
    metric = dataclasses.replace(change.metric, item_id=record.id)
    mt.check_metric(metric)
    if change.checkins is not None:
        unit.delete_checkins([c.id for c in old_checkins])
        for checkin in change.checkins:
            unit.insert_checkin(dataclasses.replace(checkin, item_id=record.id))
    current = mt.latest_value(unit.checkins([record.id]))
    unit.put_metric(dataclasses.replace(metric, current=current))
    if old is None:
        inverse = mt.SetMetric(record.id, None)
    else:
        inverse = mt.SetMetric(record.id, old, None if change.checkins is None else old_checkins)
    return ch.Outcome(inverse, (record.id,))


def _follow_current(unit: Unit, item_id: int) -> None:
    """The metric's current value is its latest check-in's."""
    unit.set_current(item_id, mt.latest_value(unit.checkins([item_id])))


# -- along with items removed, put back, imported ----------------------------------------


def snapshot_extras(unit: Unit, item_ids: Sequence[int]) -> mt.Extras:
    """What goes away with these items when they are removed for good."""
    return mt.Extras(
        tuple(unit.metrics(item_ids)), tuple(unit.checkins(item_ids)), tuple(unit.journal(item_ids))
    )


def restore_extras(unit: Unit, extras: mt.Extras) -> None:
    for metric in extras.metrics:
        unit.put_metric(metric)
    for checkin in extras.checkins:
        unit.insert_checkin(checkin)
    for entry in extras.journal:
        unit.insert_journal(entry)


def living_assignees(unit: Unit, records: Iterable[ItemRecord]) -> list[ItemRecord]:
    """Records put back: an assignee removed meanwhile (by another program) is dropped."""
    listed = list(records)
    wanted = {r.assignee_id for r in listed if r.assignee_id is not None}
    gone = {p for p in wanted if unit.person(p) is None}
    if not gone:
        return listed
    return [
        dataclasses.replace(r, assignee_id=None) if r.assignee_id in gone else r for r in listed
    ]


def add_node_extras(unit: Unit, nodes: Sequence[tuple[int, NewNode]], now: datetime) -> None:
    """Assignees (by name: an unknown name becomes a new person), metrics, check-ins and
    journal of freshly imported items."""
    people: dict[str, int] = {}
    for item_id, node in nodes:
        if node.assignee:
            name = pp.clean_name(node.assignee)
            key = pp.name_key(name)
            if key not in people:
                found = unit.person_named(name)
                people[key] = found.id if found else unit.insert_person(pp.Person(0, name))
            unit.set_assignee([item_id], people[key])
        if node.metric is not None:
            metric = dataclasses.replace(node.metric, item_id=item_id)
            mt.check_metric(metric)
            values = [dataclasses.replace(c, id=0, item_id=item_id) for c in node.checkins]
            for checkin in values:
                unit.insert_checkin(checkin)
            unit.put_metric(
                dataclasses.replace(metric, current=mt.latest_value(unit.checkins([item_id])))
            )
        for entry in node.journal:
            text = mt.clean_journal_text(entry.text)
            unit.insert_journal(mt.JournalEntry(0, item_id, entry.day, text, entry.created or now))


def add_people(unit: Unit, people: Sequence[pp.Person]) -> None:
    """Add the people (of an import) whose names the plan does not know yet."""
    for person in people:
        fields = pp.clean_person_fields(
            {"name": person.name, "email": person.email, "note": person.note}
        )
        if unit.person_named(fields["name"]) is None:
            unit.insert_person(pp.Person(0, **fields))
