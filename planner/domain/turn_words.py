"""A repeating item's past turns in words, for the details panel and `planner show`: "Done
3 times, last on Dec 7, 2026 · Skipped 1 time · Spent €37.50 in all"."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from planner import formats
from planner.domain.money import format_money
from planner.domain.repeats import Occurrence
from planner.i18n import _, ngettext

SEPARATOR = " · "  # not-ui: between the parts, as the habit's figures are joined


def turns_text(occurrences: Sequence[Occurrence], currency: str, locale: str | None = None) -> str:
    """How often the item was done and skipped, when it was last done, and what its turns
    spent and earned (their cost lines' amounts then, in the plan's `currency`); "" before
    its first turn. Dates and money in `locale` (default: the user's)."""
    done = [o for o in occurrences if o.done_at is not None]
    skipped = len(occurrences) - len(done)
    parts = []
    if done:
        last = max(o.done_at for o in done if o.done_at is not None)
        parts.append(
            ngettext(
                "Done {n} time, last on {day}", "Done {n} times, last on {day}", len(done)
            ).format(
                n=formats.number(len(done)),
                day=formats.date_short(last.astimezone().date(), locale),
            )
        )
    if skipped:
        parts.append(
            ngettext("Skipped {n} time", "Skipped {n} times", skipped).format(
                n=formats.number(skipped)
            )
        )
    spent = sum((o.expense for o in done), Decimal(0))
    earned = sum((o.income for o in done), Decimal(0))
    if spent:
        parts.append(_("Spent {money} in all").format(money=format_money(spent, currency, locale)))
    if earned:
        parts.append(
            _("Earned {money} in all").format(money=format_money(earned, currency, locale))
        )
    return SEPARATOR.join(parts)
