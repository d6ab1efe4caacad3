"""Every word Planner shows outside the window is marked for translation: the scan of
tests/helpers/marking_scan.py finds none unmarked in the command line, the domain, the
services, the store, the exports, the app and the launcher. The window (planner/ui, where
style sheets, HTML and key names are literals too) is checked by rendering it instead:
tests/widgets/window/test_translated.py shows every menu, dialog and panel in a
pseudo-language and fails on any word that did not come from the catalog."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.marking_scan import scanned_files, unmarked_files, unmarked_in

ROOT = Path(__file__).resolve().parents[2]
WINDOW = ("planner/ui",)


def test_every_word_shown_outside_the_window_is_marked_for_translation() -> None:
    found = unmarked_files(ROOT, skip=WINDOW)
    assert not found, "not marked for translation:\n" + "\n".join(map(str, found))


def test_the_scan_reads_every_module_but_the_windows() -> None:
    """A new module is scanned without being named anywhere; the window's are left out."""
    scanned = {p.relative_to(ROOT).as_posix() for p in scanned_files(ROOT, skip=WINDOW)}
    every = {p.relative_to(ROOT).as_posix() for p in (ROOT / "planner").rglob("*.py")}
    assert scanned == {p for p in every if not p.startswith("planner/ui/")}
    assert {"planner/cli/main.py", "planner/launch.py", "planner/__main__.py"} <= scanned


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # words anywhere
        ('STATE = "The plan is empty."', ["word"]),
        ('raise InvalidInput(f"{what} must be text.")', ["shown"]),
        ('HEADER = ["Title", "Due"]', ["word", "word"]),
        ('title = row.get("title", "Untitled goal")', ["word"]),
        # any letters handed to what shows them, one lowercase word too
        ('raise InvalidInput("empty")', ["shown"]),
        ('raise Refused(f"{name} busy")', ["shown"]),
        ('warn("locked")', ["shown"]),
        ('parser.error("bad")', ["shown"]),
        ('sys.exit("oops")', ["shown"]),
        ('raise StorageError("full")', ["shown"]),
        # argparse's texts, metavars and positional names
        ('parser.add_argument("--all", help="also the Done section")', ["argparse"]),
        ('sub.add_parser("list", help="listing")', ["argparse"]),
        ('sub.add_parser("list", help=f"{n} lists")', ["argparse"]),
        ('add.add_argument("title")', ["argparse"]),
        ('add.add_argument("--db", metavar="PATH")', ["argparse"]),
        ('p.add_argument_group(title="options")', ["argparse"]),
        # marked, but not as the extractor can read it
        ('print(_(f"{n} left"))', ["not extractable"]),
        ('print(_("a " + b))', ["not extractable"]),
        ('print(ngettext("{n} day", "{n} days".format(n=n), n))', ["not extractable"]),
        # a reason is needed to leave a word untranslated
        ('print("Goals")  # not-ui', ["shown"]),
        ('EMPTY = "Goals"  # not-ui', ["word"]),
        # left alone
        ('add.add_argument("--priority", metavar="none|low|high")', []),
        ('add.add_argument("ids", nargs="+", metavar="ID")', []),
        ('add.add_argument("title", metavar=pgettext("metavar", "title"))', []),
        ('print(_("The plan is empty."))', []),
        ('raise InvalidInput(_("{id} is a group.").format(id=i))', []),
        ('raise InvalidInput(f"{where}: {e}")', []),
        ('print(f"{n:>3}  {label}")', []),
        ('x = {"title": 1, "due": "2026-01-01"}', []),
        ('if status == "Done": pass', []),
        ('raise AssertionError("cannot happen")', []),
        ('LABEL = N_("Goals")', []),
        ('print("Goals")  # not-ui: the test says why', []),
        ('open(p, encoding="utf-8")', []),
        ('con.execute("SELECT id FROM items WHERE parent_id = ?")', []),
        ('value = getattr(args, "accept_damaged_log", False)', []),
    ],
)
def test_the_scan_finds_unmarked_words(source: str, expected: list[str]) -> None:
    found = unmarked_in(source + "\n", "planner/probe.py")
    assert [u.why for u in found] == expected


def test_the_scan_finds_the_words_the_command_line_showed_before_they_were_marked() -> None:
    """Lines of the command line as they were before issue 20: each help text, word-like
    metavar, positional name, table entry and message is found, and nothing else."""
    source = """
def add_item_parsers(sub):
    group = sub.add_parser("group", help="manage groups")
    group_add = group.add_parser("add", help="add a group; prints its id")
    group_add.add_argument("name")
    add = sub.add_parser("add", help="add a goal or task; prints its id")
    add.add_argument("--due", metavar="YYYY-MM-DD")
    for name, text in [("done", "mark items done"), ("undone", "mark items not done")]:
        sub.add_parser(name, help=text)
    print(f"{label + ':':<11}{value}")
    print("The plan is empty. Add a group: planner group add NAME")
    raise InvalidInput(f"{parent_id} is not a group; use --under for a task.")
    print(f"planner: {note}", file=sys.stderr)
"""
    found = [u.text for u in unmarked_in(source, "planner/cli/items.py")]
    assert found == [
        "manage groups",
        "add a group; prints its id",
        "name",
        "add a goal or task; prints its id",
        "YYYY-MM-DD",
        "mark items done",
        "mark items not done",
        "The plan is empty. Add a group: planner group add NAME",
        "{} is not a group; use --under for a task.",
        "planner: {}",
    ]
