"""No import circles in Planner, between modules or between packages: each part can be read
(and tested) knowing only what it imports. Type-checking imports count too: a circle there
is a circle in the design."""

from __future__ import annotations

from collections import defaultdict

import grimp
import pytest


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts of more than one node (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                part = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    part.append(member)
                    if member == node:
                        break
                if len(part) > 1:
                    found.append(sorted(part))
    return found


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("planner")


def collapsed(graph: grimp.ImportGraph, depth: int | None) -> dict[str, set[str]]:
    """Module imports, each module named by its package at `depth` (None: the module)."""

    def name(module: str) -> str:
        return module if depth is None else ".".join(module.split(".")[:depth])

    edges: dict[str, set[str]] = defaultdict(set)
    for module in graph.modules:
        if not module.startswith("planner"):
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.startswith("planner") and name(imported) != name(module):
                edges[name(module)].add(name(imported))
    return edges


@pytest.mark.parametrize("depth", [None, 2, 3], ids=["modules", "packages", "sub-packages"])
def test_no_import_circles(graph: grimp.ImportGraph, depth: int | None) -> None:
    assert circles(collapsed(graph, depth)) == []


def test_the_check_finds_a_circle() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
