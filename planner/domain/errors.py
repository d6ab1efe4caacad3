"""Errors that carry a message meant for the user, and how they quote what was typed."""

import unicodedata

from planner import formats
from planner.i18n import _, ngettext

# Shown as escapes in a message: they would break its one line or turn its text around.
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def excerpt(text: str, limit: int = 40) -> str:
    """What a message quotes of a text: shortened with an ellipsis past `limit`, and on
    one line (a line break or another control character shows as its escape, `\\n`)."""
    shown = [
        ch.encode("unicode_escape").decode("ascii")
        if ch in _BIDI_CONTROLS or unicodedata.category(ch) in ("Cc", "Zl", "Zp")
        else ch
        for ch in text
    ]
    # The limit counts what is shown: escapes are up to 6 characters each.
    if sum(map(len, shown)) <= limit:
        return "".join(shown)
    kept, length = [], 0
    for piece in shown:
        if length + len(piece) > limit - 1:
            break
        kept.append(piece)
        length += len(piece)
    return "".join(kept) + "…"


class PlannerError(Exception):
    """Base of every error whose text can be shown to the user as it is."""


class InvalidInput(PlannerError):
    """A value the user typed cannot be used (empty title, impossible date, ...)."""


class NotFound(PlannerError):
    """An id that is not in the plan."""


class Refused(PlannerError):
    """A well-formed request that the plan's rules do not allow (a move into its own subtree)."""


class StorageError(PlannerError):
    """The plan file could not be read or written (busy, disk full, read-only, damaged)."""


class PlanFileError(PlannerError):
    """The plan file cannot be opened: not a plan, damaged, from a newer version, ..."""


class PlanInUse(PlanFileError):
    """The plan is open in another Planner window."""


class PlanFileMissing(PlanFileError):
    """The path names no file."""


class DamagedPlan(PlanFileError):
    """A value in the plan's rows does not read as what its column holds (a plan is data
    from outside: anyone can write anything into its file). `problem` names the value."""

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(
            _(
                "The plan is damaged: {problem} Restore a backup (planner backup list) or "
                "run planner check."
            ).format(problem=problem)
        )


class DamagedLog(PlanFileError):
    """The plan's write-ahead log holds saved changes SQLite cannot read: opening the plan
    as it is would drop them. A copy of the log was kept (`copy`)."""

    def __init__(self, plan: object, lost: int, copy: object) -> None:
        self.plan, self.lost, self.copy = plan, lost, copy
        super().__init__(
            ngettext(
                "The log of {plan} (its -wal file) is damaged: {n} saved change made after "
                "the damage cannot be read, and opening the plan as it is would lose it. A "
                "copy of the log is kept in '{copy}'.",
                "The log of {plan} (its -wal file) is damaged: {n} saved changes made after "
                "the damage cannot be read, and opening the plan as it is would lose them. A "
                "copy of the log is kept in '{copy}'.",
                lost,
            ).format(plan=plan, n=formats.number(lost), copy=getattr(copy, "name", copy))
        )
