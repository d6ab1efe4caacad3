"""What a failed read or write of the plan file tells the user."""

from __future__ import annotations

from planner.i18n import _


def read_only_message() -> str:
    return _(
        "This plan is open read-only (its file or its folder cannot be written): "
        "the change was not saved."
    )


def describe_failure(error: BaseException | None, writing: bool) -> str:
    """SQLite's complaint (the DB-API error) in the user's words, in the current language;
    a failed write changed nothing."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return _("The plan is busy: another program is writing to it. Try again in a moment.")
    if "full" in text:
        return (
            _("The disk is full. The change was not saved.") if writing else _("The disk is full.")
        )
    if "readonly" in text or "read-only" in text:
        return (
            _("The plan is read-only. The change was not saved.")
            if writing
            else _("The plan is read-only.")
        )
    if "malformed" in text or "not a database" in text:
        if writing:
            return _("The plan file is damaged ({error}). The change was not saved.").format(
                error=error
            )
        return _("The plan file is damaged ({error}).").format(error=error)
    if writing:
        return _("The plan could not be written: {error}. The change was not saved.").format(
            error=error
        )
    return _("The plan could not be read: {error}.").format(error=error)
