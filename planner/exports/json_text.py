"""JSON text of any depth, both ways: Python's json module, and where a document nests
deeper than the recursion limit (a plan has no depth limit) an explicit stack instead. Read
back, a key given twice in one object is refused, naming its line; the reasons given are
the json module's own, marked for translation."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from planner.domain.errors import excerpt
from planner.i18n import N_, _


def to_json(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`. A tree nested deeper than Python's
    recursion limit (a plan has no depth limit) is written by an explicit stack instead, and
    without indentation, which would grow with the square of the depth."""
    try:
        return json.dumps(value, ensure_ascii=False, indent=2)
    except RecursionError:
        return _dumps_iteratively(value)


def _is_flat(value: Any) -> bool:
    if isinstance(value, dict):
        return not any(isinstance(v, dict | list) for v in value.values())
    if isinstance(value, list):
        return not any(isinstance(v, dict | list) for v in value)
    return True


def _dumps_iteratively(value: Any, indent: int | None = None) -> str:
    """The same text as `json.dumps(value, ensure_ascii=False, indent=indent)`."""
    out: list[str] = []
    # Work items: text to write as it is, or (value, depth) to write at that depth.
    stack: list[str | tuple[Any, int]] = [(value, 0)]
    while stack:
        work = stack.pop()
        if isinstance(work, str):
            out.append(work)
            continue
        node, depth = work
        if _is_flat(node):
            text = json.dumps(node, ensure_ascii=False, indent=indent)
            if indent:
                # Strings in JSON hold no raw line breaks, so every break is layout.
                text = text.replace("\n", "\n" + " " * (indent * depth))
            out.append(text)
            continue
        if indent is None:
            first, between, last = "", ", ", ""
        else:
            first = "\n" + " " * (indent * (depth + 1))
            between, last = "," + first, "\n" + " " * (indent * depth)
        entries: list[tuple[str, Any]]
        if isinstance(node, dict):
            opening, closing = "{", "}"
            entries = [(json.dumps(str(k), ensure_ascii=False) + ": ", v) for k, v in node.items()]
        else:
            opening, closing = "[", "]"
            entries = [("", v) for v in node]
        todo: list[str | tuple[Any, int]] = [opening]
        for i, (key, child) in enumerate(entries):
            todo.append((between if i else first) + key)
            todo.append((child, depth + 1))
        todo.append(last + closing)
        stack.extend(reversed(todo))
    return "".join(out)


class _KeyGivenTwice(Exception):
    """A key repeated in one object, found by `json.loads` (which cannot say where)."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _KeyGivenTwice
    return result


def from_json(text: str) -> Any:
    """`json.loads`, refusing a key given twice in one object (JSONDecodeError, naming the
    line), also for a document nested deeper than Python's recursion limit (an export of a
    deep plan): such a text is read by an explicit stack instead."""
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except (RecursionError, _KeyGivenTwice):
        # The explicit stack reads any depth, and says where the key comes again.
        return _loads_iteratively(text)


# json's own string reader (C when available); typeshed does not declare it.
_scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_CONSTANTS: dict[str, Any] = {
    "null": None,
    "true": True,
    "false": False,
    "NaN": float("nan"),
    "Infinity": float("inf"),
    "-Infinity": float("-inf"),
}


# The reasons Python's json module gives, word for word (the reader below gives the same):
# marked here, translated when shown.
_NO_VALUE = N_("Expecting value")
_NO_COMMA = N_("Expecting ',' delimiter")
_NO_COLON = N_("Expecting ':' delimiter")
_NO_NAME = N_("Expecting property name enclosed in double quotes")
_EXTRA_DATA = N_("Extra data")
_JSON_REASONS = (
    N_("Unterminated string starting"),  # json's "... starting at", before "at line"
    N_("Invalid \\escape"),
    N_("Invalid \\uXXXX escape"),
    N_("Invalid control character"),  # json's "... character at"
)


def _loads_iteratively(doc: str) -> Any:
    """A JSON parser without recursion, accepting what `json.loads` accepts but a key
    given twice in one object."""

    def skip(pos: int) -> int:
        match = _WHITESPACE.match(doc, pos)
        return pos if match is None else match.end()

    def key_at(pos: int, container: dict[str, Any]) -> tuple[str, int]:
        if doc.startswith('"', pos):
            key, end = _scanstring(doc, pos + 1, True)
            if key in container:
                shown = json.dumps(excerpt(key, 40), ensure_ascii=False)
                twice = _("the key {key} is given twice").format(key=shown)
                raise json.JSONDecodeError(twice, doc, pos)
            pos = skip(end)
            if doc.startswith(":", pos):
                return key, skip(pos + 1)
            raise json.JSONDecodeError(_NO_COLON, doc, pos)
        raise json.JSONDecodeError(_NO_NAME, doc, pos)

    # Open containers, innermost last, each with the key its next value goes to.
    stack: list[tuple[dict[str, Any] | list[Any], str]] = []
    pos = skip(0)
    while True:
        # A value starts at `pos`.
        char = doc[pos : pos + 1]
        value: Any
        if char == "{":
            pos = skip(pos + 1)
            if not doc.startswith("}", pos):
                key, pos = key_at(pos, {})
                stack.append(({}, key))
                continue
            value, pos = {}, pos + 1
        elif char == "[":
            pos = skip(pos + 1)
            if not doc.startswith("]", pos):
                stack.append(([], ""))
                continue
            value, pos = [], pos + 1
        elif char == '"':
            value, pos = _scanstring(doc, pos + 1, True)
        else:
            number = _NUMBER.match(doc, pos)
            constant = next((c for c in _CONSTANTS if doc.startswith(c, pos)), None)
            if number is not None:
                integer, fraction, exponent = number.groups()
                if fraction or exponent:
                    value = float(integer + (fraction or "") + (exponent or ""))
                else:
                    value = int(integer)
                pos = number.end()
            elif constant is not None:
                value, pos = _CONSTANTS[constant], pos + len(constant)
            else:
                raise json.JSONDecodeError(_NO_VALUE, doc, pos)
        # The value is complete: put it in its container, closing those that end here.
        while True:
            if not stack:
                pos = skip(pos)
                if pos != len(doc):
                    raise json.JSONDecodeError(_EXTRA_DATA, doc, pos)
                return value
            container, key = stack[-1]
            if isinstance(container, dict):
                container[key] = value
            else:
                container.append(value)
            pos = skip(pos)
            char = doc[pos : pos + 1]
            if char == ",":
                pos = skip(pos + 1)
                if isinstance(container, dict):
                    key, pos = key_at(pos, container)
                    stack[-1] = (container, key)
                break
            if char == ("}" if isinstance(container, dict) else "]"):
                stack.pop()
                value, pos = container, pos + 1
                continue
            raise json.JSONDecodeError(_NO_COMMA, doc, pos)
