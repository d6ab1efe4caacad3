"""A small chart of a metric's check-ins over time: the values as a line, the baseline,
target and stretch target as horizontal lines, and the due date marked on the time axis.
Plain QPainter: QtCharts comes with PySide6-Addons, not PySide6-Essentials, and a few
lines and dots do not need it (nor its load time on every plan opened)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from planner.domain.metrics import CheckIn, Metric, number_text

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
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_color = self.palette().color(self.foregroundRole())
        if self.shown_metric is None:
            painter.end()
            return
        metrics = QFontMetrics(self.font())
        low, high = self.value_range()
        shown = self.shown_metric
        labels = [
            number_text(v) for v in (shown.baseline, shown.target, shown.stretch) if v is not None
        ]
        left = max(metrics.horizontalAdvance(t) for t in labels) + 10
        plot = QRectF(left, 8, self.width() - left - 10, self.height() - 8 - metrics.height() - 8)
        first, last = self.days()
        span = max((last - first).days, 1)

        def x(day: date) -> float:
            return plot.left() + plot.width() * (day - first).days / span

        def y(value: float) -> float:
            return plot.bottom() - plot.height() * (value - low) / (high - low)

        painter.setPen(QPen(QColor("#d1d5db"), 1))
        painter.drawRect(plot)
        m = self.shown_metric
        lines = [
            (m.baseline, BASELINE, Qt.PenStyle.DashLine),
            (m.target, TARGET, Qt.PenStyle.SolidLine),
        ]
        if m.stretch is not None:
            lines.append((m.stretch, STRETCH, Qt.PenStyle.DotLine))
        for value, color, style in lines:
            painter.setPen(QPen(color, 1.5, style))
            level = y(float(value))
            painter.drawLine(QPointF(plot.left(), level), QPointF(plot.right(), level))
        painter.setPen(text_color)
        for value, color, _style in lines:
            level = y(float(value))
            painter.setPen(color)
            painter.drawText(
                QRectF(0, level - metrics.height() / 2, left - 4, metrics.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                number_text(value),
            )
        if self.due is not None:
            painter.setPen(QPen(DUE, 1, Qt.PenStyle.DashLine))
            at = x(self.due)
            painter.drawLine(QPointF(at, plot.top()), QPointF(at, plot.bottom()))
        # The time axis: first day, last day, and the due day.
        painter.setPen(text_color)
        base = plot.bottom() + 4
        height = metrics.height()
        painter.drawText(
            QRectF(plot.left(), base, plot.width() / 2, height),
            int(Qt.AlignmentFlag.AlignLeft),
            first.strftime("%d %b"),
        )
        if self.due is not None and self.due == last:
            painter.setPen(DUE)
            end_text = "Due " + last.strftime("%d %b")
        else:
            end_text = last.strftime("%d %b")
        painter.drawText(
            QRectF(plot.center().x(), base, plot.width() / 2, height),
            int(Qt.AlignmentFlag.AlignRight),
            end_text,
        )
        if self.due is not None and self.due != last:
            painter.setPen(DUE)
            at = x(self.due)
            painter.drawText(
                QRectF(at - 40, base, 80, height),
                int(Qt.AlignmentFlag.AlignHCenter),
                "Due " + self.due.strftime("%d %b"),
            )
        if not self.checkins:
            painter.setPen(QColor("#6b7280"))
            painter.drawText(plot, int(Qt.AlignmentFlag.AlignCenter), "No check-ins yet")
            painter.end()
            return
        points = [QPointF(x(c.day), y(float(c.value))) for c in self.checkins]
        painter.setPen(QPen(VALUES, 2))
        for a, b in itertools.pairwise(points):
            painter.drawLine(a, b)
        painter.setBrush(VALUES)
        for point in points:
            painter.drawEllipse(point, 3, 3)
        painter.end()
