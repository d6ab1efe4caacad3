"""The plan a window has open, as the window's parts see it: its file, and the controller
that runs each change on its services and tree model as one undoable step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from planner.i18n import _
from planner.services.plan import PlanService
from planner.ui.controller import PlanController
from planner.ui.tree.model import PlanTreeModel


@dataclass(frozen=True)
class Session:
    path: Path
    temporary: bool  # the sample plan: never remembered as the last plan
    controller: PlanController

    @property
    def service(self) -> PlanService:
        return self.controller.service

    @property
    def model(self) -> PlanTreeModel:
        return self.controller.model

    def window_title(self) -> str:
        if self.service.store.read_only:
            # TRANSLATORS: the window's title: the plan's name, then the program's.
            return _("{plan} (read-only) — Planner").format(plan=self.path.stem)
        # TRANSLATORS: the window's title: the plan's name, then the program's.
        return _("{plan} — Planner").format(plan=self.path.stem)

    def where(self) -> str:
        """The status bar's note of the plan's file."""
        if self.temporary:
            return _("Sample plan: a temporary copy, not your own plan")
        return str(self.path)


# The plan open now (None while none is): parts ask each time, never keep it.
OpenSession = Callable[[], Session | None]

T = TypeVar("T")


class HasSession(Protocol):
    session: Session | None


class OfSession(Generic[T]):
    """An attribute of the window read from its open plan (None while none is open)."""

    def __init__(self, part: Callable[[Session], T]) -> None:
        self._part = part

    def __get__(self, holder: HasSession, owner: type | None = None) -> T | None:
        session = holder.session
        return self._part(session) if session is not None else None
