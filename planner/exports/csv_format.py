"""CSV: one row per item (deleted ones left out), for spreadsheets.

Columns: path (the titles above it, " › " between), title, kind (group|goal|task), status,
due, created, done, priority, assignee (the person's name, empty when nobody), total (the
item's total, exact decimal text) and currency. The header and the words in kind, status
and priority are in the current language (the file is for people: nothing imports it);
dates and totals stay ISO and plain, as spreadsheets read them. Deeper than MAX_INDENT
levels, the path shows the nearest MAX_INDENT titles, after "…". UTF-8 with a byte order
mark, so that spreadsheet programs read the accents right. A cell that a spreadsheet would
run as a formula (=, +, -, @ first) is written with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io

from planner.domain.items import Priority, Status
from planner.domain.money import decimal_text
from planner.exports.outline import MAX_INDENT, Outline, walk
from planner.i18n import pgettext

SEPARATOR = " › "


def header() -> list[str]:
    """The column names, in the current language."""
    return [
        pgettext("csv column", "path"),
        pgettext("csv column", "title"),
        pgettext("csv column", "kind"),
        pgettext("csv column", "status"),
        pgettext("csv column", "due"),
        pgettext("csv column", "created"),
        pgettext("csv column", "done"),
        pgettext("csv column", "priority"),
        pgettext("csv column", "assignee"),
        pgettext("csv column", "total"),
        pgettext("csv column", "currency"),
    ]


def _kind(word: str) -> str:
    if word == "group":
        return pgettext("csv value", "group")
    return pgettext("csv value", "goal") if word == "goal" else pgettext("csv value", "task")


def _status(status: Status) -> str:
    if status is Status.DONE:
        return pgettext("csv value", "done")
    if status is Status.DELETED:
        return pgettext("csv value", "deleted")
    return pgettext("csv value", "active")


def _priority(priority: Priority) -> str:
    if priority is Priority.HIGH:
        return pgettext("csv value", "high")
    if priority is Priority.MEDIUM:
        return pgettext("csv value", "medium")
    return pgettext("csv value", "low") if priority else ""


def dumps(outline: Outline) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header())
    titles: list[str] = list(outline.path)
    base = len(titles)
    for node, depth in walk(outline.roots):
        r = node.record
        del titles[base + depth :]
        # The nearest titles only: a whole path in every row grows with the depth squared.
        above = SEPARATOR.join(titles[-MAX_INDENT:])
        if len(titles) > MAX_INDENT:
            above = "…" + SEPARATOR + above
        titles.append(r.title)
        if r.is_group:
            kind = "group"
        elif outline.roots[0].record.is_group:
            kind = "goal" if depth == 1 else "task"
        else:  # one item exported: a goal when a group is right above it
            kind = "goal" if depth == 0 and len(outline.path) == 1 else "task"
        writer.writerow(
            [
                _safe(above),
                _safe(r.title),
                _kind(kind),
                _status(r.status),
                r.due.isoformat() if r.due else "",
                r.created.astimezone().strftime("%Y-%m-%d %H:%M"),
                r.done_at.astimezone().strftime("%Y-%m-%d %H:%M") if r.done_at else "",
                _priority(r.priority),
                _safe(outline.assignee(r)),
                decimal_text(node.totals.headline) if node.totals.lines else "",
                outline.currency if node.totals.lines else "",
            ]
        )
    return "\ufeff" + buffer.getvalue()


def _safe(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
