"""The tree filter's reads: each part finds what it says, parts combine, text is found as
the search finds it whether the search index has caught up or not, against a brute-force
check of every item; the sort fields of a list."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from planner.domain.items import ItemRecord, Priority, Status
from planner.domain.search_text import fold, needles, tier
from planner.domain.tree_filter import NOBODY, DueWindow, TreeFilter, due_range
from planner.services import search as search_module
from planner.services import tree_filter as tree_filter_module
from planner.services.people import PeopleService
from planner.services.plan import PlanService
from planner.services.search import SearchService
from planner.services.tree_filter import TreeFilterService

WORDS = ("bank", "bread", "Flights", "café", "отчёт", "项目", "walk", "plan")


def brute(wanted: TreeFilter, records: list[ItemRecord], today: date) -> set[int]:
    found = set()
    for r in records:
        if wanted.hide_closed and r.status is not Status.ACTIVE:
            continue
        if wanted.person == NOBODY and r.assignee_id is not None:
            continue
        if wanted.person not in (None, NOBODY) and r.assignee_id != wanted.person:
            continue
        if wanted.priority is not None and r.priority != wanted.priority:
            continue
        if wanted.due is not None:
            window = due_range(wanted.due, today)
            if window.undated != (r.due is None):
                continue
            if window.active and r.status is not Status.ACTIVE:
                continue
            if r.due is not None and window.first and r.due < window.first:
                continue
            if r.due is not None and window.last and r.due > window.last:
                continue
        words = needles(wanted.text)
        if words and tier(words, fold(r.title), fold(r.notes)) is None:
            continue
        found.add(r.id)
    return found


def test_every_part_and_parts_together_against_a_brute_force_check(
    service: PlanService,
) -> None:
    rng = random.Random(18)
    today = service.today()
    group = service.first_group()
    assert group is not None
    people = PeopleService(service.store)
    ana, bo = people.add_person("Ana").people[0], people.add_person("Bo").people[0]
    parents, ids = [group.id], []
    for n in range(120):
        title = " ".join(rng.sample(WORDS, 2)) + f" {n}"
        item = service.create_item(rng.choice(parents), title).ids[0]
        due = rng.choice([None, today + timedelta(days=rng.randint(-40, 40))])
        service.edit(item, due=due, priority=rng.choice(list(Priority)))
        if rng.random() < 0.3:
            people.assign([item], rng.choice([ana, bo]))
        parents.append(item)
        ids.append(item)
    service.mark_done(rng.sample(ids, 15))
    service.delete(rng.sample(ids, 10))
    reads = TreeFilterService(service.store)
    search = SearchService(service.store)
    kept = SearchService(service.store, keep_waiting=True)  # as the window's search
    for caught_up in (False, True):  # the index behind (checked here), then caught up
        assert (search.stale() == 0) is caught_up
        records = service.all_items()
        for _case in range(60):
            wanted = TreeFilter(
                text=rng.choice(["", "ba", "flights", "cafe", "отчет", "项", "b", "walk plan"]),
                person=rng.choice([None, NOBODY, ana, bo]),
                priority=rng.choice([None, *Priority]),
                due=rng.choice([None, *DueWindow]),
                hide_closed=rng.random() < 0.5,
            )
            got = reads.matching(wanted, today)
            assert len(got) == len(set(got))
            assert set(got) == brute(wanted, records, today), wanted
            through_search = reads.matching(wanted, today, kept.waiting_hits)
            assert sorted(through_search) == sorted(got), wanted
        search.catch_up()
    assert reads.total() == 120


def test_the_items_waiting_for_the_index_are_folded_once_for_every_keystroke(
    service: PlanService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the search's kept texts (the window's), a keystroke folds nothing: folding
    every waiting item took 0.3 s a keystroke on 100,000 items after an upgrade."""
    group = service.first_group()
    assert group is not None
    ids = [service.create_item(group.id, f"walk {n}").ids[0] for n in range(20)]
    search = SearchService(service.store, keep_waiting=True)
    assert search.stale() >= 20
    reads = TreeFilterService(service.store)
    today = service.today()
    assert sorted(reads.matching(TreeFilter("wal"), today, search.waiting_hits)) == ids
    folded = []
    monkeypatch.setattr(search_module, "fold", lambda text: folded.append(text) or text)
    monkeypatch.setattr(tree_filter_module, "fold", lambda text: folded.append(text) or text)
    for typed in ("walk", "walk 1", "walk 17"):
        found = reads.matching(TreeFilter(typed), today, search.waiting_hits)
        titles = {f"walk {n}" for n in range(20)}
        assert {service.get(i).title for i in found} == {t for t in titles if t.startswith(typed)}
    assert folded == []
    search.plan_changed()  # a change: read (and folded) again
    reads.matching(TreeFilter("walk"), today, search.waiting_hits)
    assert folded


def test_sort_rows_are_one_list_of_one_status(service: PlanService) -> None:
    group = service.first_group()
    assert group is not None
    a = service.create_item(group.id, "A").ids[0]
    b = service.create_item(group.id, "B").ids[0]
    service.mark_done([b])
    reads = TreeFilterService(service.store)
    assert [row[0] for row in reads.sort_rows(group.id, Status.ACTIVE)] == [a]
    assert [row[0] for row in reads.sort_rows(group.id, Status.DONE)] == [b]
    assert [row[0] for row in reads.sort_rows(None, Status.ACTIVE)] == [group.id]
