"""Planner's own notification: a small window on top of the others, in the screen's corner,
listing the reminders that fired (title, path, countdown) with their actions: Open, Mark
done, Snooze (10 minutes, 1 hour, tomorrow 9:00) and Dismiss."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner import formats
from planner.domain.reminders import SNOOZE_MORNING, Snooze
from planner.i18n import _, ngettext

WIDTH = 400
MARGIN = 16  # from the screen's edges
SHOWN_CARDS = 3  # more scroll
MOST_CARDS = 30  # more wait (hundreds missed after a holiday: widgets made as needed)


@dataclasses.dataclass(frozen=True)
class Notice:
    """A reminder as the notification shows it."""

    item_id: int
    reminder_id: int
    title: str
    path: str  # the items above it: "Goals › Trip"
    countdown: str  # "Due tomorrow", "3 days left"
    overdue: bool
    moment: datetime  # when the reminder came
    missed: bool  # it came while Planner was closed (or the computer slept)
    habit: bool = False  # a routine: ticked for today rather than marked done


def snooze_texts() -> dict[Snooze, str]:
    return {
        Snooze.MINUTES: _("For 10 minutes"),
        Snooze.HOUR: _("For 1 hour"),
        Snooze.TOMORROW: _("Until tomorrow at {time}").format(time=formats.clock(SNOOZE_MORNING)),
    }


class NoticeCard(QFrame):
    """One reminder with its buttons."""

    openRequested = Signal(object)  # Notice
    doneRequested = Signal(object)
    snoozeRequested = Signal(object, object)  # Notice, Snooze
    dismissed = Signal(object)

    def __init__(self, notice: Notice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = notice
        self.setObjectName("notice")
        self.setStyleSheet("#notice { border-top: 1px solid #e5e7eb; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(2)
        self.title = QLabel(notice.title)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.path = QLabel(notice.path)
        self.path.setWordWrap(True)
        self.path.setTextFormat(Qt.TextFormat.PlainText)
        self.path.setStyleSheet("color: #6b7280;")
        self.countdown = QLabel(notice.countdown)
        self.countdown.setStyleSheet("color: #c62828;" if notice.overdue else "")
        self.when = QLabel()
        self.when.setStyleSheet("color: #6b7280;")
        for label in (self.title, self.path, self.countdown, self.when):
            layout.addWidget(label)
        self.path.setVisible(bool(notice.path))
        self.countdown.setVisible(bool(notice.countdown))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 6, 0, 0)
        self.open_button = QPushButton()
        self.done_button = QPushButton()
        self.snooze_button = QToolButton()
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snooze_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.snooze_menu = QMenu(self.snooze_button)
        self.snooze_actions = {}
        for choice in Snooze:
            action = self.snooze_menu.addAction("")
            action.triggered.connect(
                lambda _c=False, c=choice: self.snoozeRequested.emit(notice, c)
            )
            self.snooze_actions[choice] = action
        self.snooze_button.setMenu(self.snooze_menu)
        self.dismiss_button = QPushButton()
        self.dismiss_button.setFlat(True)
        self.open_button.clicked.connect(lambda: self.openRequested.emit(notice))
        self.done_button.clicked.connect(lambda: self.doneRequested.emit(notice))
        self.dismiss_button.clicked.connect(lambda: self.dismissed.emit(notice))
        for button in (self.open_button, self.done_button, self.snooze_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.dismiss_button)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        moment = formats.moment(self.notice.moment)
        self.when.setText(
            _("Reminder for {moment}, missed").format(moment=moment)
            if self.notice.missed
            else _("Reminder for {moment}").format(moment=moment)
        )
        self.open_button.setText(_("Open"))
        self.open_button.setToolTip(_("Show the item in Planner's window"))
        self.done_button.setText(_("Tick today") if self.notice.habit else _("Mark done"))
        self.snooze_button.setText(_("Snooze"))
        self.snooze_button.setToolTip(_("Remind me again later"))
        for choice, text in snooze_texts().items():
            self.snooze_actions[choice].setText(text)
        self.dismiss_button.setText(_("Dismiss"))


class ReminderPopup(QWidget):
    """The reminders that fired and were not dealt with yet, newest last; it hides when the
    last one is dealt with or dismissed. `heading`: what the list is ("3 reminders while
    Planner was closed"), else "Reminders"."""

    openRequested = Signal(object)  # Notice
    doneRequested = Signal(object)
    snoozeRequested = Signal(object, object)  # Notice, Snooze

    def __init__(self) -> None:
        flags = (
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        super().__init__(None, flags)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)  # Planner quits without it
        self.setObjectName("reminders")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)  # its border painted
        self.setStyleSheet(
            "#reminders { background: palette(base); border: 1px solid #6b7280;"
            " border-top: 3px solid #2f80c8; }"
        )
        self.setFixedWidth(WIDTH)
        self.cards: list[NoticeCard] = []
        self.waiting: list[Notice] = []  # more than MOST_CARDS: shown as cards go
        self._heading_text = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(0)
        top = QHBoxLayout()
        top.setContentsMargins(12, 8, 6, 6)
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.close_button = QToolButton()
        self.close_button.setAutoRaise(True)
        self.close_button.setText("✕")  # not-ui: a sign; its words are the tooltip
        self.close_button.clicked.connect(self.dismiss_all)
        top.addWidget(self.heading, 1)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.list = QWidget()
        self.list_layout = QVBoxLayout(self.list)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(0)
        self.more = QLabel()  # how many wait below the cards shown
        self.more.setContentsMargins(12, 6, 12, 8)
        self.more.setStyleSheet("color: #6b7280;")
        self.list_layout.addWidget(self.more)
        self.list_layout.addStretch(1)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.viewport().setAutoFillBackground(False)
        self.list.setAutoFillBackground(False)
        self.list.setObjectName("notices")
        self.scroller.setStyleSheet("QScrollArea, #notices { background: transparent; }")
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setWidget(self.list)
        layout.addWidget(self.scroller)
        self.retranslate()

    # -- what it lists ---------------------------------------------------------------------
    def add(self, notices: list[Notice], heading: str = "") -> None:
        """Show these reminders too (a reminder listed already is not listed twice); past
        MOST_CARDS, the others wait, counted at the foot, and come as cards go."""
        listed = {(n.reminder_id, n.moment) for n in [*self.notices(), *self.waiting]}
        for notice in notices:
            if (notice.reminder_id, notice.moment) not in listed:
                self.waiting.append(notice)
                listed.add((notice.reminder_id, notice.moment))
        if heading or not self.isVisible():
            self._heading_text = heading
        self._take_waiting()
        if self.cards:
            self.show()
            self.raise_()

    def _take_waiting(self) -> None:
        while self.waiting and len(self.cards) < MOST_CARDS:
            card = NoticeCard(self.waiting.pop(0))
            card.openRequested.connect(self.openRequested)
            card.doneRequested.connect(self.doneRequested)
            card.snoozeRequested.connect(self.snoozeRequested)
            card.dismissed.connect(self.remove)
            self.list_layout.insertWidget(self.list_layout.count() - 2, card)
            self.cards.append(card)
        self.retranslate()
        if self.cards:
            self._fit()

    def notices(self) -> list[Notice]:
        return [c.notice for c in self.cards]

    def remove(self, notice: Notice) -> None:
        """A reminder dealt with: its card goes (and the window, with the last one)."""
        self._drop([c for c in self.cards if c.notice == notice])

    def remove_item(self, item_id: int) -> None:
        """An item dealt with (marked done): its reminders' cards go (and those waiting)."""
        self.waiting = [n for n in self.waiting if n.item_id != item_id]
        self._drop([c for c in self.cards if c.notice.item_id == item_id])

    def _drop(self, cards: list[NoticeCard]) -> None:
        if not cards:  # a waiting one, not shown yet: only the count changes
            self.retranslate()
            return
        for card in cards:
            self.cards.remove(card)
            card.hide()
            card.deleteLater()
        self._take_waiting()
        if not self.cards:
            self.hide()

    def dismiss_all(self) -> None:
        for card in self.cards:
            card.deleteLater()
        self.cards.clear()
        self.waiting.clear()
        self.hide()

    # -- its looks ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(self._heading_text or _("Planner: reminders"))
        self.close_button.setToolTip(_("Dismiss all"))
        self.close_button.setAccessibleName(_("Dismiss all"))
        self.setWindowTitle(_("Planner: reminders"))
        for card in self.cards:
            card.retranslate()
        n = len(self.waiting)
        self.more.setText(
            ngettext(
                "{n} more reminder comes as these go", "{n} more reminders come as these go", n
            ).format(n=n)
        )
        self.more.setVisible(bool(n))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fit(self) -> None:
        """As tall as its first few cards, in the corner of the screen's free area."""
        self.list.adjustSize()
        shown = self.cards[:SHOWN_CARDS]
        cards = sum(c.sizeHint().height() for c in shown)
        self.scroller.setFixedHeight(cards + 2)
        self.adjustSize()
        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        self.move(
            area.right() + 1 - self.width() - MARGIN, area.bottom() + 1 - self.height() - MARGIN
        )
