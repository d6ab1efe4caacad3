"""Every key of the window's commands is bound to one command only (Ctrl+Shift+A is the
assignee now, not the Assigned To panel), and each of the new keys is the one the README's
key table says."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence

from planner.ui.window.main_window import MainWindow

README = Path(__file__).parents[3] / "README.md"


def test_no_key_is_bound_twice(window: MainWindow) -> None:
    owners: dict[str, list[str]] = {}
    for name, action in window.actions_by_name.items():
        for key in action.shortcuts():
            text = key.toString(QKeySequence.SequenceFormat.PortableText)
            owners.setdefault(text, []).append(name)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
    keys = {
        name: [k.toString(QKeySequence.SequenceFormat.PortableText) for k in a.shortcuts()]
        for name, a in window.actions_by_name.items()
    }
    assert keys["due_date"] == ["Ctrl+D"]
    assert [keys[f"priority_{p}"] for p in ("high", "medium", "low", "none")] == [
        ["Ctrl+1"],
        ["Ctrl+2"],
        ["Ctrl+3"],
        ["Ctrl+0"],
    ]
    assert keys["assignee"] == ["Ctrl+Shift+A"] and keys["assigned"] == []
    assert keys["quick_add"] == ["Ctrl+Space"]


def test_the_readme_key_table_lists_the_new_keys() -> None:
    rows = [line for line in README.read_text(encoding="utf-8").splitlines() if line[:2] == "| "]
    for key in ("Ctrl+D", "Ctrl+1 / Ctrl+2 / Ctrl+3 / Ctrl+0", "Ctrl+Shift+A", "Ctrl+Space"):
        assert sum(row.startswith(f"| {key} |") for row in rows) == 1, key
