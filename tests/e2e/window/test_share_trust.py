"""A plan is data from outside: a share row it holds is only acted on when this user made
that share, for this plan file, on this computer (item 5 of issue 14). The command line,
and a window under the offscreen platform in a process of its own.

The hostile rows are written with SQLite itself while no Planner process has the plan."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.built_plan import Plan
from tests.helpers.cli import ROOT, Cli

NOT_MADE_HERE = "not made on this computer"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def plant_share(plan: Path, item: int, file: Path, live: bool = True) -> int:
    """A share row as a plan from someone else may hold it: any file, any flag."""
    with sqlite3.connect(plan) as con:
        cursor = con.execute(
            "INSERT INTO shares (item_id, format, file, made, updated, live, fingerprint)"
            " VALUES (?, 'html', ?, '2026-01-01T00:00:00.000000+00:00',"
            " '2026-01-01T00:00:00.000000+00:00', ?, '')",
            (item, str(file), live),
        )
        share_id = cursor.lastrowid
    con.close()
    assert share_id is not None
    return share_id


def settings(plan: Path) -> dict[str, str]:
    with sqlite3.connect(plan) as con:
        found = dict(con.execute("SELECT key, value FROM settings").fetchall())
    con.close()
    return found


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    path = home / ".bashrc"
    path.write_text("export PATH=$HOME/bin:$PATH\n")
    return path


def test_a_planted_share_is_never_written_nor_deleted(
    cli: Cli, plan: Plan, tmp_path: Path, victim: Path
) -> None:
    run = plan["Run a marathon"]
    own = tmp_path / "own.html"
    mine = int(cli(plan.path, "share", run, "--format", "html", "-o", own, "--live").ok().out)
    planted = plant_share(plan.path, run, victim)
    # A signature copied from a share of this user's does not vouch for another row.
    with sqlite3.connect(plan.path) as con:
        for key, value in settings(plan.path).items():
            if key.endswith(f":{mine}"):
                con.execute(
                    "INSERT INTO settings VALUES (?, ?)",
                    (key.replace(str(mine), str(planted)), value),
                )
    con.close()
    before = sha(victim)

    result = cli(plan.path, "edit", plan["Week 2"], "--title", "Week two").ok()
    assert sha(victim) == before
    assert "Week two" in own.read_text()
    assert result.err == f"planner: .bashrc not updated: share {planted} was {NOT_MADE_HERE}.\n"

    listed = cli(plan.path, "shares", "--json").ok().json
    assert [(s["id"], s["made_here"]) for s in listed] == [(mine, True), (planted, False)]
    lines = cli(plan.path, "shares").ok().out.splitlines()
    assert NOT_MADE_HERE not in lines[0] and lines[1].endswith(
        f"{victim}  ({NOT_MADE_HERE}: never written nor deleted)"
    )

    result = cli(plan.path, "revoke", planted).ok()
    assert result.err == (
        f"Share {planted} was {NOT_MADE_HERE}: its record is removed, "
        f"and {victim} was left alone.\n"
    )
    assert sha(victim) == before
    assert [s["id"] for s in cli(plan.path, "shares", "--json").ok().json] == [mine]


def test_a_share_row_changed_after_it_was_made_is_no_longer_trusted(
    cli: Cli, plan: Plan, tmp_path: Path, victim: Path
) -> None:
    own = tmp_path / "own.html"
    mine = cli(plan.path, "share", plan["Week 1"], "--format", "html", "-o", own, "--live").ok()
    before = sha(victim)
    with sqlite3.connect(plan.path) as con:
        con.execute("UPDATE shares SET file = ? WHERE id = ?", (str(victim), int(mine.out)))
    con.close()
    cli(plan.path, "edit", plan["Week 1"], "--title", "Week one").ok()
    assert sha(victim) == before
    assert [s["made_here"] for s in cli(plan.path, "shares", "--json").ok().json] == [False]
    cli(plan.path, "revoke", mine.out.strip()).ok()
    assert sha(victim) == before and own.exists()


def test_shares_of_a_plan_copied_elsewhere_are_left_alone(
    cli: Cli, plan: Plan, tmp_path: Path
) -> None:
    """A plan file at another path (sent back by someone, or copied) does not write the
    cards its original made: a signed row cannot be carried into another plan."""
    own = tmp_path / "own.html"
    cli(plan.path, "share", plan["Week 1"], "--format", "html", "-o", own, "--live").ok()
    before = sha(own)
    copy = tmp_path / "received" / "plan.sqlite3"
    copy.parent.mkdir()
    shutil.copyfile(plan.path, copy)
    result = cli(copy, "edit", plan["Week 1"], "--title", "Changed by someone else").ok()
    assert NOT_MADE_HERE in result.err
    assert sha(own) == before
    # The original plan still owns its share.
    cli(plan.path, "edit", plan["Week 1"], "--title", "Week one").ok()
    assert "Week one" in own.read_text()


def test_a_share_file_replaced_by_a_link_or_a_pipe_is_not_written_through(
    cli: Cli, plan: Plan, tmp_path: Path, victim: Path
) -> None:
    linked = tmp_path / "linked.html"
    piped = tmp_path / "piped.html"
    for card in (linked, piped):
        cli(plan.path, "share", plan["Week 1"], "--format", "html", "-o", card, "--live").ok()
    before = sha(victim)
    linked.unlink()
    linked.symlink_to(victim)
    piped.unlink()
    os.mkfifo(piped)
    result = cli(plan.path, "edit", plan["Week 1"], "--title", "Week one").ok()
    assert sha(victim) == before and linked.is_symlink() and stat.S_ISFIFO(piped.lstat().st_mode)
    assert "linked.html not updated" in result.err and "piped.html not updated" in result.err
    shares = cli(plan.path, "shares", "--json").ok().json
    result = cli(plan.path, "revoke", shares[0]["id"]).ok()
    assert "left alone" in result.err and linked.is_symlink() and sha(victim) == before


def test_the_key_is_private_to_the_user(cli: Cli, plan: Plan, tmp_path: Path) -> None:
    cli(plan.path, "share", plan["Week 1"], "--format", "html", "-o", tmp_path / "c.html").ok()
    key = Path(cli.env["XDG_CONFIG_HOME"]) / "Planner" / "share-key"
    assert key.is_file() and stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_bytes()) >= 32


# -- the window, in a process of its own --------------------------------------------------

WINDOW = r"""
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from planner.app import open_plan, plan_files
from planner.ui.window.main_window import MainWindow
from planner.ui.sharing.dialogs import SharesWindow
app = QApplication([])
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
window = MainWindow(lambda p, c: open_plan(p, create=c), settings, files=plan_files())
assert window.open_path(Path(sys.argv[1]))
window.show()
app.processEvents()
refreshed = []
window.sharing.refreshed.connect(refreshed.append)
window.items.edit_item(int(sys.argv[3]), title="Changed in the window")
while not refreshed:  # the live shares are rewritten a second after a change
    app.processEvents()
    time.sleep(0.02)
