r"""The quick-add field: one line (`Buy running shoes fri !high @Ana €129.99 #Health`) whose
recognised parts are coloured as they are typed, with a preview under it of what Enter
makes ("Task under Health · due Fri, Dec 11 · High · Ana · €129.99"), or why it cannot.
Backspace right after a part turns it back into text (`\fri`); Enter asks for the item
(`addRequested`), Escape for the field to close (`closeRequested`).

The colours are the line edit's own text formats, handed to it as an input method would
(a QInputMethodEvent with TextFormat attributes and nothing typed): the line stays a plain
QLineEdit, with its undo, its selection and its clear button.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QInputMethodEvent, QKeyEvent, QTextCharFormat
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from planner import formats
from planner.domain.errors import PlannerError
from planner.domain.money import format_money
from planner.domain.quick_add import ESCAPE, MAX_LINE, Part, PartKind, QuickEntry, as_text
from planner.i18n import _
from planner.services.costs import CostService
from planner.services.quick_add import QuickAddService, QuickDefaults, QuickPlan
from planner.ui.entry.typed_date import ERROR, MUTED
from planner.ui.tree.texts import priority_name

TEXT = "text"  # the backslash of a word kept as text on purpose (`\@home`)
WRONG = "wrong"  # a part that names what the plan does not have (@Nobody, $ in a € plan)
# Each kind of part's colours: (text, background).
COLOURS: dict[str, tuple[str, str]] = {
    PartKind.DUE: ("#1d4ed8", "#dbeafe"),
    PartKind.PRIORITY: ("#c2410c", "#ffedd5"),
    PartKind.ASSIGNEE: ("#15803d", "#dcfce7"),
    PartKind.COST: ("#92400e", "#fef3c7"),
    PartKind.PARENT: ("#6d28d9", "#ede9fe"),
    TEXT: ("#9ca3af", ""),
    WRONG: ("#c62828", "#fee2e2"),
}
FOUND_IN_PLAN = (PartKind.PARENT, PartKind.ASSIGNEE, PartKind.COST)  # what resolve looks up
SEPARATOR = " · "
RESOLVE_PAUSE_MS = 150


@dataclasses.dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the line drawn in a kind's colours: [start, start + length)."""

    start: int
    length: int
    kind: str


def text_format(kind: str) -> QTextCharFormat:
    colour, background = COLOURS[kind]
    shown = QTextCharFormat()
    shown.setForeground(QColor(colour))
    if background:
        shown.setBackground(QColor(background))
    if kind != TEXT:
        shown.setFontWeight(600)
    if kind == WRONG:
        shown.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        shown.setUnderlineColor(QColor(colour))
    return shown


def spans_of(line: str, entry: QuickEntry | None) -> list[Span]:
    """What to colour: each recognised part, and the backslash of each escaped word."""
    spans = [Span(p.start, p.end - p.start, p.kind) for p in entry.parts] if entry else []
    for word in re.finditer(r"\S+", line):
        if len(word.group()) > 1 and word.group().startswith(ESCAPE):
            spans.append(Span(word.start(), 1, TEXT))
    return sorted(spans, key=lambda s: s.start)


class QuickLine(QLineEdit):
    """The line: Backspace right after a recognised part asks for it to become text."""

    def __init__(self, unrecognise: Callable[[int], bool]) -> None:
        super().__init__()
        self._unrecognise = unrecognise

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if (
            event.key() == Qt.Key.Key_Backspace
            and plain
            and not self.hasSelectedText()
            and self._unrecognise(self.cursorPosition())
        ):
            return
        super().keyPressEvent(event)


