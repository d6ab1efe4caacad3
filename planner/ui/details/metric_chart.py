"""A small chart of a metric's check-ins over time: the values as a line, the baseline,
target and stretch target as horizontal lines, and the due date marked on the time axis.
Plain QPainter: QtCharts comes with PySide6-Addons, not PySide6-Essentials, and a few
lines and dots do not need it (nor its load time on every plan opened)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from planner import formats
from planner.domain.metrics import CheckIn, Metric
from planner.i18n import _
from planner.ui.tree.texts import number_text

BASELINE = QColor("#8a8f98")
TARGET = QColor("#2e9d5b")
STRETCH = QColor("#7c3aed")
VALUES = QColor("#3b82f6")
DUE = QColor("#c62828")


class MetricChart(QWidget):
    """Values over time; nothing to draw shows a hint instead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shown_metric: Metric | None = None
        self.checkins: list[CheckIn] = []
        self.due: date | None = None
        self.start: date | None = None
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(260, 170)

    def show_metric(
        self,
        metric: Metric | None,
        checkins: Sequence[CheckIn],
        due: date | None,
        start: date | None = None,
    ) -> None:
        """`start`: where the time axis begins when there are no check-ins before it (the
        goal's creation day)."""
        self.shown_metric, self.checkins, self.due, self.start = metric, list(checkins), due, start
        self.update()

    # -- geometry ------------------------------------------------------------------------
    def days(self) -> tuple[date, date]:
        """The first and last day of the time axis."""
        days = [c.day for c in self.checkins]
        if self.start is not None:
            days.append(self.start)
        if self.due is not None:
            days.append(self.due)
        if not days:
            today = date.today()
            return today, today + timedelta(days=1)
        first, last = min(days), max(days)
        return first, max(last, first + timedelta(days=1))

    def value_range(self) -> tuple[float, float]:
        assert self.shown_metric is not None
        m = self.shown_metric
        values = [float(m.baseline), float(m.target)] + [float(c.value) for c in self.checkins]
        if m.stretch is not None:
            values.append(float(m.stretch))
        low, high = min(values), max(values)
        pad = (high - low) * 0.08 or max(abs(high) * 0.1, 1.0)
        return low - pad, high + pad

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.shown_metric is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            plot = self._plot(QFontMetrics(self.font()))
            painter.setPen(QPen(QColor("#d1d5db"), 1))
            painter.drawRect(plot.area)
            self._draw_levels(painter, plot, self.shown_metric)
            self._draw_time_axis(painter, plot)
            self._draw_values(painter, plot)
        finally:
            painter.end()

    def _levels(self, metric: Metric) -> list[tuple[Decimal, QColor, Qt.PenStyle]]:
        """The baseline, the target and (if set) the stretch target, each as it is drawn."""
        levels = [
            (metric.baseline, BASELINE, Qt.PenStyle.DashLine),
            (metric.target, TARGET, Qt.PenStyle.SolidLine),
        ]
        if metric.stretch is not None:
            levels.append((metric.stretch, STRETCH, Qt.PenStyle.DotLine))
        return levels

    def _plot(self, metrics: QFontMetrics) -> _Plot:
        """Where the values are drawn: what is left once the levels' labels (on the left)
        and the time axis (below) have their room."""
        assert self.shown_metric is not None
        labels = [number_text(value) for value, _c, _s in self._levels(self.shown_metric)]
        left = max(metrics.horizontalAdvance(t) for t in labels) + 10
        area = QRectF(left, 8, self.width() - left - 10, self.height() - 8 - metrics.height() - 8)
        first, last = self.days()
        return _Plot(area, first, last, *self.value_range(), metrics.height())

    def _draw_levels(self, painter: QPainter, plot: _Plot, metric: Metric) -> None:
        """The baseline and targets across the plot, each labelled on the left."""
        area = plot.area
        for value, color, style in self._levels(metric):
            level = plot.y(float(value))
            painter.setPen(QPen(color, 1.5, style))
            painter.drawLine(QPointF(area.left(), level), QPointF(area.right(), level))
            painter.setPen(color)
            painter.drawText(
                QRectF(0, level - plot.text_height / 2, area.left() - 4, plot.text_height),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                number_text(value),
            )
        if self.due is not None:
            painter.setPen(QPen(DUE, 1, Qt.PenStyle.DashLine))
            at = plot.x(self.due)
            painter.drawLine(QPointF(at, area.top()), QPointF(at, area.bottom()))

    def _draw_time_axis(self, painter: QPainter, plot: _Plot) -> None:
        """The first day, the last day, and the due day below the plot."""
        area, height = plot.area, plot.text_height
        base = area.bottom() + 4
        first_text, last_text, due_text = self.axis_texts(plot.first, plot.last)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(
            QRectF(area.left(), base, area.width() / 2, height),
            int(Qt.AlignmentFlag.AlignLeft),
            first_text,
        )
        if self.due is not None and self.due == plot.last:
            painter.setPen(DUE)
        painter.drawText(
            QRectF(area.center().x(), base, area.width() / 2, height),
            int(Qt.AlignmentFlag.AlignRight),
            last_text,
        )
        if self.due is not None and due_text:
            painter.setPen(DUE)
            width = painter.fontMetrics().horizontalAdvance(due_text) + 4  # as long as it is
            painter.drawText(
                QRectF(plot.x(self.due) - width / 2, base, width, height),
                int(Qt.AlignmentFlag.AlignHCenter),
                due_text,
            )

    def axis_texts(self, first: date, last: date) -> tuple[str, str, str]:
        """The time axis's words: its first day, its last day (the due day when it is the
        last), and the due day when it falls between ('' if not)."""
        last_text = _day_month(last)
        if self.due is not None and self.due == last:
            return _day_month(first), _("Due {date}").format(date=last_text), ""
        due = "" if self.due is None else _("Due {date}").format(date=_day_month(self.due))
        return _day_month(first), last_text, due

    def hint(self) -> str:
        """What the plot says while there are no check-ins."""
        return _("No check-ins yet")

    def _draw_values(self, painter: QPainter, plot: _Plot) -> None:
        """The check-ins as a line with a dot on each, or a hint while there are none."""
        if not self.checkins:
            painter.setPen(QColor("#6b7280"))
            painter.drawText(plot.area, int(Qt.AlignmentFlag.AlignCenter), self.hint())
            return
        points = [QPointF(plot.x(c.day), plot.y(float(c.value))) for c in self.checkins]
        painter.setPen(QPen(VALUES, 2))
        for a, b in itertools.pairwise(points):
            painter.drawLine(a, b)
        painter.setBrush(VALUES)
        for point in points:
            painter.drawEllipse(point, 3, 3)


def _day_month(day: date) -> str:
    """A day on the time axis, without its year: 'Jan 5', '5. Jan.', '1月5日'."""
    from babel.dates import format_skeleton

    return format_skeleton("MMMd", day, locale=formats.formatting_locale())


@dataclass(frozen=True)
class _Plot:
    """The plot's rectangle and the days and values its edges stand for."""

    area: QRectF
    first: date
    last: date
    low: float
    high: float
    text_height: int

    def x(self, day: date) -> float:
        span = max((self.last - self.first).days, 1)
        return self.area.left() + self.area.width() * (day - self.first).days / span

    def y(self, value: float) -> float:
        area = self.area
        return area.bottom() - area.height() * (value - self.low) / (self.high - self.low)
