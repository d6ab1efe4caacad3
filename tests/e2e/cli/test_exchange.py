"""`planner export` in every format and `planner import` of OPML and Markdown; a bad file
exits 1 naming the line and leaves the plan byte-identical."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pypdf
from icalendar import Calendar

from tests.helpers.built_plan import Plan
from tests.helpers.cli import Cli
from tests.helpers.unchanged import unchanged


def test_every_export_format(cli: Cli, plan: Plan, tmp_path: Path) -> None:
    run = plan["Run a marathon"]
    for fmt in ("opml", "md", "csv", "ics", "json", "html", "pdf", "png"):
        out = tmp_path / f"out.{fmt}"
        cli(plan.path, "export", "--format", fmt, "--item", run, "-o", out).ok()
        assert out.stat().st_size > 100, fmt
    assert b'text="Training plan"' in (tmp_path / "out.opml").read_bytes()
    assert "  - [ ] Week 1" in (tmp_path / "out.md").read_text()
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text("utf-8-sig"))))
    assert [r["title"] for r in rows] == [
        "Run a marathon",
        "Training plan",
        "Week 1",
        "Week 2",
        "Buy shoes",
    ]
    todos = Calendar.from_ical((tmp_path / "out.ics").read_bytes()).walk("VTODO")
    assert "Run a marathon" in {str(t["summary"]) for t in todos}
    html = (tmp_path / "out.html").read_text()
    assert "Week 2" in html and "Sleep 8 hours" not in html and "<script" not in html
    assert str(plan.path) not in html and "Old idea" not in html
    reader = pypdf.PdfReader(tmp_path / "out.pdf")
    assert "Training" in reader.pages[0].extract_text()
    assert (tmp_path / "out.png").read_bytes()[:4] == b"\x89PNG"
    # Whole plan to standard output.
    whole = cli(plan.path, "export", "--format", "md").ok().out
    # The default plan's file is "plan.sqlite3": it is called "My plan", not "plan".
    assert whole.startswith("# My plan\n") and "## Home" in whole and "Forgotten" not in whole
    assert ">My plan</td>" in html and ">plan</td>" not in html


def test_card_needs_an_item_and_a_file(cli: Cli, plan: Plan, tmp_path: Path) -> None:
    with unchanged(plan.path):
        cli(plan.path, "export", "--format", "html").refused("give --item ID")
        cli(plan.path, "export", "--format", "png", "--item", plan["Week 1"]).refused("-o FILE")
        cli(
            plan.path, "export", "--format", "pdf", "--item", plan["Health"], "-o", tmp_path / "x"
        ).refused("one goal or task")
    assert not (tmp_path / "x").exists()


def test_import_opml_and_markdown(cli: Cli, plan: Plan, tmp_path: Path) -> None:
    opml = tmp_path / "from-workflowy.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="Trip" _note="Pack light"><outline text="Flights" _complete="true"/>'
        "</outline></body></opml>"
    )
    ids = cli(plan.path, "import", opml, "--group", plan["Home"]).ok().out.split()
    shown = cli(plan.path, "show", ids[0], "--json").ok().json
    assert shown["title"] == "Trip" and shown["notes"] == "Pack light"
    assert shown["children"]["done"] == 1
    md = tmp_path / "list.md"
    md.write_text("- [ ] Paint walls (due 2027-05-01)\n  - [x] Buy paint\n")
    ids = cli(plan.path, "import", md, "--under", plan["Renovate kitchen"]).ok().out.split()
    shown = cli(plan.path, "show", ids[0], "--json").ok().json
    assert shown["due"] == "2027-05-01" and shown["path"][-1] == "Renovate kitchen"


def test_bad_import_names_the_line_and_changes_nothing(
    cli: Cli, plan: Plan, tmp_path: Path
) -> None:
    md = tmp_path / "bad.md"
    md.write_text("- [ ] one\n  - [ ] two\nstray text\n")
    laughs = tmp_path / "laughs.opml"
    laughs.write_text(
        '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        '<opml version="2.0"><body><outline text="&b;"/></body></opml>'
    )
    with unchanged(plan.path):
        cli(plan.path, "import", md).refused(r"bad\.md: Line 3: expected a checklist item")
        cli(plan.path, "import", laughs).refused("DTD or entities")


def test_csv_export_fills_the_assignee_column(cli: Cli, plan: Plan, tmp_path: Path) -> None:
    person = cli(plan.path, "person", "add", "Maria Silva").ok().out.strip()
    cli(plan.path, "assign", plan["Week 1"], plan["Renovate kitchen"], person).ok()
    out = tmp_path / "plan.csv"
    cli(plan.path, "export", "--format", "csv", "-o", out).ok()
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assignees = {r["title"]: r["assignee"] for r in rows}
    assert assignees["Week 1"] == "Maria Silva"
    assert assignees["Renovate kitchen"] == "Maria Silva"
    assert assignees["Week 2"] == "" and assignees["Health"] == ""
