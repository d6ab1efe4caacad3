"""The JSON writer and reader that work without recursion (json_format): they exist for
depth, since `json.dumps` and `json.loads` raise RecursionError on an export nested a
thousand levels deep. On any input they write and read exactly what the json module does,
and both refuse a key given twice in one object, naming where."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.errors import InvalidInput
from planner.exports import json_format
from planner.exports.json_text import _dumps_iteratively, _loads_iteratively, from_json, to_json

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(st.characters(exclude_categories=())),  # control characters, surrogates too
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.text(st.characters(exclude_categories=()), max_size=8), inner),
    ),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(value=values, indent=st.sampled_from([None, 0, 2, 4]))
def test_the_writer_writes_what_json_dumps_writes(value: Any, indent: int | None) -> None:
    assert _dumps_iteratively(value, indent) == json.dumps(value, ensure_ascii=False, indent=indent)


@settings(max_examples=300, deadline=None)
@given(value=values, indent=st.sampled_from([None, 2]), ascii_only=st.booleans())
def test_the_reader_reads_what_json_loads_reads(
    value: Any, indent: int | None, ascii_only: bool
) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent)
    assert _loads_iteratively(text) == json.loads(text)


json_ish = st.text(st.sampled_from(list('{}[],:"\\ \t\n0123456789.eE+-truefalsnNIy')), max_size=30)


@settings(max_examples=500, deadline=None)
@given(text=json_ish)
def test_the_reader_accepts_and_refuses_what_json_loads_does(text: str) -> None:
    try:
        expected: Any = json.loads(text)
    except json.JSONDecodeError as e:
        with pytest.raises(json.JSONDecodeError) as refused:
            _loads_iteratively(text)
        assert refused.value.pos == e.pos and refused.value.msg == e.msg
        return
    got = _loads_iteratively(text)
    if isinstance(expected, float) and math.isnan(expected):
        assert math.isnan(got)
    else:
        assert got == expected


def deep(depth: int, inner: str) -> str:
    return '{"a": ' * depth + inner + "}" * depth


@pytest.mark.parametrize("depth", [1, 100_000])
def test_a_key_given_twice_is_refused_naming_where(depth: int) -> None:
    text = deep(depth, '{"x": 1,\n "x": 2}')
    with pytest.raises(json.JSONDecodeError) as refused:
        from_json(text)
    assert refused.value.msg == 'the key "x" is given twice'
    assert (refused.value.lineno, refused.value.colno) == (2, 2)


@pytest.mark.parametrize("depth", [1, 100_000])
def test_deep_documents_read_and_write_without_recursion(depth: int) -> None:
    text = deep(depth, "[1.5, null]")
    again = to_json(from_json(text))
    assert again == (text if depth > 1 else json.dumps(json.loads(text), indent=2))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": "planner", "version": 1, "version": 2, "item": {}}', "given twice"),
        ('{"format": "planner", "version": true, "item": {}}', "version True"),
        ('{"format": "planner", "version": -5, "item": {}}', "version -5"),
        ('{"format": "planner", "version": 0, "item": {}}', "version 0"),
        ('{"format": "planner", "version": 5, "item": {}}', "version 5"),
        ('{"format": "planner", "item": {}}', "version None"),
    ],
)
def test_unknown_versions_and_keys_given_twice_are_refused(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        json_format.loads(text)
