"""The plan's calendar as settings: working days on and off, the week, a country whose
holidays are kept in the plan (the library not loaded again to count), and put back as it
was (the window's undo)."""

from __future__ import annotations

import sys
from datetime import date

import pytest

from planner.domain.errors import InvalidInput
from planner.domain.workdays import WORKWEEK, country_holidays
from planner.services.plan import PlanService
from planner.services.workdays import WorkdayService
from tests.helpers.plan_rows import plan_rows


def test_set_kept_and_put_back(service: PlanService) -> None:
    workdays = WorkdayService(service.store, service.clock)
    before = plan_rows(service)
    assert workdays.calendar().on is False
    old = workdays.set_calendar(True, "sun-thu", "de")
    calendar = workdays.calendar()
    assert (calendar.on, calendar.week, calendar.country) == (
        True,
        frozenset({6, 0, 1, 2, 3}),
        "DE",
    )
    year = service.today().year
    assert calendar.years == (year - 2, year + 20)
    assert date(year, 12, 25) in calendar.holidays
    workdays.set_calendar(False)  # the week and the country stay
    assert workdays.calendar().country == "DE" and not workdays.calendar().on
    workdays.restore(old)
    assert plan_rows(service) == before
    assert workdays.calendar().week == WORKWEEK


def test_counting_with_the_kept_holidays_loads_nothing(
    service: PlanService, monkeypatch: pytest.MonkeyPatch
) -> None:
    workdays = WorkdayService(service.store, service.clock)
    workdays.set_calendar(True, country="DE")
    calendar = workdays.calendar()
    country_holidays.cache_clear()
    monkeypatch.setitem(sys.modules, "holidays", None)  # importing it now would fail
    year = service.today().year
    assert calendar.working_days(date(year, 12, 23), date(year + 1, 1, 2)) >= 4
    assert not calendar.is_working(date(year + 1, 1, 1))


def test_refused_settings_change_nothing(service: PlanService) -> None:
    workdays = WorkdayService(service.store, service.clock)
    before = plan_rows(service)
    with pytest.raises(InvalidInput, match="ZZ is not a country"):
        workdays.set_calendar(True, country="ZZ")
    with pytest.raises(InvalidInput, match="'mon,xyz' is not a working week"):
        workdays.set_calendar(True, week="mon,xyz")
    assert plan_rows(service) == before
