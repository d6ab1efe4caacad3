"""Calculation lines and totals: what a line is, what its totals are, and the rules they
follow (added up by CostRollup; tests/cost_reference.py follows them plainly, line by line,
to check it).

Who counts for whom: the lines of item X count in the total of each item A from X up to
the top (and in the plan's total) when calculation is on for X and no item from X up to,
but not including, A is deleted; so a deleted item shows its own figures but adds nothing
above it. Such a line is *done* for A when X or any item between X and A, A included, is
done: a done goal's whole total is spent.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from planner.domain.errors import InvalidInput
from planner.domain.money import amount_units, check_price, check_quantity, from_units
from planner.domain.validation import UNIT_MESSAGES, LineMessages, clean_line
from planner.i18n import _, ngettext, pgettext

LINE_FIELDS = ("description", "quantity", "unit", "unit_price", "kind")
DESCRIPTION_MAX = 500
UNIT_MAX = 50
DESCRIPTION_MESSAGES = LineMessages(
    lambda: _("A line's description must be text."),
    lambda n: ngettext(
        "A line's description can be at most {limit} character.",
        "A line's description can be at most {limit} characters.",
        n,
    ),
    lambda: _("A line's description is required."),
)


class LineKind(enum.StrEnum):
    EXPENSE = "expense"
    INCOME = "income"

    @property
    def label(self) -> str:
        """The kind as shown ("Expense"), in the current language."""
        if self is LineKind.INCOME:
            return pgettext("kind", "Income")
        return pgettext("kind", "Expense")


@dataclasses.dataclass(frozen=True, slots=True)
class CostLine:
    """One line of an item's calculation, exactly as stored."""

    id: int
    item_id: int
    position: int
    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    kind: LineKind = LineKind.EXPENSE

    @property
    def amount(self) -> Decimal:
        return from_units(self.units)

    @property
    def units(self) -> int:
        """The amount in 10^-10 units, for exact integer sums."""
        return amount_units(self.quantity, self.unit_price)


@dataclasses.dataclass(frozen=True, slots=True)
class NewLine:
    """A line to add (from an import): no id nor position yet."""

    description: str
    quantity: Decimal
    unit_price: Decimal
    unit: str = ""
    kind: LineKind = LineKind.EXPENSE


@dataclasses.dataclass(frozen=True, slots=True)
class Figures:
    """Sums in 10^-10 units: expenses and incomes, all and done, and how many lines count."""

    expense: int = 0
    expense_done: int = 0
    income: int = 0
    income_done: int = 0
    lines: int = 0

    def totals(self) -> Totals:
        return Totals(
            from_units(self.expense),
            from_units(self.expense_done),
            from_units(self.income),
            from_units(self.income_done),
            self.lines,
        )


@dataclasses.dataclass(frozen=True, slots=True)
class Totals:
    """An item's (or the plan's) totals, exact, split expense / income and done / remaining."""

    expense: Decimal = Decimal(0)
    expense_done: Decimal = Decimal(0)
    income: Decimal = Decimal(0)
    income_done: Decimal = Decimal(0)
    lines: int = 0  # how many lines count; 0: nothing below counts (the window shows blank)

    @property
    def expense_remaining(self) -> Decimal:
        return self.expense - self.expense_done

    @property
    def income_remaining(self) -> Decimal:
        return self.income - self.income_done

    @property
    def net(self) -> Decimal:
        """Incomes minus expenses."""
        return self.income - self.expense

    @property
    def net_done(self) -> Decimal:
        return self.income_done - self.expense_done

    @property
    def net_remaining(self) -> Decimal:
        return self.net - self.net_done

    @property
    def cost(self) -> Decimal:
        """What the item costs: expenses minus incomes (negative: it brings money in)."""
        return self.expense - self.income

    @property
    def headline(self) -> Decimal:
        """The one figure of a "Total" column, the status bar, a breakdown's part and the
        exports: the cost (see money.format_cost for how it is shown)."""
        return self.cost

    def as_strings(self) -> dict[str, str | int]:
        """Exact figures as decimal text, for JSON."""
        from planner.domain.money import decimal_text

        names = (
            *("expense", "expense_done", "expense_remaining"),
            *("income", "income_done", "income_remaining"),
            *("net", "net_done", "net_remaining"),
        )
        out: dict[str, str | int] = {n: decimal_text(getattr(self, n)) for n in names}
        out["lines"] = self.lines
        return out


def line_cost(line: CostLine) -> Decimal:
    """A line's amount as a cost: an income's is negative (shown "+€…": money in)."""
    return -line.amount if line.kind is LineKind.INCOME else line.amount


@dataclasses.dataclass(frozen=True, slots=True)
class Breakdown:
    """Where an item's total comes from: its own lines, then each child's part."""

    own_lines: tuple[CostLine, ...]
    own: Totals  # the own lines' part (nothing when calculation is off)
    # (child id, its part), sibling order; the explanation from totals in memory
    # (CostService.explain) lists none when no line below the item counts
    children: tuple[tuple[int, Totals], ...]
    total: Totals


def as_part(totals: Totals, owner_done: bool) -> Totals:
    """A child's totals as its parent counts them: all done when the parent is done."""
    if not owner_done:
        return totals
    return Totals(totals.expense, totals.expense, totals.income, totals.income, totals.lines)


def add_totals(parts: Iterable[Totals]) -> Totals:
    expense = expense_done = income = income_done = Decimal(0)
    lines = 0
    for p in parts:
        expense += p.expense
        expense_done += p.expense_done
        income += p.income
        income_done += p.income_done
        lines += p.lines
    return Totals(expense, expense_done, income, income_done, lines)


def own_totals(lines: Iterable[CostLine], calc_on: bool, done: bool) -> Totals:
    if not calc_on:
        return Totals()
    expense, income, count = line_sums(lines)
    return Figures(expense, expense if done else 0, income, income if done else 0, count).totals()


def line_sums(lines: Iterable[CostLine]) -> tuple[int, int, int]:
    """Expense and income (in 10^-10 units) and how many, of some lines."""
    expense = income = count = 0
    for line in lines:
        if line.kind is LineKind.EXPENSE:
            expense += line.units
        else:
            income += line.units
        count += 1
    return expense, income, count


def clean_line_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Checked values of a line's fields, or InvalidInput saying what is wrong."""
    unknown = set(fields) - set(LINE_FIELDS)
    if unknown:
        raise InvalidInput(
            _("Unknown line field: {names}.").format(names=", ".join(sorted(unknown)))
        )
    clean: dict[str, Any] = {}
    for key, value in fields.items():
        if key == "description":
            clean[key] = clean_line(value, DESCRIPTION_MESSAGES, DESCRIPTION_MAX, required=True)
        elif key == "unit":
            clean[key] = clean_line(value, UNIT_MESSAGES, UNIT_MAX, required=False)
        elif key == "quantity":
            clean[key] = check_quantity(value)
        elif key == "unit_price":
            clean[key] = check_price(value)
        elif key == "kind":
            try:
                clean[key] = LineKind(value)
            except ValueError:
                raise InvalidInput(
                    # TRANSLATORS: "expense" and "income" are the words a file holds: keep them.
                    _("{value} is not a kind of line (expense or income).").format(
                        value=repr(value)
                    )
                ) from None
    return clean
