"""The action-plan part of the details panel: the metric with its check-ins and chart,
"Why it matters" and "Examples", and the journal. Each change is handed to the window as
one undoable step (`runRequested`) or a field edit (`editRequested`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyleOptionFrame,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner import formats
from planner.domain import changes as ch
from planner.domain import metrics as mt
from planner.domain.errors import PlannerError
from planner.domain.items import ItemRecord, quoted
from planner.i18n import _, pgettext
from planner.services.metrics import MetricService
from planner.ui.details.dates import PLAIN, show_dates_in_language
from planner.ui.details.metric_chart import MetricChart
from planner.ui.tree import texts

Action = Callable[[], ch.Outcome]
Form = tuple[str, str, str, str, str, str]  # name, unit, baseline, target, stretch, direction
MUTED = "color: #6b7280;"


def _date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    return edit


def _day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def fit_placeholder(edit: QLineEdit) -> None:
    """A field at least as wide as its hint (in the current language)."""
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    margins = edit.textMargins()
    text = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
    # 4: the 2 pixels Qt keeps free on either side of a field's text.
    inner = QSize(text + 4 + margins.left() + margins.right(), edit.sizeHint().height())
    need = edit.style().sizeFromContents(QStyle.ContentsType.CT_LineEdit, option, inner, edit)
    edit.setMinimumWidth(need.width())


class WideScrollArea(QScrollArea):
    """Scrolls up and down only: as wide as what it holds needs (its words, in the
    current language), so the panel widens rather than cut them."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        inner = self.widget()
        if inner is None:
            return hint
        bar = self.verticalScrollBar().sizeHint().width()
        width = inner.minimumSizeHint().width() + bar + 2 * self.frameWidth()
        return QSize(max(hint.width(), width), hint.height())


