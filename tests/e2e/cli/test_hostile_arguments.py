"""Hostile command-line arguments: bytes that are not UTF-8 (Python hands them over as lone
surrogates), control characters, right-to-left text and emoji, as titles, notes, dates
and priorities. Each is taken correctly or refused with one line; never a traceback.
Arguments that are not UTF-8 go to a real `python -m planner` process as bytes (Python's
own decoding of them is part of what is tested); the others run in the test's process."""

from __future__ import annotations

import os

import pytest

from tests.helpers.built_plan import Plan
from tests.helpers.cli import Cli, run_bytes

CASES: list[tuple[list[bytes], int, str]] = [
    ([b"add", b"\xff\xfe", b"--group", b"{group}"], 1, "A title is required"),
    (
        [
            b"add",
            b"Caf\xe9 \xf0\x9f\x9a\x80 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d",
            b"--group",
            b"{group}",
        ],
        0,
        "",
    ),
    ([b"add", b"\x1b[31mred\x07", b"--group", b"{group}", b"--notes", b"a\tb\x01\xff"], 0, ""),
    (
        [b"add", b"ok", b"--group", b"{group}", b"--due", b"2026-\xd9\xa1\xd9\xa2-01"],
        0,  # Arabic-Indic digits: 2026-12-01
        "",
    ),
    ([b"add", b"ok", b"--group", b"{group}", b"--due", b"\xff"], 1, "not a date"),
    (
        [b"add", b"ok", b"--group", b"{group}", b"--priority", b"\xe2\x80\xaehigh"],
        1,
        "not a priority",
    ),
    ([b"edit", b"{group}", b"--title", b"\xe2\x80\x8f\xe2\x80\xae"], 0, ""),
    ([b"group", b"add", b"\xf4\x8f\xbf\xbf" * 600], 1, "at most 500 characters"),
    # Ids beyond SQLite's 64-bit integers name nothing (not an OverflowError).
    ([b"show", b"99999999999999999999"], 1, "There is no item with id 99999999999999999999"),
    ([b"person", b"edit", b"-99999999999999999999", b"--name", b"x"], 1, "There is no person"),
    ([b"assign", b"{goal}", b"99999999999999999999"], 1, "There is no person"),
    # Repeating, reminders, habits and working days.
    ([b"repeat", b"{goal}", b"every \xff day"], 1, "is not a repeat rule Planner reads"),
    ([b"repeat", b"{goal}", b"--rrule", b"FREQ=DAILY;\x1b[31m"], 1, "should read NAME=VALUE"),
    ([b"repeat", b"99999999999999999999", b"daily"], 1, "There is no item with id"),
    ([b"remind", b"{goal}", b"--at", b"2099-01-01 \xff9:00"], 1, "is not a date and time"),
    ([b"remind", b"{goal}", b"--before", b"1d", b"--time", b"\xff"], 1, "is not a time of day"),
    ([b"remind", b"{goal}", b"--before", b"\xd9\xa1d"], 0, ""),  # Arabic-Indic 1: 1 day
    ([b"habit", b"{goal}", b"on mon,\xe2\x80\xaewed"], 1, "is not a list of weekdays"),
    ([b"tick", b"99999999999999999999"], 1, "There is no item with id"),
    ([b"workdays", b"on", b"--country", b"\xff\xfe"], 1, "is not a country code"),
    (
        [
            b"metric",
            b"set",
            b"{goal}",
            b"--name",
            b"Km\xff",
            b"--unit",
            b"k\xffm\x1b",
            b"--baseline",
            b"0",
            b"--target",
            b"1",
        ],
        0,  # the unit's byte that is not UTF-8 and its escape character become spaces, trimmed
        "",
    ),
]


def utf8(args: list[bytes]) -> bool:
    try:
        [arg.decode("utf-8") for arg in args]
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [pytest.param(*case, marks=[] if utf8(case[0]) else pytest.mark.e2e) for case in CASES],
)
def test_hostile_arguments(
    base_env: dict[str, str], cli: Cli, plan: Plan, args: list[bytes], code: int, message: str
) -> None:
    group, goal = str(plan["Home"]).encode(), str(plan["Run a marathon"]).encode()
    argv = [a.replace(b"{group}", group).replace(b"{goal}", goal) for a in args]
    if utf8(argv):
        result = cli(plan.path, *map(os.fsdecode, argv))
        returncode, err = result.code, result.err
    else:
        returncode, err = run_bytes(base_env, plan.path, *argv)
    assert "Traceback" not in err
    assert returncode == code, err
    if code:
        assert err.startswith("planner: ") and message in err and len(err.splitlines()) == 1
    cli(plan.path, "check").ok()
