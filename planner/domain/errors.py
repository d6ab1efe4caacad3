"""Errors that carry a message meant for the user."""


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


class PlanFileMissing(PlanFileError):
    """The path names no file."""
