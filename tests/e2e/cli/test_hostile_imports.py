"""Hostile import files and numbers on the command line (file names that are not UTF-8 as
real `python -m planner` processes, given as bytes): what is not a regular file, a file
too big, names too long or not UTF-8, JSON with impossible times, duplicate keys, unknown
versions or image names that are paths, OPML with a <body> inside an outline, positions
beyond 64 bits. Each is refused with one line on standard error and exit 1, the plan byte
for byte as it was (or taken correctly)."""

from __future__ import annotations

import base64
import io
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from planner.exports.exchange import IMPORT_MAX_BYTES
from tests.helpers.built_plan import Plan
from tests.helpers.cli import Cli, run_bytes
from tests.helpers.unchanged import unchanged

HUGE = 2**64  # beyond SQLite's 64-bit integers


def one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("planner: "), err
    return lines[0]


# -- positions beyond 64 bits ----------------------------------------------------------


def test_a_position_beyond_64_bits_is_the_last_place(cli: Cli, plan: Plan) -> None:
    health = plan["Health"]
    new = int(cli(plan.path, "add", "Last", "--group", health, "--position", HUGE).ok().out)
    goals = [g["title"] for g in cli(plan.path, "list", "--json").ok().json[1]["items"]]
    assert goals[-1] == "Last"
    cli(plan.path, "move", plan["Sleep 8 hours"], "--group", health, "--position", HUGE).ok()
    goals = [g["id"] for g in cli(plan.path, "list", "--json").ok().json[1]["items"]]
    assert goals[-1] == plan["Sleep 8 hours"] and new in goals
    cli(plan.path, "move", plan["Health"], "--top", "--position", str(HUGE * HUGE)).ok()
    groups = [g["name"] for g in cli(plan.path, "list", "--json").ok().json]
    assert groups[-1] == "Health"
    cli(plan.path, "cost", "on", plan["Run a marathon"]).ok()
    cli(plan.path, "cost", "add", plan["Run a marathon"], "Shoes", "1", "2").ok()
    cli(plan.path, "cost", "add", plan["Run a marathon"], "Socks", "1", "2", "--position", HUGE)
    lines = cli(plan.path, "export", "--item", plan["Run a marathon"], "--format", "json")
    assert [x["description"] for x in lines.ok().json["item"]["lines"]] == ["Shoes", "Socks"]


@pytest.mark.parametrize(
    "args",
    [
        ("add", "X", "--group", "{Health}", "--position", str(-HUGE)),
        ("move", "{Sleep 8 hours}", "--group", "{Health}", "--position", str(-HUGE)),
        ("move", "{Health}", "--top", "--position", str(-HUGE)),
    ],
)
def test_a_negative_position_beyond_64_bits_is_refused(
    cli: Cli, plan: Plan, args: tuple[str, ...]
) -> None:
    argv = [plan[a[1:-1]] if a.startswith("{") else a for a in args]
    with unchanged(plan.path):
        cli(plan.path, *argv).refused("A position cannot be negative")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("checkin", "{Run a marathon}", "1e999999999"), "A check-in is too large"),
        (("checkin", "{Run a marathon}", "1e-999999999"), "more than 6 decimal places"),
        (("cost", "add", "{Run a marathon}", "d", "1e-999999999", "1"), "at most 6 decimal"),
        (("cost", "add", "{Run a marathon}", "d", "1", "1e-999999999"), "at most 4 decimal"),
    ],
)
def test_numbers_past_the_decimal_context_are_refused(
    cli: Cli, plan: Plan, args: tuple[str, ...], message: str
) -> None:
    """1e999999999 raised decimal.Overflow; 1e-999999999 was taken as 0."""
    goal = plan["Run a marathon"]
    cli(plan.path, "metric", "set", goal, "--name", "Km", "--unit", "km", "--baseline", "0",
        "--target", "42").ok()  # fmt: skip
    cli(plan.path, "cost", "on", goal).ok()
    argv = [plan[a[1:-1]] if a.startswith("{") else a for a in args]
    with unchanged(plan.path):
        cli(plan.path, *argv).refused(message)


# Every command that takes an id, given one beyond SQLite's integers.
ID_COMMANDS = [
    "show {N}", "edit {N} --title x", "move {N} --group {G}", "move {I} --group {N}",
    "move {I} --under {N}", "done {N}", "undone {N}", "delete {N}", "restore {N}",
    "purge {N}", "export --format json --item {N}", "export --format html --item {N}",
    "add X --group {N}", "add X --under {N}", "list --assignee {N}", "cost on {N}",
    "cost list {N}", "cost add {N} d 1 2", "cost edit {N} --description x", "cost rm {N}",
    "image list {N}", "image rm {N}", "image move {N} 0", "image save {N} {F}",
    "person rm {N}", "person edit {N} --name y", "assign {N} 1", "assign {I} {N}",
    "unassign {N}", "metric rm {N}", "checkin {N} 1", "journal add {N} hi",
    "share {N} --format html -o {F}", "revoke {N}", "import {J} --group {N}",
    "import {J} --under {N}",
]  # fmt: skip


