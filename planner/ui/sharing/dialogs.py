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

from planner.domain.shares import ShareRecord
from planner.exports.exchange import DESCRIPTIONS, EXPORT_FORMATS, SUFFIXES
from planner.formats import moment
from planner.i18n import N_, _, pgettext
from planner.ui.language import Retranslated

CARD_FORMATS = {
    "html": N_("HTML page (opens in any browser)"),
    "pdf": N_("PDF (to print)"),
    "png": N_("PNG image (for chat apps)"),
}
PAGES = ("a4", "letter")


def page_name(page: str) -> str:
    return pgettext("paper size", "Letter") if page == "letter" else pgettext("paper size", "A4")


def safe_file_name(title: str) -> str:
    keep = "".join(c if c.isalnum() or c in " -_" else " " for c in title)
    return " ".join(keep.split())[:60] or "card"


class _FileRow(Retranslated, QWidget):
    """A file path with a Browse… button."""

    def __init__(self, caption: Callable[[], str], filters: Callable[[], str]) -> None:
        super().__init__()
        self.caption, self.filters = caption, filters
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setMinimumWidth(340)
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.browse)
        self.retranslate()

    def retranslate(self) -> None:
        self.browse.setText(_("Browse…"))

    def _browse(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.caption(), self.edit.text(), self.filters()
        )
        if name:
            self.edit.setText(name)

    def set_suffix(self, suffix: str) -> None:
        text = self.edit.text().strip()
        if text:
            self.edit.setText(str(Path(text).with_suffix(suffix)))


class ShareDialog(Retranslated, QDialog):
    """Share… of one goal or task."""

    def __init__(self, parent: QWidget | None, title: str, folder: Path, page: str) -> None:
        super().__init__(parent)
        self.title = title
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.format = QComboBox()
        for key in CARD_FORMATS:
            self.format.addItem("", key)
        self.page = QComboBox()
        for key in PAGES:
            self.page.addItem("", key)
        self.page.setCurrentIndex(PAGES.index(page) if page in PAGES else 0)
        # TRANSLATORS: the file dialog's filter: "Card (*.pdf)".
        self.file = _FileRow(lambda: _("Save the card as"), lambda: _("Card") + f" (*.{self.fmt})")
        self.file.edit.setText(str(folder / f"{safe_file_name(title)}.html"))
        self.live = QCheckBox()
        self.labels = [QLabel(), QLabel(), QLabel()]
        for label, field in zip(self.labels, (self.format, self.page, self.file), strict=True):
            form.addRow(label, field)
        layout.addLayout(form)
        layout.addWidget(self.live)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Share"))
        self.intro.setText(
            _(
                "A read-only card of <b>{title}</b> and its subtasks. It holds nothing else "
                "of the plan: no other goals, no deleted items, no file paths."
            ).format(title=_html(self.title))
        )
        for row, key in enumerate(CARD_FORMATS):
            self.format.setItemText(row, _(CARD_FORMATS[key]))
        for row, key in enumerate(PAGES):
            self.page.setItemText(row, page_name(key))
        self.live.setText(_("Keep it up to date (rewrite the file when the item changes)"))
        for label, text in zip(
            self.labels, (_("Format:"), _("Page size:"), _("Save as:")), strict=True
        ):
            label.setText(text)
        # TRANSLATORS: the button that makes the card.
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Share"))

    @property
    def fmt(self) -> str:
        return str(self.format.currentData())

    def _format_changed(self) -> None:
        self.page.setEnabled(self.fmt == "pdf")
        self.file.set_suffix(f".{self.fmt}")

    def path(self) -> Path:
        return Path(self.file.edit.text().strip())


