"""Pure-Python rules of a plan: items, statuses, countdowns, validation. No Qt, no SQL."""