class GoalSections(QTabWidget):
    """Target, Why & examples, Journal: three tabs below the notes."""

    runRequested = Signal(str, object)  # (undo text, action returning an Outcome)
    editRequested = Signal(int, dict)  # item id, {"why"|"examples": text}
    failed = Signal(str)  # a value that cannot be used, before anything is sent

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.metrics: MetricService | None = None
        self._record: ItemRecord | None = None
        self._is_task = False  # the item shown is a task (not a goal): the hint says so
        self.shown_metric: mt.Metric | None = None
        self.checkins: list[mt.CheckIn] = []
        self.entries: list[mt.JournalEntry] = []
        self._today = date.today()
        self._sending = False
        # The metric form as last shown from the plan: typing makes it differ (pending).
        self._shown_form: Form = ("", "", "", "", "", "")
        # The pending form already refused with a message (not repeated on every flush).
        self._refused: tuple[int, Form] | None = None
        self.setUsesScrollButtons(False)  # every tab's name in full: the panel widens
        self.addTab(self._target_tab(), "")
        self.addTab(self._why_tab(), "")
        self.addTab(self._journal_tab(), "")
        self.set_today(self._today)
        self.retranslate()

    # -- building ------------------------------------------------------------------------
    def _target_tab(self) -> QWidget:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.metric_hint = QLabel()
        self.metric_hint.setStyleSheet(MUTED)
        self.metric_hint.setWordWrap(True)
        self.progress_label = QLabel()
        font = self.progress_label.font()
        font.setBold(True)
        self.progress_label.setFont(font)
        self.progress_label.setWordWrap(True)
        # Where "Now" comes from, on a line of its own in both cases: the first check-in
        # changes its words, never the lines above the form (the next click lands true).
        self.checkin_note = QLabel()
        self.checkin_note.setStyleSheet(MUTED)
        self.checkin_note.setWordWrap(True)
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.unit_edit = QLineEdit()
        self.baseline_edit = QLineEdit()
        self.target_edit = QLineEdit()
        self.stretch_edit = QLineEdit()
        self.direction_box = QComboBox()
        for direction in mt.Direction:
            self.direction_box.addItem("", direction.value)
        # Each field's name, by field: named again when the language changes.
        self.form_names: dict[str, QLabel] = {}
        for field, widget in (
            ("name", self.name_edit),
            ("unit", self.unit_edit),
            ("baseline", self.baseline_edit),
            ("target", self.target_edit),
            ("stretch", self.stretch_edit),
            ("direction", self.direction_box),
        ):
            name = self.form_names[field] = QLabel()
            form.addRow(name, widget)
        buttons = QHBoxLayout()
        self.save_metric_button = QPushButton()
        self.save_metric_button.clicked.connect(self.save_metric)
        self.remove_metric_button = QPushButton()
        self.remove_metric_button.clicked.connect(self.remove_metric)
        buttons.addWidget(self.save_metric_button)
        buttons.addWidget(self.remove_metric_button)
        buttons.addStretch(1)
        self.chart = MetricChart()
        self.checkin_list = QListWidget()
        self.checkin_list.setMaximumHeight(110)
        add_row = QHBoxLayout()
        self.checkin_date = _date_edit(self._today)
        self.checkin_value = QLineEdit()
        self.checkin_value.returnPressed.connect(self.add_checkin)
        self.checkin_value.textChanged.connect(self._enable_checkin)
        self.add_checkin_button = QPushButton()
        self.add_checkin_button.clicked.connect(self.add_checkin)
        self.remove_checkin_button = QPushButton()
        self.remove_checkin_button.clicked.connect(self.remove_checkin)
        add_row.addWidget(self.checkin_date)
        add_row.addWidget(self.checkin_value, 1)
        add_row.addWidget(self.add_checkin_button)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_checkin_button)
        self.checkins_box = QWidget()
        checkins_layout = QVBoxLayout(self.checkins_box)
        checkins_layout.setContentsMargins(0, 0, 0, 0)
        self.checkins_heading = QLabel()
        self.checkins_heading.setStyleSheet(MUTED)
        checkins_layout.addWidget(self.chart)
        checkins_layout.addWidget(self.checkins_heading)
        checkins_layout.addLayout(add_row)
        checkins_layout.addWidget(self.checkin_list)
        checkins_layout.addLayout(remove_row)
        layout.addWidget(self.metric_hint)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.checkin_note)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.checkins_box)
        layout.addStretch(1)
        scroll = self.target_scroll = WideScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        return scroll

    def _why_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.why_edit = QPlainTextEdit()
        self.examples_edit = QPlainTextEdit()
        for edit in (self.why_edit, self.examples_edit):
            edit.setTabChangesFocus(True)  # Tab goes on to the next field
        self.why_heading, self.examples_heading = QLabel(), QLabel()
        for heading, edit in (
            (self.why_heading, self.why_edit),
            (self.examples_heading, self.examples_edit),
        ):
            heading.setStyleSheet(MUTED)
            layout.addWidget(heading)
            layout.addWidget(edit, 1)
            edit.installEventFilter(self)
        return page

    def _journal_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.journal_text = QPlainTextEdit()
        self.journal_text.setTabChangesFocus(True)
        self.journal_text.setMaximumHeight(70)
        row = QHBoxLayout()
        self.journal_date = _date_edit(self._today)
        self.add_journal_button = QPushButton()
        self.add_journal_button.clicked.connect(self.add_journal)
        self.remove_journal_button = QPushButton()
        self.remove_journal_button.clicked.connect(self.remove_journal)
        row.addWidget(self.journal_date, 1)
        row.addWidget(self.add_journal_button)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_journal_button)
        self.journal_list = QListWidget()
        self.journal_list.setWordWrap(True)
        self.journal_list.setSpacing(3)
        self.journal_list.setAlternatingRowColors(True)
        self.journal_empty = QLabel()
        self.journal_empty.setStyleSheet(MUTED)
        layout.addWidget(self.journal_text)
        layout.addLayout(row)
        layout.addWidget(self.journal_empty)
        layout.addWidget(self.journal_list, 1)
        layout.addLayout(remove_row)
        return page

    # -- words ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        """The language changed: every word of the three tabs, and what they show of the
        item in it (what is being typed is kept)."""
        self.setTabText(1, _("Why"))
        self.setTabToolTip(1, _("Why it matters, and examples"))
        self.setTabText(2, _("Journal"))
        self.name_edit.setPlaceholderText(_("e.g. Weekly distance"))
        self.unit_edit.setPlaceholderText(_("e.g. km"))
        self.stretch_edit.setPlaceholderText(_("optional"))
        names = {
            "name": _("Metric"),
            "unit": _("Unit"),
            "baseline": _("Baseline"),
            "target": pgettext("label", "Target"),
            "stretch": _("Stretch"),
            "direction": _("Direction"),
        }
        for field, label in self.form_names.items():
            label.setText(names[field])
        for row in range(self.direction_box.count()):
            direction = mt.Direction(self.direction_box.itemData(row))
            self.direction_box.setItemText(row, texts.direction_name(direction))
        self.remove_metric_button.setText(_("Remove metric"))
        self.checkins_heading.setText(_("Check-ins"))
        self.checkin_value.setPlaceholderText(_("Value"))
        self.add_checkin_button.setText(_("Check in"))
        self._enable_checkin()
        self.remove_checkin_button.setText(_("Remove Check-in"))
        self.why_heading.setText(_("Why it matters"))
        self.why_edit.setPlaceholderText(_("Why it matters: what reaching this goal changes…"))
        self.examples_heading.setText(_("Examples"))
        self.examples_edit.setPlaceholderText(_("Examples: what doing it looks like…"))
        self.journal_text.setPlaceholderText(_("How is it going? A progress report…"))
        self.add_journal_button.setText(_("Add entry"))
        self.remove_journal_button.setText(_("Remove Entry"))
        self.journal_empty.setText(_("No entries yet."))
        for edit in (self.checkin_date, self.journal_date):
            show_dates_in_language(edit, PLAIN)
        fit_placeholder(self.checkin_value)
        self._show_metric_words()
        self._name_checkins()
        self._name_entries()
        self.chart.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- showing -------------------------------------------------------------------------
    def set_service(self, metrics: MetricService | None) -> None:
        self.metrics = metrics

    def set_today(self, today: date) -> None:
        self._today = today
        # A check-in is never dated after today (the service refuses it too).
        self.checkin_date.setMaximumDate(QDate(today.year, today.month, today.day))

    def _enable_checkin(self) -> None:
        """Check in acts only with a value typed; its status tip says so."""
        typed = bool(self.checkin_value.text().strip())
        self.add_checkin_button.setEnabled(typed)
        self.add_checkin_button.setStatusTip(
            _("Record the value typed, on the day shown.")
            if typed
            else _("Type a value to check in.")
        )

    def show_record(
        self, record: ItemRecord | None, today: date | None = None, is_task: bool = False
    ) -> None:
        new_item = record is None or self._record is None or record.id != self._record.id
        if self._record is not None and new_item:
            # What was typed for the item left is sent first. Sending it refreshes the panel
            # (maybe already with `record`), so `new_item` is decided before.
            self.flush(leaving=True)
        self._record = record
        self._is_task = is_task
        if today is not None:
            self.set_today(today)
        if record is None or record.is_group or self.metrics is None:
            self.shown_metric, self.checkins, self.entries = None, [], []
            return
        before = self.shown_metric
        self.shown_metric = self.metrics.metric(record.id)
        self.checkins = self.metrics.checkins(record.id)
        self.entries = self.metrics.journal(record.id)
        stored_changed = new_item or _without_current(before) != _without_current(self.shown_metric)
        self._show_metric(reset_form=new_item, stored_changed=stored_changed)
        self._show_journal()
        for edit, text in ((self.why_edit, record.why), (self.examples_edit, record.examples)):
            if edit.toPlainText() != text:
                edit.setPlainText(text)
        if new_item:
            shown = QDate(self._today.year, self._today.month, self._today.day)
            self.checkin_date.setDate(shown)
            self.journal_date.setDate(shown)
            self.checkin_value.clear()
            self.journal_text.clear()

    def _show_metric(self, reset_form: bool, stored_changed: bool = True) -> None:
        """Show the stored metric. A form being typed in is kept while the same item is
        refreshed (after another change), unless the stored metric itself changed."""
        metric, record = self.shown_metric, self._record
        assert record is not None
        has = metric is not None
        self.metric_hint.setVisible(not has)
        self.progress_label.setVisible(has)
        self.checkin_note.setVisible(has)
        self.checkins_box.setVisible(has)
        self.remove_metric_button.setEnabled(has)
        self._show_metric_words()
        if metric is None:
            if reset_form:
                for edit in self._form_edits():
                    edit.clear()
                self.direction_box.setCurrentIndex(0)
            if stored_changed:
                self._shown_form = self._form()
            return
        values = (
            metric.name,
            metric.unit,
            mt.number_text(metric.baseline),
            mt.number_text(metric.target),
            "" if metric.stretch is None else mt.number_text(metric.stretch),
        )
        if stored_changed or not self._form_pending():
            for edit, value in zip(self._form_edits(), values, strict=True):
                edit.setText(value)
            self.direction_box.setCurrentIndex(self.direction_box.findData(metric.direction.value))
            self._shown_form = self._form()
        self.checkin_list.clear()
        for checkin in reversed(self.checkins):
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, checkin.id)
            self.checkin_list.addItem(item)
        self._name_checkins()
        self.remove_checkin_button.setEnabled(bool(self.checkins))
        start = record.created.astimezone().date()
        self.chart.show_metric(metric, self.checkins, record.due, start)

    def _show_metric_words(self) -> None:
        """What the Target tab says of the stored metric: its state, on the tab too."""
        metric = self.shown_metric
        self.save_metric_button.setText(_("Save metric") if metric else _("Add metric"))
        if self._is_task:
            self.metric_hint.setText(_("No metric yet: give this task a measurable target."))
        else:
            self.metric_hint.setText(_("No metric yet: give this goal a measurable target."))
        if metric is None:
            self.setTabText(0, pgettext("tab", "Target"))
            self.target_scroll.updateGeometry()
            return
        status = texts.metric_status(metric)
        value = texts.value_text(metric.value, metric.unit)
        self.progress_label.setText(_("Now {value} — {status}").format(value=value, status=status))
        latest = max((c.day for c in self.checkins), default=None)
        if metric.current is None or latest is None:
            self.checkin_note.setText(_("No check-in yet: this is the baseline."))
        else:
            note = _("Latest check-in: {day}").format(day=formats.date_short(latest))
            self.checkin_note.setText(note)
        state = texts.limit_word(metric) or status
        self.setTabText(0, _("Target · {state}").format(state=state))
        self.target_scroll.updateGeometry()  # its words' room changed

    def _name_checkins(self) -> None:
        """Each check-in's line: its day and value, the current language's way."""
        unit = self.shown_metric.unit if self.shown_metric is not None else ""
        by_id = {c.id: c for c in self.checkins}
        for row in range(self.checkin_list.count()):
            item = self.checkin_list.item(row)
            checkin = by_id.get(item.data(Qt.ItemDataRole.UserRole))
            if checkin is not None:
                day = formats.date_short(checkin.day)
                item.setText(f"{day}    {texts.value_text(checkin.value, unit)}")

    def _form_edits(self) -> tuple[QLineEdit, ...]:
        return (
            self.name_edit,
            self.unit_edit,
            self.baseline_edit,
            self.target_edit,
            self.stretch_edit,
        )

    def _form(self) -> Form:
        name, unit, baseline, target, stretch = (e.text() for e in self._form_edits())
        return (name, unit, baseline, target, stretch, str(self.direction_box.currentData()))

    def _form_pending(self) -> bool:
        """The metric form was changed since it was shown (an empty form for an item
        without a metric is nothing typed, whatever its direction)."""
        form = self._form()
        if self.shown_metric is None and not any(text.strip() for text in form[:5]):
            return False
        return form != self._shown_form

    def _show_journal(self) -> None:
        self.journal_list.clear()
        for entry in self.entries:
            item = QListWidgetItem()
            item.setToolTip(entry.text)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.journal_list.addItem(item)
        self._name_entries()
        self.journal_empty.setVisible(not self.entries)
        self.journal_list.setVisible(bool(self.entries))
        self.remove_journal_button.setEnabled(bool(self.entries))

    def _name_entries(self) -> None:
        """Each journal entry's line: its day, the current language's way, and its text."""
        by_id = {e.id: e for e in self.entries}
        for row in range(self.journal_list.count()):
            item = self.journal_list.item(row)
            entry = by_id.get(item.data(Qt.ItemDataRole.UserRole))
            if entry is not None:
                item.setText(f"{formats.date_short(entry.day)} — {entry.text}")

    # -- changes -------------------------------------------------------------------------
    def _run(self, text: str, action: Action) -> None:
        self.runRequested.emit(text, action)

    def _metric_step(self) -> tuple[str, Action] | None:
        """The form's metric as a step (undo text, action); None when it is the stored one.
        Raises PlannerError when the form's values cannot be used."""
        record, metrics = self._record, self.metrics
        assert record is not None and metrics is not None
        fields = dict(
            zip(
                ("name", "unit", "baseline", "target", "stretch", "direction"),
                self._form(),
                strict=True,
            )
        )
        metric = mt.clean_metric(record.id, fields)
        if metric == _without_current(self.shown_metric):
            return None  # nothing changed
        if self.shown_metric is not None:
            text = _("Change metric of {title}")
        else:
            text = _("Add metric to {title}")
        item_id = record.id
        return (
            text.format(title=quoted(record.title)),
            lambda: metrics.apply(mt.SetMetric(item_id, metric)),
        )

    def save_metric(self) -> None:
        if self._record is None or self.metrics is None:
            return
        try:
            step = self._metric_step()
        except PlannerError as e:
            self._refused = (self._record.id, self._form())
            self.failed.emit(str(e))
            return
        if step is not None:
            self._run_alone(*step)

    def remove_metric(self) -> None:
        record, metrics = self._record, self.metrics
        if record is None or metrics is None or self.shown_metric is None:
            return
        self._run_alone(
            _("Remove metric of {title}").format(title=quoted(record.title)),
            lambda: metrics.remove_metric(record.id),
        )

    def _run_alone(self, text: str, action: Action) -> None:
        """Run a metric step without first flushing the metric form (it is the form's own
        step, or the form's metric is being removed)."""
        self._sending = True
        try:
            self._run(text, action)
        finally:
            self._sending = False

    def add_checkin(self) -> None:
        record, metrics = self._record, self.metrics
        if record is None or metrics is None:
            return
        try:
            value = mt.parse_value(self.checkin_value.text(), "A check-in")
        except PlannerError as e:
            self.failed.emit(str(e))
            return
        day = _day(self.checkin_date)
        # The field is ready for the next value. The button, disabled while the field is
        # empty, must not hold the focus: Qt would pass it on and scroll the tab.
        self.checkin_value.setFocus()
        self.checkin_value.clear()
        self._run(
            _("Check in {value} on {title}").format(
                value=texts.number_text(value), title=quoted(record.title)
            ),
            lambda: metrics.add_checkin(record.id, value, day),
        )

    def remove_checkin(self) -> None:
        item = self.checkin_list.currentItem()
        record, metrics = self._record, self.metrics
        if item is None or record is None or metrics is None:
            return
        checkin_id = int(item.data(Qt.ItemDataRole.UserRole))
        self._run(
            _("Remove check-in of {title}").format(title=quoted(record.title)),
            lambda: metrics.remove_checkin(checkin_id),
        )

    def add_journal(self) -> None:
        record, metrics = self._record, self.metrics
        if record is None or metrics is None:
            return
        text = self.journal_text.toPlainText()
        try:
            mt.clean_journal_text(text)
        except PlannerError as e:
            self.failed.emit(str(e))
            return
        day = _day(self.journal_date)
        self.journal_text.clear()
        self._run(
            _("Add journal entry to {title}").format(title=quoted(record.title)),
            lambda: metrics.add_journal(record.id, text, day),
        )

    def remove_journal(self) -> None:
        item = self.journal_list.currentItem()
        record, metrics = self._record, self.metrics
        if item is None or record is None or metrics is None:
            return
        entry_id = int(item.data(Qt.ItemDataRole.UserRole))
        self._run(
            _("Remove journal entry of {title}").format(title=quoted(record.title)),
            lambda: metrics.remove_journal(entry_id),
        )

    def flush(self, leaving: bool = False) -> None:
        """Send what is being typed (before an undo, a close or another selection): the
        metric form when it was changed, as one step like its Save button, and the why /
        examples. A metric form that cannot be saved gets a message (once for the same
        values, and again when its item is left: the form then shows the next item).
        A check-in value or journal text not yet added by its button is not sent."""
        record = self._record
        if record is None or record.is_group or self._sending:
            return
        # Everything is read before anything is sent: sending refreshes the panel.
        step: tuple[str, Action] | None = None
        if self.metrics is not None and self._form_pending():
            form = self._form()
            try:
                step = self._metric_step()
            except PlannerError as e:
                if leaving or self._refused != (record.id, form):
                    self._refused = (record.id, form)
                    message = _("The metric of {title} is not saved: {error}")
                    self.failed.emit(message.format(title=quoted(record.title), error=e))
        changed = {
            key: edit.toPlainText()
            for key, edit in (("why", self.why_edit), ("examples", self.examples_edit))
            if edit.toPlainText() != getattr(record, key)
        }
        if step is None and not changed:
            return
        self._sending = True
        try:
            if step is not None:
                self._run(*step)
            if changed:
                self.editRequested.emit(record.id, changed)
        finally:
            self._sending = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in (self.why_edit, self.examples_edit) and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)


def _without_current(metric: mt.Metric | None) -> mt.Metric | None:
    """The metric as the form sets it (its current value follows the check-ins)."""
    return None if metric is None else dataclasses.replace(metric, current=None)
