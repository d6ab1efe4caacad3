"""A habit's figures in words, for the details panel and the card: "Current streak: 3 days
· best: 7 days", "Kept 73% of the last 30 days, 60% of the last 90"."""

from __future__ import annotations

from planner import formats
from planner.domain.habits import Figures
from planner.i18n import _, ngettext


def streak_text(found: Figures) -> str:
    """The current and the best streak, in days (in weeks for N times a week)."""
    if found.in_weeks:
        current = ngettext("{n} week", "{n} weeks", found.current).format(n=found.current)
        best = ngettext("{n} week", "{n} weeks", found.best).format(n=found.best)
    else:
        current = ngettext("{n} day", "{n} days", found.current).format(n=found.current)
        best = ngettext("{n} day", "{n} days", found.best).format(n=found.best)
    return _("Current streak: {current} · best: {best}").format(current=current, best=best)


def kept_text(found: Figures, locale: str | None = None) -> str:
    """The share of days kept over the last 30 and 90 days ("–": nothing to count yet)."""
    kept_30 = "–" if found.kept_30 is None else formats.percent(found.kept_30, locale)
    kept_90 = "–" if found.kept_90 is None else formats.percent(found.kept_90, locale)
    return _("Kept {kept_30} of the last 30 days, {kept_90} of the last 90").format(
        kept_30=kept_30, kept_90=kept_90
    )
