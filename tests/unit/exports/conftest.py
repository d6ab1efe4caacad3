"""The share card's test plan, for the card's tests in HTML, PDF and PNG."""

from __future__ import annotations

import pytest

from planner.services.plan import PlanService
from tests.helpers.cards import card_plan


@pytest.fixture
def plan(service: PlanService) -> dict[str, int]:
    """See helpers.cards.card_plan."""
    return card_plan(service)
