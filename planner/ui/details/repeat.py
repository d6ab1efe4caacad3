"""The details panel's Repeat editor: how often the item comes back (every N days, weeks on
chosen weekdays, months on a day, years; weekdays only; until a date or N times), from the
due date or from the day it is done, with the rule in words and the next dates; Skip this
one and Pause repeating. Each change is one undoable step (`runRequested`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner import formats
from planner.domain.changes import Outcome
from planner.domain.errors import PlannerError
from planner.domain.items import ItemRecord, quoted
from planner.domain.recurrence import MAX_COUNT, MAX_INTERVAL, clean_rule
from planner.domain.rule_words import rule_words
from planner.domain.turn_words import turns_text
from planner.i18n import _, ngettext, pgettext
from planner.services.repeats import RepeatService, RepeatView
from planner.ui.details.dates import PLAIN, show_dates_in_language
from planner.ui.details.repeat_form import (
    NTH_CHOICES,
    End,
    Frequency,
    MonthDay,
    RuleForm,
    form_of,
    rule_of,
)

MUTED = "color: #6b7280;"
ERROR = "color: #c62828;"


def weekday_buttons(parent_layout: QHBoxLayout) -> list[QToolButton]:
    """Seven checkable buttons, Monday first, named by `name_weekday_buttons`."""
    buttons = []
    for _day in range(7):
        button = QToolButton()
        button.setCheckable(True)
        button.setAutoRaise(False)
        parent_layout.addWidget(button)
        buttons.append(button)
    parent_layout.addStretch(1)
    return buttons


def name_weekday_buttons(buttons: list[QToolButton]) -> None:
    for day, button in enumerate(buttons):
        button.setText(formats.weekday_name(day))
        button.setToolTip(formats.weekday_name(day, wide=True))


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class RepeatSection(QGroupBox):
    """The item's repeating: its form, what the stored rule says, and its buttons."""

    runRequested = Signal(str, object)  # (undo text, action returning an Outcome)
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repeats: RepeatService | None = None
        self._record: ItemRecord | None = None
        self.view: RepeatView | None = None
        self._loading = False
        layout = QVBoxLayout(self)
        self.state_label = QLabel()  # the stored rule in words, or "Does not repeat"
        font = self.state_label.font()
        font.setBold(True)
        self.state_label.setFont(font)
        self.state_label.setWordWrap(True)
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        self.next_label.setStyleSheet(MUTED)
        self.turns_label = QLabel()  # how often it was done, and what that spent
        self.turns_label.setWordWrap(True)
        self.turns_label.setStyleSheet(MUTED)
        layout.addWidget(self.state_label)
        layout.addWidget(self.next_label)
        layout.addWidget(self.turns_label)
        layout.addLayout(self._build_form())
        self.preview_label = QLabel()
        self.preview_label.setWordWrap(True)
        layout.addWidget(self.preview_label)
        layout.addLayout(self._build_buttons())
        self.retranslate()

    # -- building ------------------------------------------------------------------------
    def _build_form(self) -> QFormLayout:
        form = QFormLayout()
        self.frequency_box = QComboBox()
        for frequency in Frequency:
            self.frequency_box.addItem("", frequency.value)
        every = QHBoxLayout()
        self.interval_spin = QSpinBox()
        self.interval_spin.setRange(1, MAX_INTERVAL)
        self.unit_label = QLabel()
        every.addWidget(self.interval_spin)
        every.addWidget(self.unit_label, 1)
        self.every_row = QWidget()
        self.every_row.setLayout(every)
        every.setContentsMargins(0, 0, 0, 0)
        days = QHBoxLayout()
        days.setContentsMargins(0, 0, 0, 0)
        days.setSpacing(2)
        self.weekday_buttons = weekday_buttons(days)
        self.days_row = QWidget()
        self.days_row.setLayout(days)
        self.weekdays_only_check = QCheckBox()
        self.month_row = self._build_month_row()
        self.custom_edit = QLineEdit()
        self.end_row = self._build_end_row()
        self.from_due_radio, self.from_done_radio = QRadioButton(), QRadioButton()
        self._from = QButtonGroup(self)
        self._from.addButton(self.from_due_radio)
        self._from.addButton(self.from_done_radio)
        from_box = QVBoxLayout()
        from_box.setContentsMargins(0, 0, 0, 0)
        from_box.addWidget(self.from_due_radio)
        from_box.addWidget(self.from_done_radio)
        self.from_hint = QLabel()
        self.from_hint.setWordWrap(True)
        self.from_hint.setStyleSheet(MUTED)
        from_box.addWidget(self.from_hint)
        self.from_row = QWidget()
        self.from_row.setLayout(from_box)
        self.form_names: dict[str, QLabel] = {}
        for name, widget in (
            ("repeat", self.frequency_box),
            ("every", self.every_row),
            ("on", self.days_row),
            ("only", self.weekdays_only_check),
            ("month", self.month_row),
            ("rule", self.custom_edit),
            ("ends", self.end_row),
            ("from", self.from_row),
        ):
            label = self.form_names[name] = QLabel()
            form.addRow(label, widget)
        self._form_layout = form
        for signal in (
            self.frequency_box.currentIndexChanged,
            self.interval_spin.valueChanged,
            self.weekdays_only_check.toggled,
            self.custom_edit.textChanged,
            self.from_due_radio.toggled,
        ):
            signal.connect(self._form_changed)
        for button in self.weekday_buttons:
            button.toggled.connect(self._form_changed)
        return form

    def _build_month_row(self) -> QWidget:
        rows = QVBoxLayout()
        rows.setContentsMargins(0, 0, 0, 0)
        row, second = QHBoxLayout(), QHBoxLayout()
        self.month_day_box = QComboBox()
        for choice in MonthDay:
            self.month_day_box.addItem("", choice.value)
        self.day_spin = QSpinBox()
        self.day_spin.setRange(1, 31)
        self.nth_box = QComboBox()
        for nth in NTH_CHOICES:
            self.nth_box.addItem("", nth)
        self.nth_weekday_box = QComboBox()
        for day in range(7):
            self.nth_weekday_box.addItem("", day)
        for part in (self.month_day_box, self.day_spin):
            row.addWidget(part)
        row.addStretch(1)
        for part in (self.nth_box, self.nth_weekday_box):  # a line of their own: narrower
            second.addWidget(part)
        second.addStretch(1)
        rows.addLayout(row)
        rows.addLayout(second)
        self.month_day_box.currentIndexChanged.connect(self._form_changed)
        self.day_spin.valueChanged.connect(self._form_changed)
        self.nth_box.currentIndexChanged.connect(self._form_changed)
        self.nth_weekday_box.currentIndexChanged.connect(self._form_changed)
        widget = QWidget()
        widget.setLayout(rows)
        return widget

    def _build_end_row(self) -> QWidget:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.end_box = QComboBox()
        for end in End:
            self.end_box.addItem("", end.value)
        self.until_edit = QDateEdit()
        self.until_edit.setCalendarPopup(True)
        self.count_spin = QSpinBox()
        self.count_spin.setRange(1, MAX_COUNT)
        for part in (self.end_box, self.until_edit, self.count_spin):
            row.addWidget(part)
        row.addStretch(1)
        self.end_box.currentIndexChanged.connect(self._form_changed)
        self.until_edit.dateChanged.connect(self._form_changed)
        self.count_spin.valueChanged.connect(self._form_changed)
        widget = QWidget()
        widget.setLayout(row)
        return widget

    def _build_buttons(self) -> QVBoxLayout:
        """Save on a line of its own, Skip and Pause below it (a narrow panel)."""
        buttons, save_row, series_row = QVBoxLayout(), QHBoxLayout(), QHBoxLayout()
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.skip_button = QPushButton()
        self.skip_button.clicked.connect(self.skip)
        self.pause_button = QPushButton()
        self.pause_button.clicked.connect(self.toggle_pause)
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        series_row.addWidget(self.skip_button)
        series_row.addWidget(self.pause_button)
        series_row.addStretch(1)
        buttons.addLayout(save_row)
        buttons.addLayout(series_row)
        return buttons

    # -- words ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setTitle(_("Repeat"))
        names = {
            Frequency.NEVER: _("Does not repeat"),
            Frequency.DAILY: _("Daily"),
            Frequency.WEEKLY: _("Weekly"),
            Frequency.MONTHLY: _("Monthly"),
            Frequency.YEARLY: _("Yearly"),
            Frequency.CUSTOM: _("Custom (iCalendar rule)"),
        }
        for row in range(self.frequency_box.count()):
            self.frequency_box.setItemText(row, names[Frequency(self.frequency_box.itemData(row))])
        labels = {
            "repeat": pgettext("label", "Repeats"),
            "every": pgettext("label", "Every"),
            "on": pgettext("label", "On"),
            "only": "",
            "month": pgettext("label", "On"),
            "rule": pgettext("label", "Rule"),
            "ends": pgettext("label", "Ends"),
            "from": pgettext("label", "Counts from"),
        }
        for name, label in self.form_names.items():
            label.setText(labels[name])
        self.weekdays_only_check.setText(_("Weekdays only (Monday to Friday)"))
        name_weekday_buttons(self.weekday_buttons)
        month_days = {
            MonthDay.DAY: _("day of the month"),
            MonthDay.LAST_DAY: _("the last day"),
            MonthDay.NTH_WEEKDAY: _("a weekday of the month"),
            MonthDay.FIRST_WORKDAY: _("the first working day"),
            MonthDay.LAST_WORKDAY: _("the last working day"),
        }
        for row in range(self.month_day_box.count()):
            choice = MonthDay(self.month_day_box.itemData(row))
            self.month_day_box.setItemText(row, month_days[choice])
        nths = {
            1: pgettext("weekday of the month", "first"),
            2: pgettext("weekday of the month", "second"),
            3: pgettext("weekday of the month", "third"),
            4: pgettext("weekday of the month", "fourth"),
            -1: pgettext("weekday of the month", "last"),
        }
        for row in range(self.nth_box.count()):
            self.nth_box.setItemText(row, nths[int(self.nth_box.itemData(row))])
        for row in range(7):
            self.nth_weekday_box.setItemText(row, formats.weekday_name(row, wide=True))
        ends = {
            End.NEVER: _("never"),
            End.UNTIL: _("on a date"),
            End.COUNT: _("after a number of times"),
        }
        for row in range(self.end_box.count()):
            self.end_box.setItemText(row, ends[End(self.end_box.itemData(row))])
        show_dates_in_language(self.until_edit, PLAIN)
        self.from_due_radio.setText(_("the due date"))
        self.from_done_radio.setText(_("the day it is done"))
        self.from_hint.setText(
            _(
                "From the due date, it stays on schedule even when done late; from the day "
                "it is done, the next date counts from that day."
            )
        )
        self.custom_edit.setPlaceholderText(_("e.g. FREQ=WEEKLY;BYDAY=MO,TH"))
        self.save_button.setText(_("Save Repeat"))
        self.skip_button.setText(_("Skip This One"))
        self.skip_button.setToolTip(_("Skip this one: the item comes back due on its next date."))
        self._show_state()
        self._form_changed()

    # -- showing -------------------------------------------------------------------------
    def set_service(self, repeats: RepeatService | None) -> None:
        self.repeats = repeats

    def show_record(self, record: ItemRecord | None) -> None:
        """Show the item's repeating (the form as stored, unless the same item is shown
        again with the form being changed)."""
        same = record is not None and self._record is not None and record.id == self._record.id
        keep_form = same and self.pending()
        self._record = record
        self.view = None
        if record is None or self.repeats is None:
            return
        try:
            self.view = self.repeats.view(record.id)
        except PlannerError:
            self.view = None
        if not keep_form:
            rule = self.view.repeat.rule if self.view is not None else None
            self._show_form(form_of(rule, record.due))
            if self.view is not None:
                self._set_from_done(self.view.repeat.from_done)
        self._show_state()
        self._form_changed()

    def _set_from_done(self, from_done: bool) -> None:
        self._loading = True
        try:
            (self.from_done_radio if from_done else self.from_due_radio).setChecked(True)
        finally:
            self._loading = False

    def _show_form(self, form: RuleForm) -> None:
        self._loading = True
        try:
            self.frequency_box.setCurrentIndex(self.frequency_box.findData(form.frequency.value))
            self.interval_spin.setValue(form.interval)
            for day, button in enumerate(self.weekday_buttons):
                button.setChecked(day in form.weekdays)
            self.weekdays_only_check.setChecked(form.weekdays_only)
            self.month_day_box.setCurrentIndex(self.month_day_box.findData(form.month_day.value))
            self.day_spin.setValue(form.day)
            self.nth_box.setCurrentIndex(self.nth_box.findData(form.nth))
            self.nth_weekday_box.setCurrentIndex(form.nth_weekday)
            self.end_box.setCurrentIndex(self.end_box.findData(form.end.value))
            until = form.until or (self._record.due if self._record else None) or date.today()
            self.until_edit.setDate(_qdate(until))
            self.count_spin.setValue(form.count)
            self.custom_edit.setText(form.custom)
            self.from_due_radio.setChecked(True)
        finally:
            self._loading = False

    def form(self) -> RuleForm:
        """The form as filled in now."""
        return RuleForm(
            frequency=Frequency(self.frequency_box.currentData()),
            interval=self.interval_spin.value(),
            weekdays=frozenset(d for d, b in enumerate(self.weekday_buttons) if b.isChecked()),
            weekdays_only=self.weekdays_only_check.isChecked(),
            month_day=MonthDay(self.month_day_box.currentData()),
            day=self.day_spin.value(),
            nth=int(self.nth_box.currentData()),
            nth_weekday=int(self.nth_weekday_box.currentData()),
            end=End(self.end_box.currentData()),
            until=_day(self.until_edit.date()),
            count=self.count_spin.value(),
            custom=self.custom_edit.text().strip(),
        )

    def from_done(self) -> bool:
        return self.from_done_radio.isChecked()

    def _show_state(self) -> None:
        """What is stored: the rule in words, whether it is paused, the next dates."""
        view, record = self.view, self._record
        repeating = view is not None
        paused = view is not None and view.repeat.paused
        self.skip_button.setEnabled(repeating and not paused)
        self.skip_button.setVisible(repeating)  # a series' buttons, shown with one
        self.pause_button.setVisible(repeating)
        self.pause_button.setText(_("Resume Repeating") if paused else _("Pause Repeating"))
        self.state_label.setVisible(view is not None)  # else the form says so
        locale = formats.formatting_locale()
        turns = "" if view is None else turns_text(view.occurrences, view.currency, locale)
        self.turns_label.setText(turns)
        self.turns_label.setVisible(bool(turns))
        if view is None:
            due_hint = _("Give it a due date first: a series starts on its due date.")
            self.next_label.setText(due_hint if record is not None and record.due is None else "")
            self.next_label.setVisible(record is not None and record.due is None)
            return
        words = (
            _("{rule}, from the day it is done").format(rule=view.words)
            if view.repeat.from_done
            else _("{rule}, from the due date").format(rule=view.words)
        )
        if paused:
            words = _("{rule} (paused)").format(rule=words)
        self.state_label.setText(words)
        self.next_label.setVisible(True)
        self.next_label.setText(self._next_text(view, paused))

    def _next_text(self, view: RepeatView, paused: bool) -> str:
        if paused:
            return _("Paused: marking it done is an ordinary done.")
        if view.next_due is None:
            return _("The series has ended: marking it done is an ordinary done.")
        after = formats.date_short(view.next_due)
        if view.repeat.from_done:
            return _("Done today, it comes back due {day}.").format(day=after)
        if not view.then:
            return _("Next due: {day}").format(day=after)
        then = pgettext("date list", ", ").join(formats.date_short(d) for d in view.then)
        return _("Next due: {day}; then {dates}").format(day=after, dates=then)

    def _form_changed(self, *_args: object) -> None:
        """Show the fields the frequency uses, and the form's rule in words (or why it
        cannot be used) before it is saved."""
        if self._loading:
            return
        form = self.form()
        freq = form.frequency
        rows = {
            "every": freq not in (Frequency.NEVER, Frequency.CUSTOM),
            "on": freq is Frequency.WEEKLY,
            "only": freq is Frequency.DAILY,
            "month": freq is Frequency.MONTHLY,
            "rule": freq is Frequency.CUSTOM,
            "ends": freq not in (Frequency.NEVER, Frequency.CUSTOM),
            "from": freq is not Frequency.NEVER,
        }
        for name, shown in rows.items():
            self._form_layout.setRowVisible(self.form_names[name], shown)
        self.day_spin.setVisible(form.month_day is MonthDay.DAY)
        nth = form.month_day is MonthDay.NTH_WEEKDAY
        self.nth_box.setVisible(nth)
        self.nth_weekday_box.setVisible(nth)
        self.until_edit.setVisible(form.end is End.UNTIL)
        self.count_spin.setVisible(form.end is End.COUNT)
        self.unit_label.setText(_unit_word(freq, form.interval))
        pending = self.pending()
        preview, problem = self._preview(form, pending)
        self.preview_label.setText(preview)
        self.preview_label.setStyleSheet(ERROR if problem else MUTED)
        self.preview_label.setVisible(bool(preview))
        self.save_button.setEnabled(pending)

    def _preview(self, form: RuleForm, pending: bool) -> tuple[str, bool]:
        """(the form's rule in words, or what is wrong with it; whether it is wrong);
        `pending`: the form differs from what is stored."""
        rule, record = rule_of(form), self._record
        if rule is None or record is None:
            return "", False
        try:
            words = rule_words(clean_rule(rule, record.due or date.today()))
        except PlannerError as e:
            return str(e), True
        if pending:
            return _("Save to repeat: {rule}").format(rule=words), False
        return "", False

    def pending(self) -> bool:
        """Whether the form says something else than what is stored."""
        record = self._record
        if record is None:
            return False
        rule = rule_of(self.form())
        stored = self.view.repeat if self.view is not None else None
        if rule is None or stored is None:
            return (rule is None) != (stored is None)
        try:
            same = clean_rule(rule, record.due or stored.anchor) == stored.rule
        except PlannerError:
            return True
        return not same or self.from_done() != stored.from_done

    def problem(self) -> str | None:
        """Why the form's rule cannot be saved (None: it can)."""
        rule, record = rule_of(self.form()), self._record
        if rule is None or record is None:
            return None
        if not rule:
            return _("Type an iCalendar rule, such as FREQ=WEEKLY;BYDAY=MO,TH.")
        try:
            clean_rule(rule, record.due or date.today())
        except PlannerError as e:
            return str(e)
        return None

    # -- changes -------------------------------------------------------------------------
    def save(self) -> None:
        """Set (or stop) the repeating the form says, as one step."""
        if not self.pending():
            return
        step = self.step()
        if step is None:
            self.failed.emit(_("Type an iCalendar rule, such as FREQ=WEEKLY;BYDAY=MO,TH."))
            return
        self.runRequested.emit(*step)

    def step(self) -> tuple[str, Callable[[], Outcome]] | None:
        """The form's repeating as a step (its name, its action); None without a rule
        typed. The service checks the rule when the step runs."""
        record, repeats = self._record, self.repeats
        rule, from_done = rule_of(self.form()), self.from_done()
        if record is None or repeats is None or rule == "":
            return None
        item_id, title = record.id, quoted(record.title)
        if rule is None:
            return _("Stop repeating {title}").format(title=title), lambda: repeats.stop(item_id)
        return (
            _("Repeat {title}").format(title=title),
            lambda: repeats.set_repeat(item_id, rule, from_done=from_done),
        )

    def skip(self) -> None:
        record, repeats = self._record, self.repeats
        if record is None or repeats is None or self.view is None:
            return
        item_id = record.id
        self.runRequested.emit(
            _("Skip this one of {title}").format(title=quoted(record.title)),
            lambda: repeats.skip(item_id),
        )

    def toggle_pause(self) -> None:
        record, repeats, view = self._record, self.repeats, self.view
        if record is None or repeats is None or view is None:
            return
        item_id, pause = record.id, not view.repeat.paused
        text = _("Pause repeating {title}") if pause else _("Resume repeating {title}")
        self.runRequested.emit(
            text.format(title=quoted(record.title)), lambda: repeats.pause(item_id, pause)
        )


def _unit_word(freq: Frequency, n: int) -> str:
    """The word after "Every [n]": days, weeks, months or years (for n)."""
    if freq is Frequency.DAILY:
        return ngettext("day", "days", n)
    if freq is Frequency.WEEKLY:
        return ngettext("week", "weeks", n)
    if freq is Frequency.MONTHLY:
        return ngettext("month", "months", n)
    return ngettext("year", "years", n)
