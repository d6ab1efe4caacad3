"""Search over titles and notes (services/search.py): every word of every language found
(Cyrillic, Chinese, accents, case), the true count, ranked, page by page; exact while the
index catches up and on a read-only plan; counted against a brute force on random plans."""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner import i18n
from planner.app import open_plan
from planner.domain.new_node import NewNode
from planner.domain.search_text import matches_text
from planner.services import search as search_module
from planner.services.plan import PlanService
from planner.services.search import PAGE, SearchService
from tests.helpers.migrations import downgrade
from tests.helpers.new_plan import new_plan
from tests.helpers.search_index import every_item_waiting


def titles(search: SearchService, text: str) -> list[str]:
    return [hit.record.title for hit in search.search(text, 0, 1000).hits]


@pytest.fixture
def trip(service: PlanService) -> dict[str, int]:
    group = service.first_group()
    assert group is not None
    trip = service.create_item(group.id, "Trip to Lisbon").ids[0]
    ids = {"Trip to Lisbon": trip}
    for title, notes in (
        ("Find a flat", "Near Alfama, QUIET"),
        ("Купить ЛЫЖИ", "скидка 50%_off"),
        ("Отчёт о поездке", "这个项目非常重要"),
        ("Café in São Bento", "Bürgermeister-Straße 5"),
        ("Lisbon guide book", ""),
    ):
        ids[title] = service.create_item(trip, title, notes=notes).ids[0]
    service.mark_done([ids["Lisbon guide book"]])
    return ids


def test_every_word_in_titles_or_notes_any_case_any_script(
    service: PlanService, trip: dict[str, int]
) -> None:
    search = SearchService(service.store)
    assert titles(search, "lisbon") == ["Trip to Lisbon", "Lisbon guide book"]
    assert titles(search, "flat alfama") == ["Find a flat"]
    assert titles(search, "ALFAMA quiet") == ["Find a flat"]
    assert titles(search, "лыжи") == ["Купить ЛЫЖИ"] == titles(search, "ЛЫЖИ")
    assert titles(search, "СКИДКА 50") == ["Купить ЛЫЖИ"]
    assert titles(search, "отчет") == ["Отчёт о поездке"]  # ё typed as е
    assert titles(search, "项目") == ["Отчёт о поездке"]  # inside a run of characters
    assert titles(search, "重") == ["Отчёт о поездке"]
    assert titles(search, "cafe SAO bento") == ["Café in São Bento"]
    assert titles(search, "burgermeister strasse") == ["Café in São Bento"]
    assert titles(search, "ＬＩＳＢＯＮ") == ["Trip to Lisbon", "Lisbon guide book"]  # full width
    assert titles(search, "   ") == titles(search, "%_,") == []  # nothing to look for
    (hit,) = search.search("alfama").hits
    assert hit.path == ["Goals", "Trip to Lisbon"]


def test_words_inside_words_and_short_words_at_their_start(
    service: PlanService, trip: dict[str, int]
) -> None:
    search = SearchService(service.store)
    assert titles(search, "isbo") == ["Trip to Lisbon", "Lisbon guide book"]  # 3+: anywhere
    assert titles(search, "li") == ["Trip to Lisbon", "Lisbon guide book"]  # 2: a word's start
    assert titles(search, "is") == []  # "is" only inside words
    assert titles(search, "f") == ["Find a flat"]  # 1: a word's start too
    assert titles(search, "лы к") == ["Купить ЛЫЖИ"]
    assert search.search("a").count == 1  # "a" and "Alfama", both of "Find a flat"


def test_ranked_title_before_notes_whole_word_before_part(service: PlanService) -> None:
    group = service.first_group()
    assert group is not None
    made = {}
    for title, notes in (
        ("Plans for later", ""),  # in the title, inside a word: tier 1
        ("Budget", "the plan for May"),  # a whole word of the notes: tier 2
        ("Airplane seats", ""),  # inside a word of the title: tier 1
        ("Weekly", "planning notes"),  # inside a word of the notes: tier 3
        ("A plan", ""),  # a whole word of the title: tier 0
    ):
        made[title] = service.create_item(group.id, title, notes=notes).ids[0]
    search = SearchService(service.store)
    page = search.search("plan")
    assert page.count == 5
    order = ["A plan", "Plans for later", "Airplane seats", "Budget", "Weekly"]
    assert [h.record.title for h in page.hits] == order


