"""Exchange formats on a real plan file: OPML, Markdown and JSON round trips, CSV and
iCalendar read back, malformed and hostile files refused with the line named."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from icalendar import Calendar

from planner.domain.errors import InvalidInput
from planner.domain.items import ItemRecord, Priority, Status
from planner.exports import opml_format
from planner.exports.exchange import export_bytes, guess_format, read_document
from planner.services.costs import CostService
from planner.services.metrics import MetricService
from planner.services.plan import PlanService
from tests.helpers.clock import FakeClock


@pytest.fixture
def goal(service: PlanService) -> int:
    group = service.create_group("Health").ids[0]
    day = service.today()
    goal = service.create_item(
        group,
        "Run <a> marathon & more",
        due=day + timedelta(days=60),
        priority=Priority.HIGH,
        notes="Line one\n- not an item\n\n# not a heading",
    ).ids[0]
    shoes = service.create_item(goal, "Buy shoes", due=day - timedelta(days=2)).ids[0]
    training = service.create_item(goal, "Training", due=None, priority=Priority.LOW).ids[0]
    service.create_item(training, 'Week 1 "quoted"', due=day + timedelta(days=7))
    gone = service.create_item(goal, "Deleted idea").ids[0]
    service.delete([gone])
    service.mark_done([shoes])
    costs = CostService(service.store)
    costs.set_currency("EUR")
    costs.set_calc(goal, True)
    costs.add_line(goal, "Entry", Decimal(1), Decimal("65.5"))
    return goal


def shape(service: PlanService, root: int) -> list[tuple[Any, ...]]:
    """(depth, title, notes, status, due, priority) of a subtree without deleted items."""
    records = [r for r in service.subtree(root) if r.status is not Status.DELETED]
    by_parent: dict[int | None, list[ItemRecord]] = {}
    for r in sorted(records, key=lambda r: (r.status is Status.DONE, r.position)):
        by_parent.setdefault(r.parent_id, []).append(r)
    out: list[tuple[Any, ...]] = []
    stack = [(records[0], 0)]
    while stack:
        r, depth = stack.pop()
        out.append((depth, r.title, r.notes, r.status, r.due, r.priority))
        stack.extend((c, depth + 1) for c in reversed(by_parent.get(r.id, [])))
    return out


@pytest.mark.parametrize("fmt", ["opml", "md", "json"])
def test_round_trip(service: PlanService, goal: int, fmt: str) -> None:
    data = export_bytes(service, fmt, goal, "My plan")
    kind, nodes, _currency, _people = read_document(data, fmt)
    assert kind == "item" and len(nodes) == 1
    target = service.create_group("Imported").ids[0]
    new = service.add_trees(target, nodes).ids[0]
    before, after = shape(service, goal), shape(service, new)
    if fmt == "md":  # Markdown has no priority
        before = [(*row[:5], Priority.NONE) for row in before]
    assert after == before
    assert "Deleted idea" not in data.decode() or fmt == "json"


def test_whole_plan_round_trips_as_groups(service: PlanService, goal: int) -> None:
    for fmt in ("opml", "md"):
        kind, nodes, _, _ = read_document(export_bytes(service, fmt, None, "P"), fmt)
        assert kind == "groups"
        assert [g.title for g in nodes] == ["Goals", "Health"]
        assert nodes[1].children[0].title == "Run <a> marathon & more"


def test_opml_from_other_outliners() -> None:
    workflowy = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>x</title></head><body>
  <outline text="Trip" _note="Pack light" colour="red" mirror="abc">
    <outline text="Book flights" _complete="true"/>
    <outline text="Hotel" checked="true"/>
    <outline title="From OmniOutliner" _status="checked"/>
    <outline text="Visa"><outline text="   Photos   "/></outline>
  </outline>
</body></opml>"""
    kind, nodes, _, _ = read_document(workflowy, "opml")
    assert kind == "item"
    trip = nodes[0]
    assert (trip.title, trip.notes, trip.status) == ("Trip", "Pack light", Status.ACTIVE)
    assert [(c.title, c.status) for c in trip.children] == [
        ("Book flights", Status.DONE),
        ("Hotel", Status.DONE),
        ("From OmniOutliner", Status.DONE),
        ("Visa", Status.ACTIVE),
    ]
    assert trip.children[3].children[0].title == "Photos"


