"""The dialogs of sharing and exchange: Share… (format, where, keep it up to date), the
Shares window (list, Open, Revoke) and Export… (scope, format, where)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.domain.shares import NOT_MADE_HERE, ShareRecord
from planner.exports.exchange import DESCRIPTIONS, EXPORT_FORMATS, SUFFIXES

CARD_FORMATS = {"html": "HTML page (opens in any browser)", "pdf": "PDF (to print)"}
CARD_FORMATS |= {"png": "PNG image (for chat apps)"}
PAGES = {"a4": "A4", "letter": "Letter"}
UNTRUSTED = f"{NOT_MADE_HERE}: never written nor deleted"


def safe_file_name(title: str) -> str:
    keep = "".join(c if c.isalnum() or c in " -_" else " " for c in title)
    return " ".join(keep.split())[:60] or "card"


class _FileRow(QWidget):
    """A file path with a Browse… button."""

    def __init__(self, caption: str, filters: Callable[[], str]) -> None:
        super().__init__()
        self.caption, self.filters = caption, filters
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setMinimumWidth(340)
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        layout.addWidget(self.edit, 1)
        layout.addWidget(browse)

    def _browse(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.caption, self.edit.text(), self.filters()
        )
        if name:
            self.edit.setText(name)

    def set_suffix(self, suffix: str) -> None:
        text = self.edit.text().strip()
        if text:
            self.edit.setText(str(Path(text).with_suffix(suffix)))


class ShareDialog(QDialog):
    """Share… of one goal or task."""

    def __init__(self, parent: QWidget | None, title: str, folder: Path, page: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Share")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"A read-only card of <b>{_html(title)}</b> and its subtasks. It holds nothing "
            "else of the plan: no other goals, no deleted items, no file paths."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.format = QComboBox()
        for key, label in CARD_FORMATS.items():
            self.format.addItem(label, key)
        self.page = QComboBox()
        for key, label in PAGES.items():
            self.page.addItem(label, key)
        self.page.setCurrentIndex(list(PAGES).index(page) if page in PAGES else 0)
        self.file = _FileRow("Save the card as", lambda: f"Card (*.{self.fmt})")
        self.file.edit.setText(str(folder / f"{safe_file_name(title)}.html"))
        self.live = QCheckBox("Keep it up to date (rewrite the file when the item changes)")
        form.addRow("Format:", self.format)
        form.addRow("Page size:", self.page)
        form.addRow("Save as:", self.file)
        layout.addLayout(form)
        layout.addWidget(self.live)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Share")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

    @property
    def fmt(self) -> str:
        return str(self.format.currentData())

    def _format_changed(self) -> None:
        self.page.setEnabled(self.fmt == "pdf")
        self.file.set_suffix(f".{self.fmt}")

    def path(self) -> Path:
        return Path(self.file.edit.text().strip())


class ExportDialog(QDialog):
    """Export… the whole plan or the selected item, in one of the exchange formats."""

    def __init__(
        self, parent: QWidget | None, item_title: str | None, folder: Path, plan_name: str
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.whole = QRadioButton("The whole plan")
        self.item = QRadioButton(f"“{item_title}” and its subtasks" if item_title else "")
        self.whole.setChecked(True)
        self.item.setVisible(item_title is not None)
        scope = QVBoxLayout()
        scope.addWidget(self.whole)
        scope.addWidget(self.item)
        form.addRow("Export:", scope)
        self.format = QComboBox()
        for key in EXPORT_FORMATS:
            self.format.addItem(DESCRIPTIONS[key], key)
        form.addRow("Format:", self.format)
        self.file = _FileRow("Export to", lambda: f"{DESCRIPTIONS[self.fmt]} (*{self.suffix})")
        self.file.edit.setText(str(folder / f"{safe_file_name(plan_name)}.json"))
        form.addRow("Save as:", self.file)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.format.currentIndexChanged.connect(lambda _i: self.file.set_suffix(self.suffix))

    @property
    def fmt(self) -> str:
        return str(self.format.currentData())

    @property
    def suffix(self) -> str:
        return SUFFIXES[self.fmt]

    def path(self) -> Path:
        return Path(self.file.edit.text().strip())


class SharesWindow(QDialog):
    """Every share of the plan: item, format, where, made, last updated; Open and Revoke."""

    COLUMNS = ("Item", "Format", "Kept up to date", "File", "Made", "Last updated")

    def __init__(
        self,
        parent: QWidget | None,
        load: Callable[[], list[tuple[ShareRecord, str | None]]],
        revoke: Callable[[int], str | None],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Shares")
        self.resize(900, 360)
        self._load, self._revoke = load, revoke
        self.shares: list[ShareRecord] = []
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.empty = QLabel("No shares yet. Select a goal or task and choose Item › Share….")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        self.open_button = QPushButton("Open")
        self.open_button.clicked.connect(self.open_selected)
        self.revoke_button = QPushButton("Revoke")
        self.revoke_button.setToolTip(
            "Delete the card file and stop updating it (a share not made on this computer: "
            "only its record is removed)"
        )
        self.revoke_button.clicked.connect(self.revoke_selected)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        rows = self._load()
        self.shares = [share for share, _title in rows]
        self.table.setRowCount(len(rows))
        for row, (share, title) in enumerate(rows):
            made = share.made.astimezone().strftime("%Y-%m-%d %H:%M")
            updated = share.updated.astimezone().strftime("%Y-%m-%d %H:%M")
            cells = (
                title if title is not None else "(item removed)",
                share.format.upper(),
                "Yes" if share.live else "No",
                share.file if share.made_here else f"{share.file} ({UNTRUSTED})",
                made,
                updated,
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column == 3:
                    cell.setToolTip(text)
                self.table.setItem(row, column, cell)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self._update_buttons()

    def selected(self) -> ShareRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.shares[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        share = self.selected()
        # A file a plan from elsewhere names is not handed to whatever program opens it.
        self.open_button.setEnabled(share is not None and share.made_here)
        self.revoke_button.setEnabled(share is not None)

    def open_selected(self) -> None:
        share = self.selected()
        if share is None or not share.made_here:
            return
        if not Path(share.file).exists():
            self.note.setText(f"{share.file} is not there any more (moved or deleted).")
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(share.file))

    def revoke_selected(self) -> None:
        share = self.selected()
        if share is None:
            return
        note = self._revoke(share.id)
        if note is not None:
            self.note.setText(note)
        self.reload()


def _html(text: str) -> str:
    from html import escape

    return escape(text)