class QuickAddField(QWidget):
    """A quick-add line and its preview, on the plan `bind` hands it."""

    addRequested = Signal(object)  # the QuickPlan Enter asks to make
    closeRequested = Signal()  # Escape

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.quick: QuickAddService | None = None
        self._default_parent: Callable[[], int | None] = lambda: None
        self._defaults: Callable[[], QuickDefaults | None] = lambda: None
        self.entry: QuickEntry | None = None  # the line as read
        self.plan: QuickPlan | None = None  # what Enter makes (None: nothing, see `error`)
        self.error = ""
        self.spans: list[Span] = []
        self._resolve_later = QTimer(self)
        self._resolve_later.setSingleShot(True)
        self._resolve_later.setInterval(RESOLVE_PAUSE_MS)
        self._resolve_later.timeout.connect(self.resolve)
        self.line = QuickLine(self.unrecognise)
        self.line.setMaxLength(MAX_LINE)
        self.line.setClearButtonEnabled(True)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        # A band of its own over what it adds to.
        self.setObjectName("quickAdd")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet("#quickAdd { background: #f3f4f6; border-bottom: 1px solid #d1d5db; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(3)
        layout.addWidget(self.line)
        layout.addWidget(self.preview)
        self.setFocusProxy(self.line)
        self.line.textChanged.connect(lambda _text: self.refresh())
        self.line.returnPressed.connect(self.take)
        self.retranslate()

    # -- words ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.line.setPlaceholderText(
            _("Quick add: a title, then fri, !high, @name, €12, #Group (Enter adds)")
        )
        self.line.setToolTip(
            _(
                "One line makes an item: its title, a due date in words (fri, in 3 days, "
                "dec 24), !high / !medium / !low, @person, an amount (€129.99), and #place "
                "(a group, goal or path such as #Health/Run). Backspace right after a "
                "recognised part keeps it as text; so does a backslash before a word (\\@home)."
            )
        )
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- the plan ------------------------------------------------------------------------
    def bind(
        self,
        quick: QuickAddService | None,
        default_parent: Callable[[], int | None],
        defaults: Callable[[], QuickDefaults | None] = lambda: None,
    ) -> None:
        """The plan to add to (None: none open), where an entry without #place goes, and
        what a line leaves out (a view's: Today's due date...)."""
        self.quick = quick
        self._default_parent, self._defaults = default_parent, defaults
        self.refresh()

    def clear_line(self) -> None:
        self.line.clear()

    # -- reading -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the line again: its colours at once, and the preview of what Enter makes
        (after a pause in the typing when the line names a place: finding one among
        100,000 titles takes tens of milliseconds, too long for every key)."""
        self._resolve_later.stop()
        line = self.line.text()
        self.entry, self.plan, self.error = None, None, ""
        if self.quick is None:
            self._show([], _("Open a plan to add to it."), MUTED)
            return
        if not line.strip():
            self._show([], "", MUTED)
            return
        try:
            self.entry = self.quick.read(line)
        except PlannerError as e:
            self.error = str(e)
            self._show(spans_of(line, None), self.error, ERROR)
            return
        if any(p.kind is PartKind.PARENT for p in self.entry.parts):
            self._show(spans_of(line, self.entry), self.preview.text(), MUTED)
            self._resolve_later.start()
        else:
            self.resolve()

    @property
    def pending(self) -> bool:
        """Whether the preview waits for a pause in the typing."""
        return self._resolve_later.isActive()

    def resolve(self) -> None:
        """Find in the plan what the line read names: the preview of what Enter makes, or
        why it makes nothing (the parts the plan does not have drawn red)."""
        self._resolve_later.stop()
        self.plan, self.error = None, ""
        entry, quick = self.entry, self.quick
        if entry is None or quick is None:
            return
        spans = spans_of(self.line.text(), entry)
        try:
            self.plan = quick.resolve(entry, self._default_parent(), self._defaults())
        except PlannerError as e:
            self.error = str(e)
            wrong = self._wrong_kinds(entry)
            spans = [Span(s.start, s.length, WRONG) if s.kind in wrong else s for s in spans]
            self._show(spans, self.error, ERROR)
            return
        self._show(spans, self.describe(self.plan), "")

    def _wrong_kinds(self, entry: QuickEntry) -> set[str]:
        """The parts the plan cannot find (@Nobody, $ in a € plan): each tried alone."""
        assert self.quick is not None
        wrong: set[str] = set()
        for kind in FOUND_IN_PLAN:
            if kind not in {p.kind for p in entry.parts}:
                continue
            alone = dataclasses.replace(
                entry,
                parent=entry.parent if kind is PartKind.PARENT else None,
                assignee=entry.assignee if kind is PartKind.ASSIGNEE else None,
                cost=entry.cost if kind is PartKind.COST else None,
            )
            try:
                self.quick.resolve(alone, self._default_parent(), self._defaults())
            except PlannerError:
                wrong.add(kind)
        return wrong

    def describe(self, plan: QuickPlan) -> str:
        """'Task under Health · due Fri, Dec 11 · High · Ana · €129.99'."""
        assert self.quick is not None
        entry, parent = plan.entry, plan.parent
        if parent.is_group:
            words = [_("Goal under {parent}").format(parent=parent.title)]
        else:
            words = [_("Task under {parent}").format(parent=parent.title)]
        if entry.due is not None:
            today = self.quick.plan.today()
            words.append(_("due {day}").format(day=formats.weekday_short(entry.due, today)))
        elif plan.undated:
            words.append(_("no due date"))
        if entry.priority is not None:
            words.append(priority_name(entry.priority) or _("no priority"))
        if plan.person is not None:
            words.append(plan.person.name)
        if entry.cost is not None:
            currency = CostService(self.quick.store).currency()
            words.append(format_money(entry.cost.amount, currency, formats.formatting_locale()))
        return SEPARATOR.join(words)

    def _show(self, spans: list[Span], text: str, style: str) -> None:
        self.spans = spans
        self._paint()
        self.preview.setText(text)
        self.preview.setStyleSheet(style)
        self.preview.setVisible(bool(text))

    def _paint(self) -> None:
        """The line's text formats: one per span (given relative to the cursor, as an
        input method gives them)."""
        cursor = self.line.cursorPosition()
        kind = QInputMethodEvent.AttributeType.TextFormat
        attributes = [
            QInputMethodEvent.Attribute(kind, s.start - cursor, s.length, text_format(s.kind))
            for s in self.spans
        ]
        QCoreApplication.sendEvent(self.line, QInputMethodEvent("", attributes))

    def part_ending_at(self, position: int) -> Part | None:
        if self.entry is None:
            return None
        return next((p for p in self.entry.parts if p.end == position), None)

    def unrecognise(self, position: int) -> bool:
        """Backspace at `position`: the part that ends there becomes text (each of its
        words escaped, an undoable edit of the line). Whether there was one."""
        part = self.part_ending_at(position)
        if part is None:
            return False
        added = len(part.text.split())  # a backslash before each of its words
        marked = as_text(self.line.text(), part)[part.start : part.end + added]
        self.line.setSelection(part.start, part.end - part.start)
        self.line.insert(marked)
        return True

    # -- Enter and Escape ----------------------------------------------------------------
    def take(self) -> None:
        """Enter: ask for the item when the line makes one (an error stays shown). The
        names are looked up again: the plan may have changed since the last key."""
        self.resolve()
        if self.plan is not None:
            self.addRequested.emit(self.plan)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.closeRequested.emit()
            return
        super().keyPressEvent(event)