def test_markdown_from_other_tools() -> None:
    text = "# List\n\n* [X] Done thing\n* Plain bullet (due 2027-01-02)\n    + [ ] Deeper\n"
    kind, nodes, _, _ = read_document(text.encode(), "md")
    assert kind == "item"
    assert [(n.title, n.status, n.due) for n in nodes] == [
        ("Done thing", Status.DONE, None),
        ("Plain bullet", Status.ACTIVE, date(2027, 1, 2)),
    ]
    assert nodes[1].children[0].title == "Deeper"


IMPORTS_WITHOUT_MOMENTS = {
    "opml": b'<opml version="2.0"><body><outline text="Sent" _complete="true"/></body></opml>',
    "md": b"- [x] Sent\n",
    "json": json.dumps(
        {
            "format": "planner",
            "version": 3,
            "item": {
                "title": "Sent",
                "status": "done",
                "metric": {"name": "Replies", "baseline": 0, "target": 5, "direction": "increase"},
                "journal": [{"date": "2026-11-20", "text": "Two answered"}],
            },
        }
    ).encode(),
}


@pytest.mark.parametrize("fmt", sorted(IMPORTS_WITHOUT_MOMENTS))
def test_moments_a_file_leaves_out_are_the_services_clocks(
    service: PlanService, clock: FakeClock, fmt: str
) -> None:
    """A done item (and a journal entry) without its moment is stamped when it is added,
    by the service's clock: never by the computer's, past a clock a test sets."""
    _kind, nodes, _, _ = read_document(IMPORTS_WITHOUT_MOMENTS[fmt], fmt)
    clock.advance(days=3)
    group = service.first_group()
    assert group is not None
    sent = service.get(service.add_trees(group.id, nodes).ids[0])
    assert (sent.status, sent.created, sent.done_at) == (Status.DONE, clock(), clock())
    entries = MetricService(service.store, service.clock).journal(sent.id)
    assert [(e.text, e.created) for e in entries] == (
        [("Two answered", clock())] if fmt == "json" else []
    )
    assert service.check() == []


def test_csv_has_a_row_per_item_with_its_path(service: PlanService, goal: int) -> None:
    data = export_bytes(service, "csv", None, "P").decode("utf-8")
    assert data.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(data[1:])))
    by_title = {r["title"]: r for r in rows}
    assert "Deleted idea" not in by_title
    week = by_title['Week 1 "quoted"']
    assert week["path"] == "Health › Run <a> marathon & more › Training"
    assert week["kind"] == "task" and week["status"] == "active" and week["assignee"] == ""
    goal_row = by_title["Run <a> marathon & more"]
    assert goal_row["kind"] == "goal" and goal_row["total"] == "65.5"
    assert goal_row["currency"] == "EUR" and goal_row["priority"] == "high"
    assert by_title["Buy shoes"]["status"] == "done" and by_title["Buy shoes"]["done"]


def test_csv_cells_never_run_as_formulas(service: PlanService) -> None:
    group = service.create_group("G").ids[0]
    service.create_item(group, '=HYPERLINK("x")')
    rows = list(csv.reader(io.StringIO(export_bytes(service, "csv", group, "P").decode()[1:])))
    assert rows[2][1] == '\'=HYPERLINK("x")'


def test_icalendar_parsed_back(service: PlanService, goal: int) -> None:
    calendar = Calendar.from_ical(export_bytes(service, "ics", None, "P"))
    todos = {str(t["summary"]): t for t in calendar.walk("VTODO")}
    # Items with a due date, not deleted; Training has none.
    assert set(todos) == {"Run <a> marathon & more", "Buy shoes", 'Week 1 "quoted"'}
    assert todos["Buy shoes"]["status"] == "COMPLETED" and "completed" in todos["Buy shoes"]
    marathon = todos["Run <a> marathon & more"]
    assert marathon["status"] == "NEEDS-ACTION"
    assert marathon.decoded("due") == service.today() + timedelta(days=60)
    assert int(marathon["priority"]) == 1
    assert str(marathon["description"]).startswith("Line one\n")
    assert len({str(t["uid"]) for t in todos.values()}) == 3


