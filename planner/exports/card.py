"""The read-only card of one goal or task: what it shows, built from the services, and its
HTML from the template in resources/card/ (Jinja2, autoescape on).

The card holds only the shared item and its subtree (active and done; deleted items and
everything under them never), the titles of the items above it (its path), and the plan's
name. No ids, no file paths: the model has no field that could carry one.

Parts an item does not use are left out. Assignees, the metric, "why it matters",
"examples" and images are optional fields: empty, the template leaves their section out.

Images go in as clean copies (services/image_codec.py): their pixels only, turned as the
camera meant and scaled to what the card shows; the stored files are never shared.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from planner import formats, i18n
from planner.domain.cost_rollup import CostRollup
from planner.domain.costs import CostLine, LineKind, Totals, line_cost
from planner.domain.countdown import countdown_text, is_overdue
from planner.domain.errors import InvalidInput, Refused
from planner.domain.habit_words import kept_text, streak_text
from planner.domain.images import fit_within
from planner.domain.items import ItemRecord, Status
from planner.domain.money import as_cost, format_money, format_number
from planner.domain.turn_words import turns_text
from planner.i18n import _, pgettext
from planner.services.habits import HabitService
from planner.services.image_codec import clean_copy
from planner.services.images import ImageService
from planner.services.metrics import MetricService
from planner.services.people import PeopleService
from planner.services.plan import PlanService
from planner.services.repeats import RepeatService
from planner.services.workdays import WorkdayService

# How far the checklist indents; deeper levels line up with the last one (a plan has no
# depth limit, a page has).
MAX_INDENT = 12
CHECK_INS = 5  # the latest check-ins a card lists
IMAGE_WIDTH = 300  # the widest an image is shown (CSS px; 79 mm printed)
IMAGE_HEIGHT = 600  # the tallest: an image never takes more than part of a page
# Pixels kept per shown px: about 290 dpi printed, sharp on a 3x phone screen. Anything
# more only makes the card heavier (and Qt refuses to decode over 256 MB for an image).
IMAGE_DETAIL = 3


@dataclasses.dataclass(frozen=True, slots=True)
class CardLine:
    """One cost line as shown: every number already formatted."""

    description: str
    quantity: str
    unit: str
    unit_price: str
    amount: str
    income: bool


@dataclasses.dataclass(frozen=True, slots=True)
class CardCosts:
    """One item's cost lines on the card (the shared item's, or a subtask's)."""

    owner: str  # the title of the item holding the lines ("" for the shared item itself)
    lines: tuple[CardLine, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class CardTotals:
    """Totals of the shared item, formatted; incomes only when there are some."""

    expense: str
    expense_done: str
    expense_remaining: str
    income: str = ""
    income_done: str = ""
    income_remaining: str = ""
    net: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class CardCheckIn:
    day: str
    value: str


@dataclasses.dataclass(frozen=True, slots=True)
class CardMetric:
    """A measurable target (filled in where the plan has metrics)."""

    name: str
    baseline: str
    target: str
    current: str
    percent: int  # may pass 100 or fall below 0
    unit: str = ""
    stretch: str = ""
    check_ins: tuple[CardCheckIn, ...] = ()
    locale: str = ""  # of its numbers ("": the current language's)

    @property
    def percent_text(self) -> str:
        return formats.percent(Decimal(self.percent) / 100, self.locale or None)


@dataclasses.dataclass(frozen=True, slots=True)
class CardImage:
    """An image shown on the card, embedded (a data: URI in HTML, never a file): a clean
    copy, never the stored file. Without data, only its caption and why it is not shown."""

    mime: str
    data: bytes
    caption: str = ""
    width: int = IMAGE_WIDTH  # as shown, in CSS px
    height: int = IMAGE_WIDTH
    missing: str = ""  # why it is not shown ("" when it is)

    @property
    def data_uri(self) -> str:
        import base64

        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclasses.dataclass(frozen=True, slots=True)
class CardRepeat:
    """A repeating item's rule in words and its next due dates."""

    words: str  # "Every 2 weeks on Mon, Thu, from the due date"
    next_due: str = ""  # "" when paused or ended
    then: tuple[str, ...] = ()
    history: str = ""  # "Done 3 times, last on Dec 7, 2026 · Spent €37.50 in all"


@dataclasses.dataclass(frozen=True, slots=True)
class CardHabitDay:
    day: str  # as a tooltip shows it
    ticked: bool
    due: bool


@dataclasses.dataclass(frozen=True, slots=True)
class CardHabit:
    """A habit's last 30 days, streaks and shares kept."""

    strip: tuple[CardHabitDay, ...]
    first_day: str
    streaks: str
    kept: str


@dataclasses.dataclass(frozen=True, slots=True)
class CardRow:
    """One subtask of the checklist, flattened: `depth` 1 is a child of the shared item."""

    title: str
    depth: int
    done: bool
    countdown: str
    overdue: bool
    due: str
    priority: str
    total: str = ""
    assignees: tuple[str, ...] = ()

    @property
    def indent(self) -> int:
        return min(self.depth, MAX_INDENT) - 1


@dataclasses.dataclass(frozen=True, slots=True)
class Card:
    plan_name: str
    made_on: str  # "Sunday, 22 November 2026" (formats.date_long), in the user's language
    kind: str  # "Goal" or "Task", in the user's language
    title: str
    path: tuple[str, ...]  # the titles above it, from its group down
    created: str
    due: str
    countdown: str
    overdue: bool
    status: str  # "Active" or "Done", in the user's language
    priority: str  # "" when none
    notes: str
    progress: tuple[int, int] | None  # (done, total) of its subtasks; None without any
    costs: tuple[CardCosts, ...]
    totals: CardTotals | None
    rows: tuple[CardRow, ...]
    assignees: tuple[str, ...] = ()
    metric: CardMetric | None = None
    why: str = ""
    examples: str = ""
    images: tuple[CardImage, ...] = ()
    locale: str = ""  # of its dates and numbers ("": the current language's)
    done: bool = False
    repeat: CardRepeat | None = None
    habit: CardHabit | None = None

    @property
    def percent_text(self) -> str:
        return formats.percent(Decimal(self.percent) / 100, self.locale or None)

    @property
    def percent(self) -> int:
        if self.progress is None or not self.progress[1]:
            return 0
        return round(100 * self.progress[0] / self.progress[1])

    @property
    def open_rows(self) -> int:
        return sum(1 for r in self.rows if not r.done)


def build_card(
    service: PlanService, item_id: int, plan_name: str, locale: str | None = None
) -> Card:
    """The card of one goal or task as of today (the service's clock), in the current
    language; dates, numbers and money in `locale` (default: formats.formatting_locale)."""
    locale = locale or formats.formatting_locale()
    from planner.services.costs import CostService

    currency = CostService(service.store).currency()
    with service.store.read() as unit:
        root = unit.require(item_id)
        if root.is_group:
            raise Refused(_("A card shows one goal or task; choose one inside the group."))
        ancestors = list(reversed(unit.ancestors(item_id)))
        if root.status is Status.DELETED or any(a.status is Status.DELETED for a in ancestors):
            raise Refused(
                _("'{title}' is deleted; restore it before sharing it.").format(title=root.title)
            )
        records = _visible(unit.subtree(item_id), item_id)
        lines = unit.lines(r.id for r in records)
    today = service.today()
    nodes = [(r.id, r.parent_id, r.status, r.calc_on) for r in records]
    rollup = CostRollup.of_nodes(nodes, lines)  # linear, however deep the item
    totals = {r.id: rollup.totals(r.id) for r in records}
    children = _children(records)
    ordered = _depth_first(children, item_id)

    def money(value: Decimal) -> str:
        return format_money(value, currency, locale)

    def day(value: date | None) -> str:
        return "" if value is None else formats.date_short(value, locale)

    calendar = WorkdayService(service.store, service.clock).calendar()

    def countdown(r: ItemRecord) -> str:
        done_on = r.done_at.astimezone().date() if r.done_at else None
        return countdown_text(r.due, r.status, done_on, today, calendar)

    names = {p.id: p.name for p in PeopleService(service.store).people()}

    def assignees(r: ItemRecord) -> tuple[str, ...]:
        return (names[r.assignee_id],) if r.assignee_id in names else ()

    done = _done_marks(records, item_id)
    rows = tuple(
        CardRow(
            title=r.title,
            depth=depth,
            done=done[r.id],
            # An active task inside a done one is done with it.
            countdown=countdown(r)
            if r.status is Status.DONE or not done[r.id]
            else pgettext("status", "Done"),
            overdue=is_overdue(r.due, r.status, today) and not done[r.id],
            due=day(r.due),
            priority=r.priority.label,
            total=as_cost(totals[r.id].headline, money) if totals[r.id].lines else "",
            assignees=assignees(r),
        )
        for r, depth in ordered
    )
    progress = (sum(done[r.id] for r, _ in ordered), len(ordered))
    return Card(
        plan_name=plan_name,
        made_on=formats.date_long(today, locale),
        kind=pgettext("card", "Goal")
        if ancestors and ancestors[-1].is_group
        else pgettext("card", "Task"),
        title=root.title,
        path=tuple(a.title for a in ancestors),
        created=day(root.created.astimezone().date()),
        due=day(root.due),
        countdown=countdown(root),
        overdue=is_overdue(root.due, root.status, today),
        status=pgettext("status", "Done")
        if root.status is Status.DONE
        else pgettext("status", "Active"),
        done=root.status is Status.DONE,
        priority=root.priority.label,
        notes=root.notes,
        progress=progress if progress[1] else None,
        costs=_costs([root, *(r for r, _ in ordered)], lines, item_id, locale, money),
        totals=_totals(totals[item_id], money),
        rows=rows,
        assignees=assignees(root),
        metric=_metric(MetricService(service.store), item_id, day, locale),
        why=root.why,
        examples=root.examples,
        images=_images(ImageService(service.store), item_id),
        locale=locale,
        repeat=_repeat(RepeatService(service.store, service.clock), item_id, day, locale),
        habit=_habit(HabitService(service.store, service.clock), item_id, today, locale),
    )


def _repeat(repeats: RepeatService, item_id: int, day: Any, locale: str) -> CardRepeat | None:
    """The item's rule in words, its next due dates (none while paused) and its turns."""
    view = repeats.view(item_id)
    if view is None:
        return None
    repeat = view.repeat
    if repeat.from_done:
        words = _("{rule}, from the day it is done").format(rule=view.words)
    else:
        words = _("{rule}, from the due date").format(rule=view.words)
    history = turns_text(view.occurrences, view.currency, locale)
    if repeat.paused:
        return CardRepeat(_("{rule} (paused)").format(rule=words), history=history)
    then = tuple(day(d) for d in view.then)
    return CardRepeat(words, day(view.next_due), then, history)


def _habit(habits: HabitService, item_id: int, today: date, locale: str) -> CardHabit | None:
    """The habit's strip of the last 30 days, its streaks and the shares kept."""
    view = habits.view(item_id, today)
    if view is None:
        return None
    found = view.figures
    strip = tuple(
        CardHabitDay(formats.date_short(d.day, locale), d.ticked, d.due) for d in found.strip
    )
    return CardHabit(strip, strip[0].day, streak_text(found), kept_text(found, locale))


def _metric(metrics: MetricService, item_id: int, day: Any, locale: str) -> CardMetric | None:
    """The item's measurable target with its latest check-ins (newest first)."""
    metric = metrics.metric(item_id)
    if metric is None:
        return None
    share = metric.share
    checkins = sorted(metrics.checkins(item_id), key=lambda c: (c.day, c.id), reverse=True)

    def number(value: Decimal) -> str:
        return format_number(value, locale)

    return CardMetric(
        name=metric.name,
        baseline=number(metric.baseline),
        target=number(metric.target),
        current=number(metric.value),
        percent=round(100 * share) if share is not None else 0,
        unit=metric.unit,
        stretch="" if metric.stretch is None else number(metric.stretch),
        check_ins=tuple(CardCheckIn(day(c.day), number(c.value)) for c in checkins[:CHECK_INS]),
        locale=locale,
    )


def _images(images: ImageService, item_id: int) -> tuple[CardImage, ...]:
    """The item's images as clean copies: only their pixels, turned as the camera meant,
    scaled to what the card shows (IMAGE_DETAIL times its size)."""
    box = (IMAGE_WIDTH * IMAGE_DETAIL, IMAGE_HEIGHT * IMAGE_DETAIL)
    shown = []
    for info in images.images(item_id):
        try:
            picture = clean_copy(info.filename, images.data(info.id), box)
        except InvalidInput:  # spoilt in the plan file since it was added
            shown.append(CardImage("", b"", info.filename, missing=_("it does not decode")))
            continue
        except Refused:
            shown.append(CardImage("", b"", info.filename, missing=_("it is too large")))
            continue
        width, height = fit_within((picture.width, picture.height), (IMAGE_WIDTH, IMAGE_HEIGHT))
        shown.append(CardImage(picture.mime, picture.data, info.filename, width, height))
    return tuple(shown)


def _visible(records: list[ItemRecord], root_id: int) -> list[ItemRecord]:
    """The subtree without deleted items and what is under them (records come parents
    first, as `subtree` gives them)."""
    kept: set[int] = set()
    out = []
    for r in records:
        if r.status is Status.DELETED:
            continue
        if r.id == root_id or r.parent_id in kept:
            kept.add(r.id)
            out.append(r)
    return out


def _children(records: list[ItemRecord]) -> dict[int | None, list[ItemRecord]]:
    children: dict[int | None, list[ItemRecord]] = {}
    # Active children first, then the done ones, each in their order: as the tree shows them.
    ranked = sorted(records, key=lambda r: (r.status is Status.DONE, r.position, r.id))
    for r in ranked:
        children.setdefault(r.parent_id, []).append(r)
    return children


def _depth_first(
    children: dict[int | None, list[ItemRecord]], root_id: int
) -> list[tuple[ItemRecord, int]]:
    out: list[tuple[ItemRecord, int]] = []
    stack = [(r, 1) for r in reversed(children.get(root_id, []))]
    while stack:
        record, depth = stack.pop()
        out.append((record, depth))
        stack.extend((c, depth + 1) for c in reversed(children.get(record.id, [])))
    return out


def _done_marks(records: list[ItemRecord], root_id: int) -> dict[int, bool]:
    """For each subtask: done itself, or inside a done item below the shared one (as the
    tree's progress bar counts it). Records come parents first."""
    marks: dict[int, bool] = {root_id: False}
    for r in records:
        if r.id != root_id:
            marks[r.id] = r.status is Status.DONE or marks.get(r.parent_id or root_id, False)
    return marks


def _costs(
    records: list[ItemRecord],
    lines: list[CostLine],
    root_id: int,
    locale: str,
    money: Any,
) -> tuple[CardCosts, ...]:
    """Cost lines of the shared item, then of its subtasks in the checklist's order."""
    by_item: dict[int, list[CostLine]] = {}
    for line in sorted(lines, key=lambda x: (x.position, x.id)):
        by_item.setdefault(line.item_id, []).append(line)
    out = []
    for r in records:
        if not r.calc_on or r.id not in by_item:
            continue
        shown = tuple(
            CardLine(
                description=x.description,
                quantity=format_number(x.quantity, locale),
                unit=x.unit,
                unit_price=money(x.unit_price),
                amount=as_cost(line_cost(x), money),
                income=x.kind is LineKind.INCOME,
            )
            for x in by_item[r.id]
        )
        out.append(CardCosts("" if r.id == root_id else r.title, shown))
    return tuple(out)


def _totals(totals: Totals, money: Any) -> CardTotals | None:
    if not totals.lines:
        return None
    if not totals.income:
        return CardTotals(
            money(totals.expense), money(totals.expense_done), money(totals.expense_remaining)
        )

    def income(value: Decimal) -> str:  # money in: "+€709.00", as everywhere
        return as_cost(-value, money)

    return CardTotals(
        money(totals.expense),
        money(totals.expense_done),
        money(totals.expense_remaining),
        income(totals.income),
        income(totals.income_done),
        income(totals.income_remaining),
        as_cost(totals.cost, money),  # what it costs; a gain with "+"
    )


# -- the template ----------------------------------------------------------------------


def resources_dir() -> Path:
    """resources/ of a source checkout, or planner/resources of an installed wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parents[1] / "resources", here.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("Planner's resources folder is missing.")  # not-ui: a broken install


def _lines_to_breaks(text: str) -> Markup:
    """User text escaped, its line breaks kept as <br>."""
    return Markup("<br>").join(escape(line) for line in text.splitlines())


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(resources_dir() / "card"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    # The callables read the current catalog at each call: a language switch needs no new
    # environment, and the cached template stays valid.
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=i18n._,
        ngettext=i18n.ngettext,
        pgettext=i18n.pgettext,
        npgettext=i18n.npgettext,
        newstyle=True,
    )
    env.filters["breaks"] = _lines_to_breaks
    return env


# Latin text first; then Simplified Chinese faces, so that Han characters take their
# Simplified shapes (Qt's own fallback picks a Japanese face), WenQuanYi before Noto: its
# PDF text copies and searches as the characters shown (Noto's maps some to radicals).
_LATIN_FONTS = "'DejaVu Sans', 'Segoe UI', Helvetica, Arial"
_CHINESE_FONTS = (
    "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', "
    "'PingFang SC'"
)


def card_font(language: str) -> str:
    """The card's font list for a language: Chinese faces early for Chinese, last (for
    Chinese titles in a card in another language) otherwise."""
    if language == "zh_CN":
        return f"'DejaVu Sans', {_CHINESE_FONTS}, 'Segoe UI', Helvetica, Arial, sans-serif"
    return f"{_LATIN_FONTS}, {_CHINESE_FONTS}, sans-serif"


def html_lang(language: str) -> str:
    """The language's tag as HTML's lang attribute wants it: "pt-BR", "zh-CN"."""
    return language.replace("_", "-")


def render_html(card: Card, for_qt: bool = False, width: int = 760) -> str:
    """The card as one HTML page, in the current language. `for_qt`: the same design for
    Qt's rich text (PDF and PNG), which takes a fixed width and no web-page wrapper."""
    template = _environment().get_template("card.html.j2")
    language = i18n.current_language()
    return template.render(
        card=card,
        for_qt=for_qt,
        width=width,
        lang=html_lang(language),
        font=card_font(language),
    )
