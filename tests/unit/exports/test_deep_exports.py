"""A plan nested thousands of levels deep: `planner list` and every export grow in step
with the plan (twice the depth, about twice the output), never with the square of the
depth; a Markdown checklist deeper than it can indent is refused with a message."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from planner.app import open_plan
from planner.cli.main import run
from planner.domain.errors import InvalidInput
from planner.domain.new_node import NewNode
from planner.exports.exchange import export_bytes
from planner.exports.outline import MAX_INDENT, build_outline, walk
from planner.services.costs import CostService
from planner.services.plan import PlanService
from tests.helpers.cost_reference import totals_by_definition

DEPTH = 1_000  # well past MAX_INDENT: quadratic output is four times bigger at 2,000


def chain(depth: int) -> NewNode:
    """A goal with one task under it, and one under that, `depth` items in all."""
    root = node = NewNode(title="level 1")
    for level in range(2, depth + 1):
        child = NewNode(title=f"level {level}")
        node.children.append(child)
        node = child
    return root


@contextlib.contextmanager
def deep_plan(folder: Path, depth: int) -> Iterator[PlanService]:
    service = open_plan(folder / f"deep-{depth}.sqlite3", create=True)
    try:
        group = service.create_group("Deep").ids[0]
        service.add_trees(group, [chain(depth)])
        yield service
    finally:
        service.store.close()


def export_sizes(folder: Path, fmt: str) -> tuple[int, int]:
    sizes = []
    for depth in (DEPTH, 2 * DEPTH):
        with deep_plan(folder, depth) as service:
            sizes.append(len(export_bytes(service, fmt, None, "Deep")))
    return sizes[0], sizes[1]


@pytest.mark.parametrize("fmt", ["opml", "csv", "json", "ics"])
def test_exports_grow_linearly_with_the_depth(tmp_path: Path, fmt: str) -> None:
    small, big = export_sizes(tmp_path, fmt)
    assert big < 2.5 * small, (small, big)


def list_output(path: Path, *args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert run(["--db", str(path), "list", *args]) == 0
    return out.getvalue()


def test_list_grows_linearly_and_shows_the_level_past_the_indentation(tmp_path: Path) -> None:
    sizes = []
    for depth in (DEPTH, 2 * DEPTH):
        with deep_plan(tmp_path, depth):
            pass
        text = list_output(tmp_path / f"deep-{depth}.sqlite3")
        sizes.append(len(text))
    assert sizes[1] < 2.5 * sizes[0], sizes
    lines = text.splitlines()
    # Two groups, then levels 1, 2, ... each one step further in, up to MAX_INDENT steps.
    assert lines[MAX_INDENT + 1].startswith("  " * MAX_INDENT + "[ ] level 100  #")
    deepest = lines[2 * DEPTH + 1]
    assert deepest.startswith("  " * MAX_INDENT + "(level 2000) [ ] level 2000  #")


def test_markdown_deeper_than_it_indents_is_refused(tmp_path: Path) -> None:
    with deep_plan(tmp_path, MAX_INDENT) as service:
        text = export_bytes(service, "md", None, "Deep").decode()
        assert text.splitlines()[-1] == "  " * (MAX_INDENT - 1) + f"- [ ] level {MAX_INDENT}"
    with deep_plan(tmp_path, MAX_INDENT + 1) as service:
        with pytest.raises(InvalidInput) as refused:
            export_bytes(service, "md", None, "Deep")
        second = next(r for r in service.all_items() if r.title == "level 2")
        export_bytes(service, "md", second.id, "Deep")  # one item further down fits
    assert str(refused.value) == (
        "The plan nests 101 levels deep; a Markdown checklist shows at most 100 levels. "
        "Export it as JSON or OPML, or export an item further down."
    )


def test_csv_paths_show_the_nearest_titles_above(tmp_path: Path) -> None:
    with deep_plan(tmp_path, 300) as service:
        rows = export_bytes(service, "csv", None, "Deep").decode("utf-8-sig").splitlines()
    path_of_deepest = rows[-1].split(",")[0]
    titles = path_of_deepest.split(" › ")
    assert titles[0] == "…" and len(titles) == MAX_INDENT + 1
    assert titles[-1] == "level 299" and titles[1] == "level 200"
    assert rows[4].split(",")[0] == "Deep › level 1"


def test_totals_of_a_deep_chain_with_a_line_on_every_item(tmp_path: Path) -> None:
    """Every line counts in each item above it: the outline's totals, summed from the
    leaves up, are those the costs service computes by the definition."""
    with deep_plan(tmp_path, 300) as service:
        costs = CostService(service.store)
        ids = [r.id for r in service.all_items() if not r.is_group]
        for item_id in ids:
            costs.set_calc(item_id, True)
            costs.add_line(item_id, "Step", Decimal(1), Decimal("0.5"))
        service.mark_done([ids[150]])
        outline = build_outline(service)
        totals = {node.record.id: node.totals for node, _depth in walk(outline.roots)}
        expected = totals_by_definition(service.store)
    assert totals[ids[0]].expense == Decimal(150)
    assert all(totals[i] == expected[i] for i in totals)
