"""What a failed read or write of the plan file tells the user."""

from __future__ import annotations

READ_ONLY_MESSAGE = (
    "This plan is open read-only (its file or its folder cannot be written): "
    "the change was not saved."
)


def describe_failure(error: BaseException | None, writing: bool) -> str:
    """SQLite's complaint (the DB-API error) in the user's words; a failed write changed
    nothing."""
    text = str(error).lower()
    lost = " The change was not saved." if writing else ""
    if "locked" in text or "busy" in text:
        return "The plan is busy: another program is writing to it. Try again in a moment."
    if "full" in text:
        return "The disk is full." + lost
    if "readonly" in text or "read-only" in text:
        return "The plan is read-only." + lost
    if "malformed" in text or "not a database" in text:
        return "The plan file is damaged (" + str(error) + ")." + lost
    return f"The plan could not be {'written' if writing else 'read'}: {error}." + lost
