"""The search's rule over many rows at once (domain/search_text.py): the rows found and
their tiers, in one pass for one typed word, the same as the rule applied row by row."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from planner.domain.search_text import TIERS, fold, hits_by_tier, needles, tier

WORDS = ("report", "re", "r", "Отчёт", "от", "项目", "项", "café", "plan", "airplane", "ß")
a_text = st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join)
a_query = st.lists(st.sampled_from([*WORDS, "rep", "lan", "cafe", "ss"]), min_size=1, max_size=3)


@given(rows=st.lists(st.tuples(a_text, a_text), max_size=20), query=a_query)
def test_hits_by_tier_are_the_rule_row_by_row(
    rows: list[tuple[str, str]], query: list[str]
) -> None:
    found = needles(" ".join(query))
    folded = [(n, fold(title), fold(notes)) for n, (title, notes) in enumerate(rows)]
    held, by_tier = hits_by_tier(found, folded)
    expected: list[list[int]] = [[] for _ in range(TIERS)]
    for n, title, notes in folded:
        rank = tier(found, title, notes)
        if rank is not None:
            expected[rank].append(n)
    assert by_tier == expected
    assert [row[0] for row in held] == sorted(n for ids in expected for n in ids)