status = window.statusBar().currentMessage()
window.actions_by_name["shares"].trigger()
shares = window.findChild(SharesWindow)
table = shares.table
rows, can_open = [], []
for row in range(table.rowCount()):
    rows.append([table.item(row, c).text() for c in range(table.columnCount())])
    table.selectRow(row)
    can_open.append(shares.open_button.isEnabled())
table.selectRow(int(sys.argv[4]))
shares.revoke_button.click()
print(json.dumps({"refreshed": refreshed, "status": status, "rows": rows,
                  "open": can_open, "note": shares.note.text(), "left": table.rowCount()}))
window.close()
"""


@pytest.mark.e2e
def test_the_window_never_writes_nor_deletes_a_planted_share(
    cli: Cli, plan: Plan, tmp_path: Path, victim: Path
) -> None:
    run = plan["Run a marathon"]
    own = tmp_path / "own.html"
    cli(plan.path, "share", run, "--format", "html", "-o", own, "--live").ok()
    planted = plant_share(plan.path, run, victim)
    before = sha(victim)
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            WINDOW,
            str(plan.path),
            str(tmp_path / "settings.ini"),
            str(plan["Week 2"]),
            "1",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=cli.env | {"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout.splitlines()[-1])
    assert sha(victim) == before and victim.exists()
    assert "Changed in the window" in own.read_text()
    assert seen["refreshed"] == [1]
    assert seen["status"] == f".bashrc not updated: share {planted} was {NOT_MADE_HERE}."
    [mine_row, planted_row] = seen["rows"]
    assert NOT_MADE_HERE not in " ".join(mine_row)
    assert planted_row[3] == f"{victim} ({NOT_MADE_HERE}: never written nor deleted)"
    # Opening a file a plan names would hand it to whatever program opens that kind.
    assert seen["open"] == [True, False]
    assert seen["note"] == (
        f"Share {planted} was {NOT_MADE_HERE}: its record is removed, and {victim} was left alone."
    )
    assert seen["left"] == 1
