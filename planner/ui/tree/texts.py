"""The words the tree and the details panel show for an item's fields (column names,
section rows, statuses, priorities, a metric's state, dates in tooltips), in the current
language: each is made when shown, so a language switch needs only a repaint."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from planner import formats
from planner.domain.countdown import countdown_text
from planner.domain.items import ItemRecord, Priority, Status, quoted
from planner.domain.metrics import Direction, Metric
from planner.domain.money import format_number
from planner.i18n import _, ngettext, pgettext
from planner.ui.tree.nodes import DONE, Column


def column_name(column: int) -> str:
    """A column's header (and its entry in the header's menu)."""
    names = {
        Column.TITLE: pgettext("column", "Title"),
        Column.DUE: pgettext("column", "Due"),
        Column.CREATED: pgettext("column", "Created"),
        Column.PROGRESS: pgettext("column", "Progress"),
        Column.PRIORITY: pgettext("column", "Priority"),
        Column.ASSIGNEE: pgettext("column", "Assignee"),
        Column.TOTAL: pgettext("column", "Total"),
    }
    return names[column]


def section_text(section: int, count: int) -> str:
    """The row of an item's Done or Deleted section: 'Done (3)'."""
    n = formats.number(count)
    if section == DONE:
        return pgettext("section", "Done ({n})").format(n=n)
    return pgettext("section", "Deleted ({n})").format(n=n)


def status_name(status: Status) -> str:
    if status is Status.DONE:
        return pgettext("status", "Done")
    if status is Status.DELETED:
        return pgettext("status", "Deleted")
    return pgettext("status", "Active")


def priority_name(priority: Priority) -> str:
    """'High', 'Medium', 'Low'; '' for no priority (an empty cell)."""
    if priority is Priority.HIGH:
        return pgettext("priority", "High")
    if priority is Priority.MEDIUM:
        return pgettext("priority", "Medium")
    if priority is Priority.LOW:
        return pgettext("priority", "Low")
    return ""


def direction_name(direction: Direction) -> str:
    """Which way a metric should go, as the metric form lists them."""
    names = {
        Direction.INCREASE: _("Increase"),
        Direction.DECREASE: _("Decrease"),
        Direction.AT_MOST: _("Stay at most"),
        Direction.AT_LEAST: _("Stay at least"),
    }
    return names[direction]


def number_text(value: Decimal) -> str:
    """A metric's value the language's way, every decimal place kept: 1,234.5 / 1.234,5."""
    return format_number(value, formats.formatting_locale())


def value_text(value: Decimal, unit: str) -> str:
    """A value with the metric's unit (the user's word), when it has one: '12.5 km'."""
    number = number_text(value)
    return f"{number} {unit}" if unit else number


def limit_word(metric: Metric) -> str | None:
    """A limit's state in a word (the progress cell, the Target tab); None for a metric
    that increases or decreases."""
    within = metric.within
    if within is None:
        return None
    if within:
        # TRANSLATORS: a metric keeps its limit (shown in a narrow progress cell).
        return _("OK")
    if metric.direction is Direction.AT_MOST:
        # TRANSLATORS: a metric is above its at-most limit (shown in a narrow progress cell).
        return _("Over")
    # TRANSLATORS: a metric is below its at-least limit (shown in a narrow progress cell).
    return _("Under")


def metric_status(metric: Metric) -> str:
    """'135%', '−20%', 'Within the limit', 'Over the limit' or 'Under the limit'."""
    within = metric.within
    if within is not None:
        if within:
            return _("Within the limit")
        if metric.direction is Direction.AT_MOST:
            return _("Over the limit")
        return _("Under the limit")
    progress = metric.progress
    return "" if progress is None else formats.percent(progress)


def metric_tooltip(metric: Metric) -> str:
    """The progress cell's tooltip for a goal with a metric."""
    now = _("{metric}: {value} — {status}").format(
        metric=metric.name,
        value=value_text(metric.value, metric.unit),
        status=metric_status(metric),
    )
    way = _("{direction} from {baseline} to {target}").format(
        direction=direction_name(metric.direction),
        baseline=number_text(metric.baseline),
        target=value_text(metric.target, metric.unit),
    )
    return f"{now}\n{way}"


def progress_tooltip(done: int, total: int) -> str:
    return ngettext("{done} of {total} task done", "{done} of {total} tasks done", total).format(
        done=formats.number(done), total=formats.number(total)
    )


def habit_tooltip(share: float | None) -> str:
    """The progress cell's tooltip for a habit: its share of the last 30 days kept."""
    if share is None:
        return _("A habit: no days to count yet")
    return _("A habit: kept {share} of the last 30 days").format(share=formats.percent(share))


def due_tooltip(due: date | None, late: ItemRecord | None) -> str:
    """The due date in full, and the task below that is due after it, if one is."""
    text = _("Due {date}").format(date=formats.date_long(due)) if due else _("No due date")
    if late is not None and late.due is not None:
        later = _("{title} is due later: {date}").format(
            title=quoted(late.title), date=formats.date_short(late.due)
        )
        text = f"{text}\n{later}"
    return text


def created_text(created: datetime) -> str:
    """The Created column: the day the item was made, in the user's time zone."""
    return formats.date_short(created.astimezone().date())


def created_tooltip(created: datetime) -> str:
    return _("Created {moment}").format(moment=formats.moment(created))


def wide_countdown() -> str:
    """A long countdown ('Done 99 days early'): the Due column is made wide enough for one."""
    return countdown_text(date(2000, 4, 9), Status.DONE, date(2000, 1, 1), date(2000, 1, 1))
