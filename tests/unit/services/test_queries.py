"""Search over titles and notes: every word, any case, any script; LIKE wildcards are text."""

from planner.services.plan import PlanService
from planner.services.queries import TreeQueries


def test_search_matches_every_word_in_titles_or_notes(service: PlanService) -> None:
    group = service.first_group()
    assert group is not None
    trip = service.create_item(group.id, "Trip to Lisbon").ids[0]
    service.create_item(trip, "Find a flat", notes="Near Alfama")
    service.create_item(trip, "Купить ЛЫЖИ", notes="скидка 50%_off")
    done = service.create_item(trip, "Lisbon guide book").ids[0]
    service.mark_done([done])
    queries = TreeQueries(service.store)

    def titles(text: str) -> list[str]:
        return [record.title for record, _ in queries.search(text)]

    assert titles("lisbon") == ["Trip to Lisbon", "Lisbon guide book"]  # active first
    assert titles("flat alfama") == ["Find a flat"]
    assert titles("лыжи") == ["Купить ЛЫЖИ"]
    assert titles("СКИДКА") == ["Купить ЛЫЖИ"]
    assert titles("50%_") == ["Купить ЛЫЖИ"]
    assert titles("5_%") == []  # _ and % are not wildcards
    assert titles("   ") == []
    (hit, path), *_ = queries.search("alfama")
    assert path == ["Goals", "Trip to Lisbon"]
