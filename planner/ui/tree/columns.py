"""Which of the tree's columns give way when the tree is too narrow for all of them."""

from __future__ import annotations

from dataclasses import dataclass

from planner.ui.tree.nodes import Column

# When the columns the user shows do not fit beside a title of its least width, the least
# useful give way: first Assignee and Progress shrink (their texts elided, never below their
# headings), then whole columns hide, in this order, until the rest fit. Due and Total
# always stay (the user may still hide them from the header's menu); when they alone leave
# the title too little, Due's longest texts ("Done 3 days early") are cut short too.
SHRINKING = (Column.ASSIGNEE, Column.PROGRESS)
HIDING = (Column.CREATED, Column.ASSIGNEE, Column.PRIORITY, Column.PROGRESS)
SHRINKING_LAST = (Column.DUE,)


@dataclass(frozen=True)
class Allotment:
    """The columns' widths in a tree of a given width."""

    widths: dict[int, int]  # each column shown, but the title
    crowded_out: frozenset[int]  # columns the user shows that are hidden for want of room
    title: int  # the title's width: all that is left (at least a few letters)

    def total(self) -> int:
        return self.title + sum(self.widths.values())


def allot(
    wanted: dict[int, int],
    least: dict[int, int],
    room: int,
    title_least: tuple[int, int],
) -> Allotment:
    """Share `room` pixels among the title and the columns in `wanted` (each column the user
    shows but the title, with the width that fits it or that the user gave it): everyone
    gets its width when it fits; else the columns give way (SHRINKING, then HIDING, then
    SHRINKING_LAST) until the title has the first of `title_least`. `least` says how
    narrow a shrinking column may get. When Due and Total leave less, the title takes what
    is left, down to the second of `title_least` (narrower, the tree scrolls sideways)."""
    title_wish, title_floor = title_least
    crowded_out: list[int] = []
    to_hide = [column for column in HIDING if column in wanted]
    while True:
        shown = {c: w for c, w in wanted.items() if c not in crowded_out}
        short = sum(shown.values()) + title_wish - room
        slack = sum(max(0, shown[c] - least.get(c, shown[c])) for c in SHRINKING if c in shown)
        if short <= slack or not to_hide:
            break
        crowded_out.append(to_hide.pop(0))
    for column in SHRINKING + SHRINKING_LAST:
        if short > 0 and column in shown:
            cut = min(short, max(0, shown[column] - least.get(column, shown[column])))
            shown[column] -= cut
            short -= cut
    title = max(title_floor, room - sum(shown.values()))
    return Allotment(shown, frozenset(crowded_out), title)
