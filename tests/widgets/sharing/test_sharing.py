"""Sharing in the window: Share… writes the card and records it, a live share is rewritten
once for a burst of edits, the Shares window revokes; File › Export… and Import…."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from planner.exports.share_files import make_share
from planner.services.plan import PlanService
from planner.services.shares import ShareService
from planner.ui.sharing.actions import REFRESH_MS
from planner.ui.sharing.dialogs import ExportDialog, ShareDialog, SharesWindow
from planner.ui.window.main_window import MainWindow
from tests.helpers.window import MakeWindow, service_of


@pytest.fixture
def window(make_window: MakeWindow, service: PlanService) -> MainWindow:
    group = service.create_group("Health").ids[0]
    goal = service.create_item(group, "Run a marathon").ids[0]
    service.create_item(goal, "Buy shoes")
    service.create_item(group, "Other goal")
    service.store.close()
    window = make_window()
    # The live shares' timer never fires by itself here: `refresh_due` does what it does.
    window.sharing.timer.setInterval(3_600_000)
    return window


def refresh_due(qtbot: Any, window: MainWindow, rewrites: list[int]) -> None:
    """What the live shares' timer does when it fires (a second after a change armed it),
    done now; then until the rewrite is written and recorded."""
    timer, before = window.sharing.timer, len(rewrites)
    assert timer.isActive(), "no change armed the timer"
    timer.stop()
    window.sharing.refresh_now()
    qtbot.waitUntil(lambda: len(rewrites) > before, timeout=10000)


def select(window: MainWindow, title: str) -> int:
    record = next(r for r in service_of(window).all_items() if r.title == title)
    window.reveal([record.id])
    return record.id


def test_share_dialog_writes_the_card_and_records_it(
    window: MainWindow, tmp_path: Path, monkeypatch: Any
) -> None:
    goal = select(window, "Run a marathon")
    target = tmp_path / "card.png"

    def accept(dialog: ShareDialog) -> int:
        dialog.format.setCurrentIndex(dialog.format.findData("png"))
        dialog.file.edit.setText(str(target))
        dialog.live.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ShareDialog, "exec", accept)
    assert window.actions_by_name["share"].isEnabled()
    assert window.actions_by_name["share"].shortcut().toString() == "Ctrl+Shift+S"
    window.actions_by_name["share"].trigger()
    assert target.read_bytes()[:4] == b"\x89PNG"
    [share] = ShareService(service_of(window)).all()
    assert (share.item_id, share.format, share.live, share.file) == (goal, "png", True, str(target))
    # Sharing is not a step of the plan's undo history.
    assert window.controller is not None and window.controller.stack.count() == 0


def test_share_is_off_for_groups(window: MainWindow) -> None:
    select(window, "Health")
    assert not window.actions_by_name["share"].isEnabled()


def test_live_share_rewritten_once_for_a_burst(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    service = service_of(window)
    goal = select(window, "Run a marathon")
    shoes = select(window, "Buy shoes")
    target = tmp_path / "card.html"
    assert window.plan_path is not None
    make_share(service, goal, "html", target, True, window.plan_path)
    still = tmp_path / "once.html"
    make_share(service, goal, "html", still, False, window.plan_path)
    rewrites: list[int] = []
    window.sharing.refreshed.connect(rewrites.append)
    window.sharing.timer.setInterval(REFRESH_MS)  # this once, the timer itself fires
    for i in range(5):
        window.items.edit_item(shoes, title=f"Buy shoes {i}")
    # Nothing is rewritten while the burst goes on.
    assert "Buy shoes 4" not in target.read_text() and rewrites == []
    qtbot.waitUntil(lambda: bool(rewrites), timeout=5000)
    window.sharing.timer.setInterval(3_600_000)
    assert rewrites == [1]
    assert "Buy shoes 4" in target.read_text() and "Buy shoes 4" not in still.read_text()
    assert not window.sharing.timer.isActive()  # one rewrite for the burst: none more due
    # A change outside the shared subtree rewrites nothing.
    other = select(window, "Other goal")
    window.items.edit_item(other, title="Other goal renamed")
    refresh_due(qtbot, window, rewrites)
    assert rewrites == [1, 0]
    # Undo is a change too.
    window.undo()
    window.undo()
    refresh_due(qtbot, window, rewrites)
    assert rewrites == [1, 0, 1] and "Buy shoes 3" in target.read_text()


def test_shares_window_revokes(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    service = service_of(window)
    goal = select(window, "Run a marathon")
    assert window.plan_path is not None
    kept = tmp_path / "kept.html"
    moved = tmp_path / "moved.pdf"
    make_share(service, goal, "html", kept, False, window.plan_path)
    make_share(service, goal, "pdf", moved, True, window.plan_path)
    moved.unlink()  # the user moved it away
    window.actions_by_name["shares"].trigger()
    shares = window.findChild(SharesWindow)
    assert shares is not None and shares.table.rowCount() == 2
    assert shares.table.item(0, 0).text() == "Run a marathon"
    shares.grab().save(str(tmp_path / "shares.png"))
    shares.table.selectRow(1)
    shares.revoke_button.click()
    assert "already gone" in shares.note.text()
    assert shares.table.rowCount() == 1
    shares.table.selectRow(0)
    shares.revoke_button.click()
    assert not kept.exists() and shares.table.rowCount() == 0
    assert shares.empty.isVisibleTo(shares) and ShareService(service).all() == []


def test_import_is_one_undoable_step(window: MainWindow, tmp_path: Path) -> None:
    md = tmp_path / "list.md"
    md.write_text("- [ ] Paint walls\n  - [x] Buy paint\n- [ ] Fix door\n")
    select(window, "Run a marathon")
    window.sharing.import_dialog(str(md))
    titles = {r.title for r in service_of(window).all_items()}
    assert {"Paint walls", "Buy paint", "Fix door"} <= titles
    assert window.controller is not None
    assert window.controller.stack.undoText() == "Import 'list.md'"
    # Every item is counted, the subtasks too, not only the top ones.
    assert window.statusBar().currentMessage() == "Imported 3 items from list.md."
    window.undo()
    assert "Paint walls" not in {r.title for r in service_of(window).all_items()}


def test_bad_import_imports_nothing(window: MainWindow, tmp_path: Path, monkeypatch: Any) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(
        "planner.ui.sharing.actions.QMessageBox.warning", lambda _p, _t, text: warnings.append(text)
    )
    bad = tmp_path / "bad.opml"
    bad.write_text('<opml version="2.0"><body>\n<outline text="a">\n</body></opml>')
    before = len(service_of(window).all_items())
    window.sharing.import_dialog(str(bad))
    assert warnings and "bad.opml: Line 3" in warnings[0]
    assert len(service_of(window).all_items()) == before


def test_export_dialog(window: MainWindow, tmp_path: Path, monkeypatch: Any) -> None:
    select(window, "Run a marathon")
    target = tmp_path / "out.opml"

    def accept(dialog: ExportDialog) -> int:
        assert dialog.item.isChecked()
        # The selected item is exported: its name is suggested, not the plan's; the
        # whole plan gets the plan's.
        assert dialog.path().name == "Run a marathon.json"
        dialog.whole.setChecked(True)
        assert dialog.path().name == "My plan.json"
        dialog.item.setChecked(True)
        dialog.format.setCurrentIndex(dialog.format.findData("opml"))
        dialog.file.edit.setText(str(target))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", accept)
    window.actions_by_name["export"].trigger()
    text = target.read_text()
    assert 'text="Buy shoes"' in text and "Other goal" not in text


def test_live_pdf_and_png_rewritten_off_the_main_thread_and_flushed_at_close(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    import io
    import re

    import pypdf

    def pdf_text(path: Path) -> str:
        text = pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages[0].extract_text()
        return re.sub(r"\s+", " ", text)

    service = service_of(window)
    goal = select(window, "Run a marathon")
    shoes = select(window, "Buy shoes")
    assert window.plan_path is not None
    pdf, png = tmp_path / "card.pdf", tmp_path / "card.png"
    make_share(service, goal, "pdf", pdf, True, window.plan_path)
    make_share(service, goal, "png", png, True, window.plan_path)
    old_png = png.read_bytes()
    rewrites: list[int] = []
    window.sharing.refreshed.connect(rewrites.append)
    window.items.edit_item(shoes, title="Buy trail shoes")
    refresh_due(qtbot, window, rewrites)
    assert rewrites == [2]
    assert "Buy trail shoes" in pdf_text(pdf)
    assert png.read_bytes() != old_png
    # A change just before the plan closes is written before it closes.
    window.items.edit_item(shoes, title="Buy road shoes")
    window.close()
    assert "Buy road shoes" in pdf_text(pdf)
    assert not list(tmp_path.glob(".*.tmp"))


def test_json_import_takes_the_currency_of_a_plan_without_amounts(
    window: MainWindow, tmp_path: Path
) -> None:
    import json

    doc = {
        "format": "planner",
        "version": 2,
        "currency": "JPY",
        "item": {
            "title": "Trip to Kyoto",
            "calc_on": True,
            "lines": [{"description": "Rail pass", "quantity": "1", "unit_price": "50000"}],
        },
    }
    path = tmp_path / "trip.json"
    path.write_text(json.dumps(doc))
    window.sharing.import_dialog(str(path))
    from planner.services.costs import CostService

    costs = CostService(service_of(window).store)
    assert costs.currency() == "JPY" and costs.has_lines()
    assert "Trip to Kyoto" in {r.title for r in service_of(window).all_items()}


def test_a_share_not_made_here_is_listed_and_never_written_nor_opened(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: Any
) -> None:
    """A share row that came with the plan: shown as such, its file left alone."""
    from planner.domain.shares import NOT_MADE_HERE

    service = service_of(window)
    goal = select(window, "Run a marathon")
    victim = tmp_path / "victim.txt"
    victim.write_text("mine")
    with service.store.write() as unit:
        now = service.clock()
        planted = unit.insert_share(
            item_id=goal, format="html", file=str(victim), made=now, updated=now, live=True
        )
    rewrites: list[int] = []
    window.sharing.refreshed.connect(rewrites.append)
    window.items.edit_item(select(window, "Buy shoes"), title="Buy new shoes")
    refresh_due(qtbot, window, rewrites)
    assert rewrites == [0] and victim.read_text() == "mine"
    assert window.statusBar().currentMessage() == (
        f"victim.txt not updated: share {planted} was {NOT_MADE_HERE}."
    )
    opened: list[object] = []
    monkeypatch.setattr("planner.ui.sharing.dialogs.QDesktopServices.openUrl", opened.append)
    window.actions_by_name["shares"].trigger()
    shares = window.findChild(SharesWindow)
    assert shares is not None
    assert (
        shares.table.item(0, 3).text() == f"{victim} ({NOT_MADE_HERE}: never written nor deleted)"
    )
    shares.table.selectRow(0)
    assert not shares.open_button.isEnabled() and shares.revoke_button.isEnabled()
    shares.open_selected()
    assert opened == []
    shares.revoke_button.click()
    assert "left alone" in shares.note.text() and victim.read_text() == "mine"
    assert ShareService(service).all() == []


def test_a_rewrite_that_cannot_be_recorded_is_a_note_not_a_crash(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: Any
) -> None:
    from planner.domain.errors import StorageError

    service = service_of(window)
    goal = select(window, "Run a marathon")
    assert window.plan_path is not None
    card = tmp_path / "card.html"
    share = make_share(service, goal, "html", card, True, window.plan_path)

    def read_only(*_args: object) -> None:
        raise StorageError("This plan is open read-only: the change was not saved.")

    monkeypatch.setattr(ShareService, "written", read_only)
    rewrites: list[int] = []
    window.sharing.refreshed.connect(rewrites.append)
    window.items.edit_item(select(window, "Buy shoes"), title="Buy new shoes")
    refresh_due(qtbot, window, rewrites)
    assert "Buy new shoes" in card.read_text()
    assert window.statusBar().currentMessage() == (
        f"Share {share.id} written, not recorded: "
        "This plan is open read-only: the change was not saved."
    )


@pytest.mark.parametrize("kind", ["fifo", "device", "plan"])
def test_import_in_the_window_refuses_what_the_command_line_refuses(
    window: MainWindow, tmp_path: Path, monkeypatch: Any, kind: str
) -> None:
    """One reader serves both: a pipe (which would hang the window), a device (which would
    fill its memory) and the plan itself are refused before anything is read."""
    warnings: list[str] = []
    monkeypatch.setattr(
        "planner.ui.sharing.actions.QMessageBox.warning", lambda _p, _t, text: warnings.append(text)
    )
    if kind == "fifo":
        path = tmp_path / "pipe.md"
        os.mkfifo(path)
        expected = "pipe.md is a pipe, not a regular file: import reads files only."
    elif kind == "device":
        path = Path("/dev/zero")
        expected = "/dev/zero is a device, not a regular file: import reads files only."
    else:
        plan = window.sharing.plan
        assert plan is not None
        path = plan
        expected = f"{path} is the plan itself; import reads an export file."
    before = len(service_of(window).all_items())
    window.sharing.import_dialog(str(path))
    assert warnings == [expected] or warnings[0].endswith(expected), warnings
    assert len(service_of(window).all_items()) == before


def test_sharing_without_a_documents_folder_keeps_the_dialog_on_a_failed_write(
    window: MainWindow, tmp_path: Path, monkeypatch: Any
) -> None:
    """No ~/Documents: a folder that exists is suggested; a file that cannot be written
    gets its message and the dialog again, as it was; the folder used is remembered."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    warnings: list[str] = []
    monkeypatch.setattr(
        "planner.ui.sharing.actions.QMessageBox.warning",
        lambda _p, _t, text: warnings.append(text),
    )
    select(window, "Run a marathon")
    cards = tmp_path / "cards"
    cards.mkdir()
    shown: list[tuple[Path, str]] = []

    def answer(dialog: ShareDialog) -> int:
        shown.append((dialog.path(), str(dialog.format.currentData())))
        if len(shown) == 1:
            dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
            dialog.file.edit.setText(str(tmp_path / "missing" / "card.pdf"))
        else:
            dialog.file.edit.setText(str(cards / "card.pdf"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ShareDialog, "exec", answer)
    window.actions_by_name["share"].trigger()
    first, again = shown
    assert first[0].parent.is_dir()  # was ~/Documents, which is not there
    assert len(warnings) == 1 and "missing" in warnings[0]
    assert again == (tmp_path / "missing" / "card.pdf", "pdf")  # the dialog as it was left
    assert (cards / "card.pdf").exists()
    shown.clear()
    monkeypatch.setattr(ShareDialog, "exec", lambda d: shown.append((d.path(), "")) or 0)
    window.actions_by_name["share"].trigger()
    assert shown[0][0].parent == cards  # the folder used last for a card
