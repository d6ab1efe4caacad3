"""A tree row's key says whose row it is: an item's, or its Done or Deleted section's."""

from __future__ import annotations

import pytest

from planner.ui.tree.nodes import (
    DELETED,
    DONE,
    ROOT,
    id_of,
    is_section,
    item_key,
    key_item_id,
    owner_key,
    section_key,
    section_of,
)


@pytest.mark.parametrize("item_id", [1, 2, 3, 4, 5, 2**40])
def test_an_items_row_and_its_sections_rows_tell_whose_they_are(item_id: int) -> None:
    key = item_key(item_id)
    assert (is_section(key), section_of(key), id_of(key), key_item_id(key)) == (
        False,
        0,
        item_id,
        item_id,
    )
    for section in (DONE, DELETED):
        row = section_key(item_id, section)
        assert row not in (key, item_key(item_id + 1))
        assert (is_section(row), section_of(row), id_of(row)) == (True, section, item_id)
        assert (owner_key(row), key_item_id(row)) == (key, None)


def test_the_top_level_and_its_deleted_groups() -> None:
    assert (is_section(ROOT), id_of(ROOT), key_item_id(ROOT)) == (False, 0, None)
    row = section_key(None, DELETED)
    assert (is_section(row), section_of(row), owner_key(row)) == (True, DELETED, ROOT)
