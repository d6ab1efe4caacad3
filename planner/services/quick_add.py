"""Quick add: one typed line (`Buy running shoes fri !high @Ana €129.99 #Health`) made into
an item with all its parts, in one transaction whose undo removes it all (one step).

Reading the line is the domain's (domain/quick_add.py); here the names it holds are found
in the plan: the place (`#Health`, `#Health/Run_a_marathon`) among the groups and the
open items, the person (`@Ana`) among the people, and the amount's currency is checked
against the plan's.
"""

from __future__ import annotations

import dataclasses
import functools
from datetime import date
from decimal import Decimal

from planner.domain import changes as ch
from planner.domain.agenda import is_open
from planner.domain.costs import NewLine
from planner.domain.errors import InvalidInput
from planner.domain.items import ItemRecord, Priority, Status
from planner.domain.people import Person, name_key
from planner.domain.quick_add import QuickEntry, parse_quick_add
from planner.i18n import _
from planner.services.costs import CostService
from planner.services.plan import PlanService
from planner.services.ports import Unit

SHOWN_CHOICES = 3  # places or people named in a refusal that cannot choose


@dataclasses.dataclass(frozen=True, slots=True)
class QuickPlan:
    """What a quick entry will make, with its names found in the plan; `undated`: no
    due date at all (not the parent's, as a line without one otherwise gets)."""

    entry: QuickEntry
    parent: ItemRecord
    person: Person | None
    undated: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class QuickDefaults:
    """What a line leaves out, given by the view it is typed in (Today: due today; High
    priority: high; Assigned to Ana: Ana; No due date: `undated`). The line's own parts
    come first."""

    due: date | None = None
    undated: bool = False
    priority: Priority | None = None
    person_id: int | None = None


class QuickAddService:
    """Quick entries on one open plan (the same store as its PlanService)."""

    def __init__(self, plan: PlanService) -> None:
        self.plan = plan
        self.store = plan.store

    def read(self, line: str, today: date | None = None, language: str | None = None) -> QuickEntry:
        """The line's title and parts, each with its place in the line (for highlighting);
        nothing is looked up in the plan."""
        return parse_quick_add(line, today or self.plan.today(), language)

    def resolve(
        self, entry: QuickEntry, default_parent: int | None, defaults: QuickDefaults | None = None
    ) -> QuickPlan:
        """Find what the entry names: its place (else `default_parent`, else the first
        group), its person; check its amount's currency; what it leaves out taken from
        `defaults`. InvalidInput saying what cannot be found, or is named ambiguously."""
        given = defaults or QuickDefaults()
        if entry.due is None and given.due is not None:
            entry = dataclasses.replace(entry, due=given.due)
        if entry.priority is None and given.priority is not None:
            entry = dataclasses.replace(entry, priority=given.priority)
        with self.store.read() as unit:
            if entry.parent is not None:
                parent = _place(unit, entry.parent)
            elif default_parent is not None:
                parent = unit.require(default_parent)
            else:
                groups = unit.children(None, [Status.ACTIVE], limit=1)
                if not groups:
                    raise InvalidInput(_("The plan has no group to add to; add one first."))
                parent = groups[0]
            if entry.assignee:
                person = find_person(unit.people(), entry.assignee)
            elif given.person_id is not None:
                person = unit.require_person(given.person_id)
            else:
                person = None
        if entry.cost is not None:
            _check_currency(entry.cost.sign, CostService(self.store).currency())
        return QuickPlan(entry, parent, person, undated=entry.due is None and given.undated)

    def add(
        self,
        line: str,
        default_parent: int | None = None,
        *,
        today: date | None = None,
        language: str | None = None,
    ) -> ch.Outcome:
        """Make the item a quick-add line describes, with its due date, priority,
        assignee and cost line, under its place (else `default_parent`, else the first
        group): one change, undone in one step. Its id is `outcome.ids[0]`."""
        return self.make(self.resolve(self.read(line, today, language), default_parent))

    def make(self, plan: QuickPlan, notes: str = "", index: int | None = None) -> ch.Outcome:
        """Make what `resolve` found (its due date, when the line had none and it is not
        `undated`, the parent's or 30 days ahead, as any new item's), with `notes`, at
        `index` among the parent's active children (None: last)."""
        entry = plan.entry
        lines: list[NewLine] = []
        if entry.cost is not None:
            lines.append(NewLine(entry.title, Decimal(1), entry.cost.amount))
        create = functools.partial(
            self.plan.create_item,
            plan.parent.id,
            entry.title,
            priority=entry.priority or Priority.NONE,
            assignee_id=plan.person.id if plan.person else None,
            lines=lines,
            notes=notes,
            index=index,
        )
        return create() if entry.due is None and not plan.undated else create(due=entry.due)


