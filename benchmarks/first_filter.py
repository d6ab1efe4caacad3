"""The tree filter's text on a plan whose search index is behind (every item waiting, as
after the upgrade to the index): each keystroke of a text typed into the filter bar at
once after the plan opened (or after `--pause` seconds idle), how long until the status
bar's count is the true one.

    python benchmarks/first_filter.py PLAN [--pause SECONDS] [--query TEXT]

PLAN is copied first (it is not changed); when there is none, it is built there (the
benchmark plan with corpus.py's titles and notes, 101,552 items, none indexed yet).
Prints one JSON object per figure, wall and CPU (the main thread's) milliseconds; exits 1
when the count shown differs from the filter's count over every item.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from first_search import LIMIT_S, Clock, away, open_window, say, stir


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("plan", type=Path)
    parser.add_argument("--pause", type=float, default=0.0, help="seconds idle before typing")
    parser.add_argument("--query", default="report")
    args = parser.parse_args()
    app, window = open_window(args.plan, "first-filter-")
    away(app, args.pause)
    filters = window.filters
    filters.open_bar()
    app.processEvents()
    bar = filters.bar
    text_search = getattr(filters, "text_search", None)  # (none in the code before)

    def searching() -> bool:
        return bool(text_search is not None and text_search.searching)

    typing = Clock()
    for k in range(1, len(args.query) + 1):
        stir(window)
        blocked = bar.text.blockSignals(True)
        bar.text.setText(args.query[:k])
        bar.text.blockSignals(blocked)
        clock = Clock()
        bar._send()  # (the typing pause not counted)
        app.processEvents()
        window.tree.grab()
        wall, cpu = clock.read()
        say(f"keystroke {k} ({args.query[:k]!r}), wall", wall)
        say(f"keystroke {k}, CPU", cpu)
        say(f"keystroke {k}, shown", f"{window.filter_label.text()}", "")
    refilters: list[float] = []  # the filter applied again, once every item is looked at
    refilter = filters.filtering.refilter

    def timed_refilter() -> None:
        clock = Clock()
        refilter()
        refilters.append(clock.read()[1])

    filters.filtering.refilter = timed_refilter  # type: ignore[method-assign]
    limit = time.perf_counter() + LIMIT_S
    while searching() and time.perf_counter() < limit:
        app.processEvents()
    filters.filtering.refilter = refilter  # type: ignore[method-assign]
    if refilters:
        say("the filter applied again with every item looked at, CPU", max(refilters))
    wall, cpu = typing.read()
    say("from the first keystroke to the true count, wall", wall)
    say("from the first keystroke to the true count, CPU", cpu)
    shown = filters.filtering.found
    say("count shown", f"{window.filter_label.text()}", "")
    if text_search is not None:
        text_search.bind(None)  # the filter folding every waiting item itself
    filters.filtering.refilter()
    exact = filters.filtering.found
    say("count of a filter folding every waiting item", float(exact), "")
    os._exit(0 if shown == exact else 1)


if __name__ == "__main__":
    main()