class ExportDialog(Retranslated, QDialog):
    """Export… the whole plan or the selected item, in one of the exchange formats."""

    def __init__(
        self, parent: QWidget | None, item_title: str | None, folder: Path, plan_name: str
    ) -> None:
        super().__init__(parent)
        self.item_title = item_title
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.whole = QRadioButton()
        self.item = QRadioButton()
        self.whole.setChecked(True)
        self.item.setVisible(item_title is not None)
        scope = QVBoxLayout()
        scope.addWidget(self.whole)
        scope.addWidget(self.item)
        self.labels = [QLabel(), QLabel(), QLabel()]
        form.addRow(self.labels[0], scope)
        self.format = QComboBox()
        for key in EXPORT_FORMATS:
            self.format.addItem("", key)
        form.addRow(self.labels[1], self.format)
        self.file = _FileRow(
            lambda: _("Export to"), lambda: f"{_(DESCRIPTIONS[self.fmt])} (*{self.suffix})"
        )
        # The name suggested follows what is exported, until the user types another.
        self._names = (safe_file_name(plan_name), safe_file_name(item_title or plan_name))
        self.file.edit.setText(str(folder / f"{self._names[0]}.json"))
        self.item.toggled.connect(self._suggest_name)
        form.addRow(self.labels[2], self.file)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.format.currentIndexChanged.connect(lambda _i: self.file.set_suffix(self.suffix))
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Export"))
        self.whole.setText(_("The whole plan"))
        title = self.item_title
        self.item.setText(_("“{title}” and its subtasks").format(title=title) if title else "")
        for row, key in enumerate(EXPORT_FORMATS):
            self.format.setItemText(row, _(DESCRIPTIONS[key]))
        for label, text in zip(
            self.labels, (_("Export:"), _("Format:"), _("Save as:")), strict=True
        ):
            label.setText(text)
        # TRANSLATORS: the button that writes the export.
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Export"))

    def _suggest_name(self, item: bool) -> None:
        """The item's name for the item, the plan's for the whole plan; a name the user
        typed stays."""
        path = self.path()
        if path.stem in self._names:
            self.file.edit.setText(str(path.with_name(self._names[item] + path.suffix)))

    @property
    def fmt(self) -> str:
        return str(self.format.currentData())

    @property
    def suffix(self) -> str:
        return SUFFIXES[self.fmt]

    def path(self) -> Path:
        return Path(self.file.edit.text().strip())


class SharesWindow(Retranslated, QDialog):
    """Every share of the plan: item, format, where, made, last updated; Open and Revoke."""

    COLUMNS = (
        N_("Item"),
        N_("Format"),
        N_("Kept up to date"),
        N_("File"),
        N_("Made"),
        N_("Last updated"),
    )

    def __init__(
        self,
        parent: QWidget | None,
        load: Callable[[], list[tuple[ShareRecord, str | None]]],
        revoke: Callable[[int], str | None],
    ) -> None:
        super().__init__(parent)
        self.resize(900, 360)
        self._load, self._revoke = load, revoke
        self.shares: list[ShareRecord] = []
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_selected)
        self.revoke_button = QPushButton()
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Shares"))
        self.table.setHorizontalHeaderLabels([_(column) for column in self.COLUMNS])
        self.empty.setText(_("No shares yet. Select a goal or task and choose Item › Share…."))
        self.open_button.setText(_("Open"))
        self.revoke_button.setText(_("Revoke"))
        self.revoke_button.setToolTip(
            _(
                "Delete the card file and stop updating it (a share not made on this "
                "computer: only its record is removed)"
            )
        )
        self.close_button.setText(_("Close"))
        self.reload()

    def reload(self) -> None:
        rows = self._load()
        self.shares = [share for share, _title in rows]
        self.table.setRowCount(len(rows))
        for row, (share, title) in enumerate(rows):
            # TRANSLATORS: a share's file, when the share was made in another copy of the plan.
            untrusted = _("{file} (not made on this computer: never written nor deleted)")
            cells = (
                title if title is not None else _("(item removed)"),
                share.format.upper(),
                _("Yes") if share.live else _("No"),
                share.file if share.made_here else untrusted.format(file=share.file),
                moment(share.made),
                moment(share.updated),
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
            self.note.setText(
                _("{file} is not there any more (moved or deleted).").format(file=share.file)
            )
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