def test_a_page_that_starts_in_one_tier_ends_in_the_next(service: PlanService) -> None:
    """The first hits of a later tier come after those of the tiers before, made earlier
    or later: here the whole word of the title was made first."""
    group = service.first_group()
    assert group is not None
    order = ["A plan", "Plans for later", "Airplane seats", "Plan B", "Planet", "Explanation"]
    for title in order:
        service.create_item(group.id, title)
    order = ["A plan", "Plan B", "Plans for later", "Airplane seats", "Planet", "Explanation"]
    search = SearchService(service.store)
    for size in (1, 2, 3, 4, 5):
        pages = [search.search("plan", at, size) for at in range(0, len(order), size)]
        assert [h.record.title for page in pages for h in page.hits] == order, size
        assert all(len(page.hits) == min(size, 6 - page.offset) for page in pages), size


def test_the_true_count_and_the_hits_page_by_page(service: PlanService) -> None:
    group = service.first_group()
    assert group is not None
    nodes = [NewNode(title=f"Report {n}" if n % 3 else f"Other {n}") for n in range(400)]
    nodes += [NewNode(title=f"Later {n}", notes="a report") for n in range(30)]
    service.add_trees(group.id, nodes)
    search = SearchService(service.store)
    first = search.search("report")
    assert first.count == 266 + 30 and len(first.hits) == PAGE
    seen = [h.record.id for h in first.hits]
    while len(seen) < first.count:
        page = search.search("report", len(seen))
        assert page.count == first.count and page.hits
        seen += [h.record.id for h in page.hits]
    assert len(set(seen)) == len(seen) == 296
    titles_seen = [service.get(i).title for i in seen]
    assert all(t.startswith("Report") for t in titles_seen[:266])  # titles first
    assert all(t.startswith("Later") for t in titles_seen[266:])
    assert search.search("report", 1000).hits == []


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "3,012 matches"), ("de", "3.012 Treffer"), ("ru", "3\xa0012 совпадений")],
)
def test_the_count_is_written_the_languages_way(
    language: str, shown: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the language's own way, not the system's (here an American English one)."""
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_NUMERIC", raising=False)
    i18n.set_language(language)
    try:
        assert matches_text(3012) == shown
        assert matches_text(0) == i18n._("No matches")
    finally:
        i18n.set_language("en")


def test_changes_are_found_once_caught_up_and_exact_before(
    service: PlanService, trip: dict[str, int], plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    search = SearchService(service.store)
    assert search.search("alfama").count == 1 and search.stale() == 0
    # Another program writes (its triggers only mark the items).
    con = sqlite3.connect(plan_path)
    con.execute("UPDATE items SET notes = 'near Belém' WHERE title = 'Find a flat'")
    con.execute("DELETE FROM items WHERE title = 'Купить ЛЫЖИ'")
    con.commit()
    con.close()
    assert search.stale() == 2
    monkeypatch.setattr(search_module, "CATCH_UP_NOW", 0)  # as with thousands waiting
    assert search.search("alfama").count == 0
    assert titles(search, "belem") == ["Find a flat"]
    assert search.search("лыжи").count == 0
    assert search.stale() == 2  # checked one by one, not caught up
    monkeypatch.setattr(search_module, "CATCH_UP_NOW", 2000)
    assert titles(search, "belem") == ["Find a flat"]
    assert search.stale() == 0


def test_a_read_only_plan_checks_what_its_index_lacks(
    service: PlanService, trip: dict[str, int], plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert SearchService(service.store).catch_up() == 0
    con = sqlite3.connect(plan_path)
    con.execute("UPDATE items SET title = 'Trip to Porto' WHERE title = 'Trip to Lisbon'")
    con.commit()
    con.close()
    service.store.close()
    monkeypatch.setattr("planner.store.quick_store.is_writable", lambda path: False)
    read_only = open_plan(plan_path)
    try:
        assert read_only.store.read_only
        search = SearchService(read_only.store)
        assert search.catch_up() == 1  # cannot be written: still waiting
        assert titles(search, "porto") == ["Trip to Porto"]
        assert titles(search, "lisbon") == ["Lisbon guide book"]
    finally:
        read_only.store.close()


def test_a_purge_and_its_undo(service: PlanService, trip: dict[str, int]) -> None:
    search = SearchService(service.store)
    outcome = service.purge([trip["Trip to Lisbon"]])
    assert search.search("lisbon").count == 0 and search.search("alfama").count == 0
    service.apply(outcome.inverse)
    assert titles(search, "alfama") == ["Find a flat"]


# -- against a brute force -------------------------------------------------------------

WORDS = [
    "plan", "Planning", "airplane", "report", "REPORT", "re", "Straße", "strasse", "café",
    "Cafe", "São", "sao", "Bürgermeister", "Отчёт", "отчет", "ПРОЕКТ", "проект", "ёлка",
    "项目", "这个项目非常重要", "研讨会", "项", "x-ray", "e-mail", "a", "I", "Ωμέγα", "ωμεγα",
]  # fmt: skip
CJK = ("\u3040", "\u30ff", "\u3400", "\u9fff", "\uac00", "\ud7af", "\uf900", "\ufaff")


def is_cjk(char: str) -> bool:
    code = ord(char)
    pairs = zip(CJK[::2], CJK[1::2], strict=True)
    return any(ord(a) <= code <= ord(b) for a, b in pairs) or 0x20000 <= code <= 0x3FFFF


def plain(text: str) -> str:
    """The rule, written out character by character: case folded, marks off, each CJK
    character a word, anything but letters and digits a space; words padded by spaces."""
    out = []
    for char in unicodedata.normalize("NFKD", text.casefold()):
        if unicodedata.combining(char):
            continue
        if is_cjk(char):
            out += [" ", char, " "]
        else:
            out.append(char if char.isalnum() else " ")
    return " " + " ".join("".join(out).split()) + " "


def brute_force(items: list[tuple[str, str]], query: str) -> int:
    words = [plain(w).strip() for w in query.split()]
    words = [w for w in words if w]
    if not words:
        return 0

    def found(word: str, text: str) -> bool:
        if any(is_cjk(c) for c in word):
            return (word if len(word) >= 3 else f" {word} ") in text
        return word in text if len(word) >= 3 else f" {word}" in text

    return sum(all(found(w, plain(t)) or found(w, plain(n)) for w in words) for t, n in items)


text_of_words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).flatmap(
    lambda ws: st.sampled_from([" ", "-", ", ", ""]).map(lambda sep: sep.join(ws))
)
alphabet = st.characters(
    categories=["Lu", "Ll", "Lo", "Nd", "Mn", "Zs", "Po"],
    max_codepoint=0x9FFF,
    exclude_characters="\x00",
)
a_text = st.one_of(text_of_words, st.text(alphabet, max_size=12), st.just(""))
fragment = st.sampled_from(WORDS).flatmap(
    lambda w: st.integers(0, len(w)).flatmap(
        lambda i: st.integers(i + 1, len(w) + 1).map(lambda j: w[i:j])
    )
)
a_query = st.lists(st.one_of(st.sampled_from(WORDS), fragment), min_size=1, max_size=2).map(
    " ".join
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    items=st.lists(st.tuples(a_text, a_text), min_size=1, max_size=25),
    queries=st.lists(a_query, min_size=1, max_size=6),
    size=st.integers(1, 7),
)
def test_counts_equal_a_brute_force_count_on_random_plans(
    tmp_path_factory: pytest.TempPathFactory,
    items: list[tuple[str, str]],
    queries: list[str],
    size: int,
) -> None:
    """The count against a brute force; the hits ranked, each once; pages of any size
    give the same hits in the same order."""
    service = new_plan(tmp_path_factory.mktemp("s") / "plan.sqlite3")
    try:
        group = service.first_group()
        assert group is not None
        titled = [(t.strip() or "x", n) for t, n in items]
        service.add_trees(group.id, [NewNode(title=t, notes=n) for t, n in titled])
        search = SearchService(service.store)
        every = [(group.title, ""), *titled]
        for query in queries:
            expected = brute_force(every, query)
            page = search.search(query, 0, 1000)
            assert page.count == expected == len(page.hits), query
            ranked = [
                (hit_tier(query, h.record.title, h.record.notes), h.record.id) for h in page.hits
            ]
            assert ranked == sorted(set(ranked)), query  # by tier, then as made; each once
            assert paged(search, query, size) == [h.record.id for h in page.hits], query
    finally:
        service.store.close()


@pytest.fixture
def nothing_caught_up_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_module, "CATCH_UP_NOW", 0)  # as with 100,000 waiting


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    items=st.lists(st.tuples(a_text, a_text), min_size=1, max_size=25),
    queries=st.lists(a_query, min_size=1, max_size=6),
    size=st.integers(1, 7),
)
def test_with_every_item_waiting_the_kept_texts_give_the_brute_force_count(
    tmp_path_factory: pytest.TempPathFactory,
    items: list[tuple[str, str]],
    queries: list[str],
    size: int,
    nothing_caught_up_now: None,
) -> None:
    """As just after the upgrade: nothing indexed, every item checked from the folded
    texts the window keeps; the same count, order and pages as the index gives."""
    service = new_plan(tmp_path_factory.mktemp("s") / "plan.sqlite3")
    try:
        group = service.first_group()
        assert group is not None
        titled = [(t.strip() or "x", n) for t, n in items]
        service.add_trees(group.id, [NewNode(title=t, notes=n) for t, n in titled])
        kept = SearchService(service.store, keep_waiting=True)
        assert kept.stale() == len(titled) + 1  # nothing indexed: CATCH_UP_NOW is 0
        every = [(group.title, ""), *titled]
        for query in queries:
            page = kept.search(query, 0, 1000)
            assert page.count == brute_force(every, query) == len(page.hits), query
            ranked = [
                (hit_tier(query, h.record.title, h.record.notes), h.record.id) for h in page.hits
            ]
            assert ranked == sorted(set(ranked)), query
            assert paged(kept, query, size) == [h.record.id for h in page.hits], query
        assert kept.stale() == len(titled) + 1
    finally:
        service.store.close()


def test_kept_texts_are_read_again_once_the_plan_changed(
    service: PlanService, trip: dict[str, int], plan_path: Path, nothing_caught_up_now: None
) -> None:
    every_item_waiting(plan_path)
    kept = SearchService(service.store, keep_waiting=True)
    assert titles(kept, "alfama") == ["Find a flat"]
    service.edit(trip["Find a flat"], notes="near Belém")
    assert titles(kept, "alfama") == ["Find a flat"]  # the texts kept: not told yet
    kept.plan_changed()  # as the window says after every change
    assert titles(kept, "alfama") == []
    assert titles(kept, "belem") == ["Find a flat"]
    assert kept.catch_up(3) == len(trip) + 1 - 3  # indexed ones are found once, by the index
    assert titles(kept, "lisbon") == ["Trip to Lisbon", "Lisbon guide book"]
    assert kept.search("o").count == SearchService(service.store).search("o").count


def paged(search: SearchService, query: str, size: int) -> list[int]:
    """Every hit's id, read `size` at a time as the window's list scrolls."""
    found: list[int] = []
    while True:
        page = search.search(query, len(found), size)
        found += [h.record.id for h in page.hits]
        if len(page.hits) < size:
            return found


def hit_tier(query: str, title: str, notes: str) -> int:
    from planner.domain.search_text import fold, needles, tier

    found = tier(needles(query), fold(title), fold(notes))
    assert found is not None
    return found


# -- a plan from before the search index -----------------------------------------------


def test_a_plan_from_before_the_index_opens_and_is_indexed(
    service: PlanService, trip: dict[str, int], plan_path: Path
) -> None:
    service.store.close()
    downgrade(plan_path, "0008")
    con = sqlite3.connect(plan_path)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_schema")}
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0008",)
    con.close()
    assert "item_search" not in tables and "search_stale" not in tables
    upgraded = open_plan(plan_path)
    try:
        search = SearchService(upgraded.store)
        assert search.stale() == len(trip) + 1  # every item (and the group) marked
        assert titles(search, "alfama") == ["Find a flat"]  # caught up before it reads
        assert search.stale() == 0
    finally:
        upgraded.store.close()


def test_a_bounded_search_counts_what_it_looked_at_and_says_so_until_every_item_is(
    service: PlanService, trip: dict[str, int], plan_path: Path, nothing_caught_up_now: None
) -> None:
    """As on the first keystroke after the upgrade: a search that may fold a few of the
    waiting items counts the hits among those (and the indexed ones), says it is not
    complete, and gives the true count once the rest are folded, a slice at a time."""
    every_item_waiting(plan_path)
    kept = SearchService(service.store, keep_waiting=True)
    waiting = kept.stale()
    assert sorted(trip.values())[0] < trip["Find a flat"]  # the group and the trip first
    page = kept.search("lisbon", fold_now=3)  # the group, the trip, the flat
    assert not page.complete and not kept.waiting_folded()
    assert [h.record.title for h in page.hits] == ["Trip to Lisbon"] and page.count == 1
    assert not kept.search("lisbon", fold_now=0).complete
    slices = 1
    while not kept.fold_waiting(2):
        slices += 1
    left = waiting - 3
    assert (left + 1) // 2 <= slices <= left // 2 + 1  # two at a time
    page = kept.search("lisbon", fold_now=0)
    exact = SearchService(service.store).search("lisbon")
    assert page.complete and exact.complete
    assert page.count == exact.count == 2
    assert [h.record.id for h in page.hits] == [h.record.id for h in exact.hits]


def test_the_filters_waiting_hits_fold_every_waiting_item(
    service: PlanService, trip: dict[str, int], plan_path: Path
) -> None:
    """waiting_hits (the tree's filter) is exact whatever was folded before it."""
    from planner.domain.search_text import needles

    every_item_waiting(plan_path)
    kept = SearchService(service.store, keep_waiting=True)
    assert kept.waiting_hits(needles("lisbon")) == {
        trip["Trip to Lisbon"],
        trip["Lisbon guide book"],
    }
    kept.plan_changed()
    kept.fold_waiting(1)
    assert kept.waiting_hits(needles("alfama")) == {trip["Find a flat"]}
    assert kept.waiting_folded()


def test_kept_texts_leave_out_exactly_the_items_indexed() -> None:
    """The index catches up from the lowest ids (a prefix of the kept texts), but any
    ids taken out leave out those items and no others."""
    from planner.services.search import Waiting

    kept = Waiting(True, [(i, f" t{i} ", " ") for i in (1, 3, 5, 7)], after=7, folded=True)

    def left(indexed: list[int]) -> list[int]:
        return [row[0] for row in kept.without(indexed).texts]

    assert left([1, 3]) == [5, 7]
    assert left([5]) == [1, 3, 7]
    assert left([2, 9]) == [1, 3, 5, 7]
    assert left([1, 7]) == [3, 5]
    assert left([1, 2, 3, 4]) == [5, 7]
    assert left([]) == [1, 3, 5, 7]
    assert kept.without([1]).folded and kept.without([1]).after == 7


def test_words_typed_further_find_what_a_fresh_search_finds(
    service: PlanService, trip: dict[str, int], plan_path: Path, nothing_caught_up_now: None
) -> None:
    """The kept texts look for a word typed further among the last word's hits: the
    same hits as looking through them all, whichever way the query goes."""
    every_item_waiting(plan_path)
    kept = SearchService(service.store, keep_waiting=True)
    for query in (
        "l", "li", "lis", "lisb", "lisbon", "lisbon g", "lisbon guide", "lis", "l",
        "o", "о", "от", "отч", "b", "bo", "bür", "bento", "nea", "near", "ne",
    ):  # fmt: skip
        page = kept.search(query, 0, 100)
        fresh = SearchService(service.store).search(query, 0, 100)
        assert page.count == fresh.count, query
        assert [h.record.id for h in page.hits] == [h.record.id for h in fresh.hits], query
    assert kept.search("lisbon").count == 2


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    items=st.lists(st.tuples(a_text, a_text), min_size=1, max_size=25),
    query=a_query,
    looks=st.lists(st.integers(0, 6), min_size=1, max_size=6),
    indexed=st.integers(0, 8),
)
def test_typed_key_by_key_with_bounded_looks_the_count_comes_to_the_brute_force_count(
    tmp_path_factory: pytest.TempPathFactory,
    items: list[tuple[str, str]],
    query: str,
    looks: list[int],
    indexed: int,
    nothing_caught_up_now: None,
) -> None:
    """As the window's keystrokes while the index is behind: each folds and looks through
    only a few of the waiting texts (a word typed further among the last one's hits,
    some items indexed meanwhile), counts at most the true count, among the true hits;
    once the steps between keys are done (idle steps indexing between them), the
    brute-force count and the fresh order."""
    service = open_plan(tmp_path_factory.mktemp("s") / "plan.sqlite3", create=True)
    try:
        group = service.first_group()
        assert group is not None
        titled = [(t.strip() or "x", n) for t, n in items]
        service.add_trees(group.id, [NewNode(title=t, notes=n) for t, n in titled])
        every = [(group.title, ""), *titled]
        kept = SearchService(service.store, keep_waiting=True)
        for k in range(1, len(query) + 1):
            typed, look = query[:k], looks[k % len(looks)]
            page = kept.search(typed, 0, 1000, fold_now=look, look_now=look)
            fresh = SearchService(service.store).search(typed, 0, 1000)
            assert page.count == len(page.hits) <= fresh.count == brute_force(every, typed)
            assert {h.record.id for h in page.hits} <= {h.record.id for h in fresh.hits}
            if page.complete:
                assert [h.record.id for h in page.hits] == [h.record.id for h in fresh.hits]
            if k == 2:
                kept.catch_up(indexed)  # the idle steps index some meanwhile
        steps = 0
        while not kept.look_further(query, rows=max(looks) or 1):
            steps += 1
            assert steps < 1000
            if steps % 2:
                kept.catch_up(1)  # an idle step between two
        page = kept.search(query, 0, 1000, fold_now=0, look_now=0)
        fresh = SearchService(service.store).search(query, 0, 1000)
        assert page.complete and page.count == brute_force(every, query)
        assert [h.record.id for h in page.hits] == [h.record.id for h in fresh.hits]
    finally:
        service.store.close()


def test_a_keystroke_looks_through_a_bounded_number_of_the_folded_waiting_texts(
    service: PlanService, trip: dict[str, int], plan_path: Path, nothing_caught_up_now: None
) -> None:
    """Every waiting text folded (as after the idle steps), the index not caught up: a
    search with `look_now` looks through that many of them for its query (100,000 took
    40-75 ms a keystroke), says it is not complete, and the steps between keys bring it
    to the true count; a word typed further goes on among the hits looked at."""
    every_item_waiting(plan_path)
    kept = SearchService(service.store, keep_waiting=True)
    while not kept.fold_waiting(100):
        pass
    page = kept.search("lisbon", look_now=2)  # the group, the trip
    assert not page.complete and page.count == 1
    assert [h.record.title for h in page.hits] == ["Trip to Lisbon"]
    assert not kept.look_further("lisbon", rows=3)  # the flat, the skis, the report
    assert kept.look_further("lisbon", rows=2)  # the café, the guide book
    page = kept.search("lisbon", look_now=0)
    assert page.complete and page.count == 2
    further = kept.search("lisbon g", look_now=2)  # among the two hits of "lisbon" only
    assert further.complete and [h.record.title for h in further.hits] == ["Lisbon guide book"]
    assert not kept.search("alfama", look_now=1).complete


def test_a_look_goes_on_while_the_index_catches_up(
    service: PlanService, trip: dict[str, int], plan_path: Path, nothing_caught_up_now: None
) -> None:
    """A step of the idle indexing between two steps of a bounded search leaves out what
    it indexed, and what was looked through stays looked through: begun again at every
    step, a look over 100,000 texts never ended while the index caught up."""
    every_item_waiting(plan_path)
    kept = SearchService(service.store, keep_waiting=True)
    while not kept.fold_waiting(100):
        pass
    page = kept.search("lisbon", look_now=6)  # all but the guide book
    assert not page.complete and page.count == 1
    assert kept.catch_up(2) == len(trip) + 1 - 2  # the group and the trip, indexed
    page = kept.search("lisbon", look_now=0)
    assert not page.complete and [h.record.title for h in page.hits] == ["Trip to Lisbon"]
    assert kept.look_further("lisbon", rows=1)  # the guide book: every one looked at
    page = kept.search("lisbon", look_now=0)
    assert page.complete and [h.record.title for h in page.hits] == [
        "Trip to Lisbon",
        "Lisbon guide book",
    ]
    kept.search("o", look_now=3)  # another look: the index takes the first of its rows
    assert kept.catch_up(1) == len(trip) + 1 - 3
    while not kept.look_further("o", rows=1):
        pass
    assert kept.search("o").count == SearchService(service.store).search("o").count