def _place(unit: Unit, path: tuple[str, ...]) -> ItemRecord:
    """The one group or open item `#A/B` names: titled B, right under one titled A."""
    wanted = [_folded(part) for part in path]
    found: list[tuple[ItemRecord, list[ItemRecord]]] = []
    for record in unit.titled({path[-1], path[-1].replace(" ", "_")}):
        above = unit.ancestors(record.id)  # parent first
        if record.parent_id is None:
            fits = record.status is Status.ACTIVE
        else:
            fits = is_open(record, above)
        titles = [_folded(r.title) for r in [*reversed(above), record]]
        if fits and titles[-len(wanted) :] == wanted:
            found.append((record, above))
    shown = "#" + "/".join(p.replace(" ", "_") for p in path)
    if not found:
        raise InvalidInput(
            _(
                "Nothing open in the plan is called '{name}': no group, goal or task. "
                "Write \\{name} to keep it in the title."
            ).format(name=shown)
        )
    if len(found) > 1:
        paths = [" › ".join(a.title for a in [*reversed(above), r]) for r, above in found]
        raise InvalidInput(
            _("'{name}' could be {places}; write more of its path, as #Group/Goal.").format(
                name=shown, places=choices(paths)
            )
        )
    return found[0][0]


def _folded(title: str) -> str:
    """A title as `#Run_a_marathon` names it: no case, underscores as spaces."""
    return name_key(title).replace("_", " ")


def people_named(people: list[Person], typed: str) -> list[Person]:
    """Those a typed name may mean: by whole name, else by first name, else by the start
    of the name (case and accents as typed do not matter, underscores are spaces); none
    when nobody fits."""
    key = name_key(typed.replace("_", " "))
    for matches in (
        lambda p: name_key(p.name) == key,
        lambda p: name_key(p.name).split()[:1] == [key],
        lambda p: name_key(p.name).startswith(key),
    ):
        found = [p for p in people if matches(p)]
        if found:
            return found
    return []


def find_person(people: list[Person], typed: str) -> Person:
    """The one person `@Name` names (see people_named)."""
    found = people_named(people, typed)
    if len(found) == 1:
        return found[0]
    if found:
        raise InvalidInput(
            _("'@{name}' could be {people}; write more of the name, as @Ana_Silva.").format(
                name=typed.replace(" ", "_"), people=choices([p.name for p in found])
            )
        )
    raise InvalidInput(
        _(
            "Nobody in the plan is called '{name}'; add them to the people first, or write "
            "\\@{name} to keep it in the title."
        ).format(name=typed.replace(" ", "_"))
    )


def choices(names: list[str]) -> str:
    shown = ", ".join(f"'{n}'" for n in names[:SHOWN_CHOICES])
    if len(names) > SHOWN_CHOICES:
        shown += " …"
    return shown


def currency_signs(code: str) -> set[str]:
    """What stands for a currency: its code, and its symbol in each language Planner
    speaks and in English (€; $ and US$; R$; ¥; ₽)."""
    from babel.numbers import get_currency_symbol

    signs = {code}
    for locale in ("en", "en_US", "ru", "pt_BR", "zh_Hans_CN", "de"):
        symbol = get_currency_symbol(code, locale)
        signs.add(symbol)
        if len(symbol) > 1 and not symbol[-1].isalpha():  # US$, CA$: also the bare $
            signs.add(symbol[-1])
    return signs


def _check_currency(sign: str, currency: str) -> None:
    if sign not in currency_signs(currency):
        raise InvalidInput(
            _("The plan counts in {currency}; '{sign}' is another currency.").format(
                currency=currency, sign=sign
            )
        )