def test_ids_beyond_64_bits_name_nothing_in_every_command(
    cli: Cli, plan: Plan, tmp_path: Path
) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "in.md").write_text("- [ ] x\n")
    names = {"G": plan["Health"], "I": plan["Week 1"], "F": folder / "out", "J": folder / "in.md"}
    runs = [  # each sign for every other command
        command.format(N=-HUGE if i % 2 else HUGE, **names).split()
        for i, command in enumerate(ID_COMMANDS)
    ]
    with unchanged(plan.path):
        results = [cli(plan.path, *args) for args in runs]
    for args, result in zip(runs, results, strict=True):
        assert result.code == 1 and "Traceback" not in result.err, (args, result.err)
        result.refused(r"There is no (item|person|image|cost line|share) with id -?\d{20}\.$")
    assert sorted(p.name for p in folder.iterdir()) == ["in.md"]


# -- what is not a regular file, and files too big -------------------------------------


def test_import_of_a_device_is_refused(cli: Cli, plan: Plan) -> None:
    with unchanged(plan.path):
        cli(plan.path, "import", "/dev/zero").refused(
            r"^planner: /dev/zero is a device, not a regular file: import reads files only\.$"
        )


def test_import_of_a_fifo_is_refused_without_waiting(cli: Cli, plan: Plan, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with unchanged(plan.path):
        cli(plan.path, "import", fifo).refused(r"pipe\.json is a pipe, not a regular file")


def test_import_of_a_folder_is_refused(cli: Cli, plan: Plan, tmp_path: Path) -> None:
    with unchanged(plan.path):
        cli(plan.path, "import", tmp_path).refused("is a folder, not a file to import")


def test_import_of_a_file_too_big_is_refused_before_reading(
    cli: Cli, plan: Plan, tmp_path: Path
) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as f:  # sparse: no disk space taken
        f.truncate(IMPORT_MAX_BYTES + 1)
    with unchanged(plan.path):
        cli(plan.path, "import", big).refused(
            r"big\.json is larger than 512 MB, the most Planner imports\.$"
        )


def test_import_of_the_plan_itself_is_refused(cli: Cli, plan: Plan) -> None:
    with unchanged(plan.path):
        cli(plan.path, "import", plan.path, "--format", "json").refused(
            "is the plan itself; import reads an export file"
        )


# -- file names: too long, not UTF-8, with line breaks ---------------------------------


def test_file_names_too_long_are_one_line(cli: Cli, plan: Plan, tmp_path: Path) -> None:
    long = tmp_path / ("n" * 300 + ".json")
    with unchanged(plan.path):
        cli(plan.path, "import", long).refused("File name too long")
        cli(plan.path, "export", "--format", "md", "-o", long).refused("File name too long")
        deep = tmp_path / "/".join(["d" * 200] * 30) / "x.md"  # longer than PATH_MAX
        cli(plan.path, "import", deep).refused("File name too long")
        cli(plan.path, "export", "--format", "md", "-o", deep).refused("File name too long")


@pytest.mark.e2e
def test_file_names_not_utf8_are_shown_as_typed(
    base_env: dict[str, str], plan: Plan, tmp_path: Path
) -> None:
    (tmp_path / "in").mkdir()
    folder = bytes(tmp_path / "in")
    (tmp_path / "in" / os.fsdecode(b"bad\xff.md")).write_text("stray text\n")
    with unchanged(plan.path):
        code, err = run_bytes(base_env, plan.path, b"import", folder + b"/caf\xe9.md")
        assert code == 1
        assert one_line(err).endswith("caf\\xe9.md: No such file or directory.")
        code, err = run_bytes(base_env, plan.path, b"import", folder + b"/bad\xff.md")
        assert code == 1
        assert one_line(err).startswith("planner: bad\\xff.md: Line 1: expected a checklist")
    out = folder + b"/out\xfe.md"
    code, err = run_bytes(base_env, plan.path, b"export", b"--format", b"md", b"-o", out)
    assert code == 0, err
    assert Path(os.fsdecode(out)).read_text().startswith("# My plan")


def test_a_file_name_with_a_line_break_stays_on_one_line(
    cli: Cli, plan: Plan, tmp_path: Path
) -> None:
    name = tmp_path / "two\nlines.md"
    with unchanged(plan.path):
        line = cli(plan.path, "import", name).refused("No such file or directory").err
    assert "two\\nlines.md" in line


# -- JSON that is not right ------------------------------------------------------------


def json_file(tmp_path: Path, item: dict[str, Any], **head: Any) -> Path:
    document = {"format": "planner", "version": 3, "item": {"title": "Imported"} | item} | head
    path = tmp_path / "in.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


EXTREME_TIMES = [
    "0001-01-01T00:00:00+05:00",
    "9999-12-31T23:59:59-05:00",
    "0001-01-01T00:00:00",
    "9999-12-31T23:59:59",
    "0001-01-02T00:00:00+00:00",  # exists in UTC, but not a day before it
]


@pytest.mark.parametrize("moment", EXTREME_TIMES)
def test_journal_times_out_of_range_are_refused(
    cli: Cli, plan: Plan, tmp_path: Path, moment: str
) -> None:
    entry = {"date": "2026-01-01", "text": "Started", "created": moment}
    path = json_file(tmp_path, {"journal": [entry]})
    with unchanged(plan.path):
        cli(plan.path, "import", path).refused(
            rf"in\.json: item: journal\[0\]: created '{re.escape(moment)}' is out of range\.$"
        )


@pytest.mark.parametrize("moment", EXTREME_TIMES)
@pytest.mark.parametrize("field", ["created", "done_at", "deleted_at"])
def test_item_times_out_of_range_are_refused(
    cli: Cli, plan: Plan, tmp_path: Path, moment: str, field: str
) -> None:
    status = {"created": "active", "done_at": "done", "deleted_at": "deleted"}[field]
    path = json_file(tmp_path, {field: moment, "status": status})
    with unchanged(plan.path):
        cli(plan.path, "import", path).refused(
            rf"item: {field} '{re.escape(moment)}' is out of range\.$"
        )


@pytest.mark.parametrize("timezone", ["Etc/GMT-14", "Etc/GMT+12"])
def test_times_near_the_ends_are_kept_and_shown_in_any_time_zone(
    cli: Cli, plan: Plan, tmp_path: Path, timezone: str
) -> None:
    entry = {"date": "9999-12-31", "text": "Far", "created": "9999-12-29T00:00:00+00:00"}
    checkin = {"date": "0001-01-01", "value": "1"}
    metric = {"name": "n", "unit": "u", "baseline": "0", "target": "1", "direction": "increase"}
    item = {
        "created": "0001-01-03T00:00:00Z",
        "status": "done",
        "done_at": "9999-12-29T23:59:59+00:00",
        "due": "9999-12-31",
        "journal": [entry],
        "metric": metric,
        "checkins": [checkin],
    }
    new = cli(plan.path, "import", json_file(tmp_path, item)).ok().out.split()[0]
    env = {"TZ": timezone}
    shown = cli(plan.path, "show", new, env=env).ok().out
    assert "Done:" in shown and "Created:" in shown
    for fmt in ("csv", "ics", "md", "opml", "json"):
        cli(plan.path, "export", "--format", fmt, env=env).ok()
    cli(plan.path, "export", "--format", "html", "--item", new, env=env).ok()
    cli(plan.path, "list", "--all", env=env).ok()
    exported = cli(plan.path, "export", "--item", new, "--format", "json").ok().json["item"]
    assert exported["journal"][0]["created"] == "9999-12-29T00:00:00+00:00"
    assert exported["created"] == "0001-01-03T00:00:00+00:00"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"format": "planner", "version": 3, "item": {"title": "A", "title": "B"}}',
            r'in\.json: Not valid JSON: the key "title" is given twice at line 1, column \d+\.',
        ),
        (
            '{"format": "planner", "format": "planner", "version": 3, "item": {"title": "A"}}',
            'the key "format" is given twice',
        ),
        ('{"format": "planner", "version": -5, "item": {"title": "A"}}', "version -5"),
        ('{"format": "planner", "version": 0, "item": {"title": "A"}}', "version 0"),
        ('{"format": "planner", "version": 5, "item": {"title": "A"}}', "version 5"),
        ('{"format": "planner", "version": 2.5, "item": {"title": "A"}}', "version 2.5"),
    ],
)
def test_json_duplicate_keys_and_unknown_versions_are_refused(
    cli: Cli, plan: Plan, tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "in.json"
    path.write_text(text, encoding="utf-8")
    with unchanged(plan.path):
        cli(plan.path, "import", path).refused(message)


def png_base64() -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "red").save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