def test_guess_format() -> None:
    assert guess_format("a.OPML", b"") == "opml"
    assert guess_format("a", b"\xef\xbb\xbf  {") == "json"
    assert guess_format("a", b"<?xml") == "opml"
    assert guess_format("notes.md", b"{") == "md"


# -- malformed and hostile ------------------------------------------------------------


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<opml version="2.0"><body><outline text="&lol3;"/></body></opml>"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<opml version="2.0"><body><outline text="&xxe;"/></body></opml>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL], ids=["laughs", "external"])
def test_xml_entities_are_refused(data: bytes) -> None:
    with pytest.raises(InvalidInput, match="DTD or entities"):
        opml_format.loads(data)


@pytest.mark.parametrize(
    ("fmt", "data", "message"),
    [
        ("opml", b'<opml version="2.0"><body>\n<outline text="a">\n</body></opml>', "Line 3"),
        ("opml", b"<html><body/></html>", "not OPML"),
        (
            "opml",
            b'<opml><body>\n<outline text="a">\n<body/></outline>\n'
            b'<outline text="b"/></body></opml>',
            "^Line 3: a <body> inside <body>",
        ),
        (
            "opml",
            b'<opml><body><outline text="a"/></body>\n<outline text="b"/></opml>',
            "^Line 2: an outline outside <body>",
        ),
        ("opml", b'<opml><body>\n\n<outline text="x" due="soon"/></body></opml>', "Line 3.*due"),
        ("md", b"- [ ] fine\nthis is prose\n", "Line 2: expected a checklist item"),
        ("md", b"- [ ] a (due 2026-02-30)\n", "Line 1.*not a date"),
        ("md", b"- [ ] a\n## G\n- [ ] b\n", "before the first"),
        ("md", b"\xff\xfe", "UTF-8"),
        ("json", b'{"format": "planner",\n "version": 2,\n "item": {', "line 3"),
    ],
)
def test_malformed_files_name_the_line(fmt: str, data: bytes, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        read_document(data, fmt)


def test_ten_megabyte_titles_are_refused() -> None:
    huge = "x" * 10_000_000
    opml = f'<opml version="2.0"><body>\n<outline text="{huge}"/></body></opml>'.encode()
    with pytest.raises(InvalidInput, match="Line 2: a title can be at most 500"):
        read_document(opml, "opml")
    with pytest.raises(InvalidInput, match=r"Line 2: A title can be at most 500 .* 10,000,000"):
        read_document(f"- [ ] ok\n- [ ] {huge}\n".encode(), "md")
    doc = json.dumps({"format": "planner", "version": 2, "item": {"title": huge}})
    with pytest.raises(InvalidInput, match="at most 500"):
        read_document(doc.encode(), "json")


def deep_opml(depth: int) -> bytes:
    opening = "".join(f'<outline text="L{i}">' for i in range(depth))
    return f'<opml version="2.0"><body>{opening}{"</outline>" * depth}</body></opml>'.encode()


def test_nesting_ten_thousand_deep_reads_and_imports_without_recursion(
    service: PlanService,
) -> None:
    """A plan has no depth limit: such a file is read by explicit stacks, imported in one
    transaction, and exported again (but as Markdown), without a RecursionError. (The one
    test ten times past Python's limit; the others go just past it.)"""
    kind, nodes, _, _ = read_document(deep_opml(10_000), "opml")
    group = service.create_group("Deep").ids[0]
    root = service.add_trees(group, nodes).ids[0]
    records = service.subtree(root)
    assert len(records) == 10_000 and records[-1].title == "L9999"
    again = export_bytes(service, "opml", root, "P")
    assert again.count(b"<outline") == 10_000
    with pytest.raises(InvalidInput, match="nests 10,000 levels deep"):
        export_bytes(service, "md", root, "P")  # its indentation: 100 MB
    json_doc = export_bytes(service, "json", root, "P")
    assert read_document(json_doc, "json")[1][0].title == "L0"


def test_a_plain_doctype_is_read() -> None:
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE opml>\n'
        b'<opml version="2.0"><body><outline text="A"/></body></opml>'
    )
    assert read_document(data, "opml")[1][0].title == "A"
