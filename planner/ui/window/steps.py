"""Each user action as one undoable step: the details panel's typing sent first, the
action run through the plan's controller, what it touched selected, and the details
panel shown once at the end (not after each of the step's changes)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from planner.domain import changes as ch
from planner.domain.items import ItemRecord
from planner.ui.controller import Action, StepName
from planner.ui.session import OpenSession


class Coalesced:
    """A refresh asked for during a block of work runs once, when the block ends; outside
    a block, at once."""

    def __init__(self, refresh: Callable[[], None]) -> None:
        self._refresh = refresh
        self._asked: bool | None = None  # None: no block runs; else whether one asked

    def __call__(self) -> None:
        if self._asked is None:
            self._refresh()
        else:
            self._asked = True

    @property
    def holding(self) -> bool:
        """Whether a block runs (a refresh asked now comes when it ends)."""
        return self._asked is not None

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        if self._asked is not None:  # inside a block already: the outer one refreshes
            yield
            return
        self._asked = False
        try:
            yield
        finally:
            asked, self._asked = self._asked, None
            if asked:
                self._refresh()


class Reveals(Protocol):
    def reveal(self, item_ids: Sequence[int], edit: bool = False) -> None: ...
    def current_record(self) -> ItemRecord | None: ...


@dataclass(eq=False)
class Steps:
    """Handed the open plan, the details panel's flush, its refresh and the selection."""

    session: OpenSession
    flush_details: Callable[[], None]
    show_details: Coalesced
    selection: Reveals
    # The item a step just made, its title editor open: (its id, the history's index
    # right after that step, the item current before). Escape on the title takes it back.
    fresh: tuple[int, int, int | None] | None = None

    def run(
        self,
        name: StepName,
        action: Action,
        select: bool = True,
        edit: bool = False,
        acted_on: Sequence[int] | None = None,
    ) -> list[ch.Outcome] | None:
        """Do `action` as the undoable step `name`; then select what it touched, or only
        the items it `acted_on` when given (done on a repeating goal touches the subtree
        it brings back too), and start editing its title, with `edit`. None: no plan, or
        the action failed."""
        session = self.session()
        if session is None:
            return None
        self.flush_details()
        self.fresh = None
        before = self.selection.current_record()
        with self.show_details.held():
            outcomes = session.controller.run(name, action, acted_on)
            made = [i for o in outcomes or () for i in o.ids]
            if edit and len(made) == 1:
                was = None if before is None else before.id
                self.fresh = (made[0], session.controller.stack.index(), was)
            if outcomes and select:
                self.selection.reveal(made if acted_on is None else acted_on, edit=edit)
        return outcomes

    def cancel_fresh(self, item_id: int | None) -> None:
        """Escape on a new item's title: the step that made it is taken back, and leaves
        nothing to redo. Only while it is still the last step."""
        fresh, self.fresh = self.fresh, None
        session = self.session()
        if session is None or fresh is None or fresh[0] != item_id:
            return
        stack = session.controller.stack
        if stack.index() != fresh[1] or stack.index() == 0:
            return
        command = stack.command(stack.index() - 1)
        if command is None:
            return
        stack.undo()
        if stack.index() == fresh[1] - 1:  # undone (not refused): drop it from the history
            command.setObsolete(True)
            stack.redo()  # Qt removes an obsolete command instead of redoing it
            if fresh[2] is not None:
                self.selection.reveal([fresh[2]])  # back where the user was

    def run_in_place(self, name: StepName, action: Action) -> None:
        """A step asked for by a panel (people, the action plan): the selection stays."""
        self.run(name, action, select=False)
