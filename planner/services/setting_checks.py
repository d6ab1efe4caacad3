"""The plan's settings that do not read (a plan is data from outside): each is ignored
where it is read, the default used instead, and `planner check` names it."""

from __future__ import annotations

from collections.abc import Callable

from planner.domain.errors import excerpt
from planner.domain.shares import PAGE_SIZES
from planner.i18n import _
from planner.services.costs import CURRENCY_KEY, plan_currency
from planner.services.ports import Unit
from planner.services.reminders import DEFAULT_KEY, LAST_LOOK_KEY, last_look, read_default
from planner.services.workdays import calendar_problems

PAGE_KEY = "card_page"  # the page of PDF cards (services.shares)


def setting_problems(unit: Unit) -> list[str]:
    """One line for each setting that does not read, in plain words."""
    keys = calendar_problems(unit)
    currency = unit.setting(CURRENCY_KEY)
    if currency and plan_currency(unit) != currency:
        keys.append(CURRENCY_KEY)
    default = unit.setting(DEFAULT_KEY)
    if default and not _reads(read_default, default):
        keys.append(DEFAULT_KEY)
    seen = unit.setting(LAST_LOOK_KEY)
    if seen and last_look(seen) is None:
        keys.append(LAST_LOOK_KEY)
    page = unit.setting(PAGE_KEY)
    if page and page not in PAGE_SIZES:
        keys.append(PAGE_KEY)
    return [
        _("Setting {key}: '{value}' does not read; it is ignored (the default is used).").format(
            key=key, value=excerpt(unit.setting(key))
        )
        for key in keys
    ]


def _reads(read: Callable[[str], object], text: str) -> bool:
    try:
        read(text)
    except ValueError:
        return False
    return True