@pytest.mark.parametrize(
    "name", ["..", ".", "../../x.png", "a/b.png", "a\\b.png", "", " ", "x\n.png", "x\x00.png"]
)
def test_image_names_that_are_not_plain_file_names_are_refused(
    cli: Cli, plan: Plan, tmp_path: Path, name: str
) -> None:
    path = json_file(tmp_path, {"images": [{"filename": name, "data": png_base64()}]})
    with unchanged(plan.path):
        cli(plan.path, "import", path).refused(
            r"in\.json: item\.images\[0\]: the image name '.*' is not a plain file name\.$"
        )


def test_a_plain_image_name_is_kept(cli: Cli, plan: Plan, tmp_path: Path) -> None:
    path = json_file(tmp_path, {"images": [{"filename": "café ☕.png", "data": png_base64()}]})
    new = cli(plan.path, "import", path).ok().out.split()[0]
    assert "café ☕.png" in cli(plan.path, "image", "list", new).ok().out


# -- OPML ------------------------------------------------------------------------------


def test_opml_with_a_body_inside_an_outline_is_refused_naming_the_line(
    cli: Cli, plan: Plan, tmp_path: Path
) -> None:
    path = tmp_path / "in.opml"
    path.write_text(
        '<?xml version="1.0"?>\n<opml version="2.0"><body>\n'
        '<outline text="A">\n<body/>\n</outline>\n<outline text="B"/>\n</body></opml>\n'
    )
    with unchanged(plan.path):
        cli(plan.path, "import", path).refused(r"in\.opml: Line 4: a <body> inside <body>")
