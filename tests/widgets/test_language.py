"""View › Language: each language in its own name, the choice applied at once (Qt's own
words, its locale and a Chinese face too), remembered for the next start and for the
command line; the window starts in it; what is being typed survives a switch."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from planner import i18n
from planner.ui import language
from planner.ui.sharing.dialogs import ShareDialog
from planner.ui.window.main_window import MainWindow
from tests.helpers.i18n_checks import pseudo
from tests.helpers.window import AppRun, MakeDemoWindow, UseLanguage, found, model_of


def needs_chinese_font() -> None:
    if not language.chinese_font_installed():
        pytest.skip("no font with Chinese glyphs installed (Debian: fonts-wqy-microhei)")


def planner_list(env: dict[str, str]) -> list[str]:
    listed = subprocess.run(
        [sys.executable, "-m", "planner", "list"], env=env, capture_output=True, text=True
    )
    assert listed.returncode == 0, listed.stderr
    return listed.stdout.splitlines()


# -- the menu -----------------------------------------------------------------------------


def test_the_menu_names_each_language_in_its_own_words(
    make_demo_window: MakeDemoWindow, use_language: UseLanguage
) -> None:
    window = make_demo_window()
    entries = window.menus.languages
    names = ["System Language (English)", "English", "Русский", "Português (Brasil)",
             "简体中文", "Deutsch"]  # fmt: skip
    assert [a.text() for a in entries.values()] == names
    assert [code for code, a in entries.items() if a.isChecked()] == [None]  # none chosen

    use_language("pseudo")
    assert [a.text() for a in entries.values()][1:] == names[1:]  # never translated
    assert entries[None].text() == pseudo("System Language ({language})").format(language="English")


def test_a_choice_applies_at_once_and_the_command_line_follows_it(
    make_demo_window: MakeDemoWindow, use_language: UseLanguage, tmp_path: Path
) -> None:
    window = make_demo_window()
    entries = window.menus.languages
    plan = tmp_path / "plan.sqlite3"
    due = date.today() + timedelta(days=5)  # the command line's clock is the real one
    env = {**os.environ, "LANG": "C.UTF-8", "PLANNER_DB": str(plan)}
    subprocess.run(
        [sys.executable, "-m", "planner", "add", "--group", "1", "Pack", "--due", due.isoformat()],
        env=env,
        check=True,
        capture_output=True,
    )

    entries["de"].trigger()  # View › Language › Deutsch
    assert i18n.current_language() == "de"
    assert QLocale().name() == "de_DE"
    assert i18n.language_file().read_text(encoding="utf-8") == "de\n"
    assert [code for code, a in entries.items() if a.isChecked()] == ["de"]
    assert any("Pack" in line and "Noch 5 Tage" in line for line in planner_list(env))

    entries[None].trigger()  # System Language: the choice forgotten, the system's again
    assert not i18n.language_file().exists()
    assert i18n.current_language() == "en"
    assert any("Pack" in line and "5 days left" in line for line in planner_list(env))


def test_a_choice_that_cannot_be_remembered_still_applies_and_says_so(
    make_demo_window: MakeDemoWindow,
    use_language: UseLanguage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_demo_window()
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setattr(i18n, "language_file", lambda: blocked / "language")
    said: list[str] = []
    monkeypatch.setattr(window.messages, "error", said.append)
    window.menus.languages["de"].trigger()
    assert i18n.current_language() == "de"
    file = blocked / "language"
    # Said in the language just chosen.
    assert said == [
        f"Die Sprache wird für den nächsten Start nicht gespeichert ({file}: File exists)."
    ]


@pytest.mark.parametrize(
    ("remembered", "argv", "system", "spoken", "checked"),
    [
        ("de", ["--demo"], "ru_RU.UTF-8", "de", "de"),  # the choice, before the system's
        (None, ["--demo"], "ru_RU.UTF-8", "ru", None),  # nothing chosen: the system's
        ("de", ["--lang", "pt_BR", "--demo"], "ru_RU.UTF-8", "pt_BR", "pt_BR"),  # asked for
    ],
)
def test_the_window_starts_in_the_chosen_language(
    use_language: UseLanguage,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    remembered: str | None,
    argv: list[str],
    system: str,
    spoken: str,
    checked: str | None,
) -> None:
    """Started with a language asked for (--lang), View › Language checks it, though the
    choice remembered stays."""
    run = AppRun(monkeypatch, tmp_path)
    monkeypatch.setenv("LANG", system)
    i18n.remember_language(remembered)
    seen: dict[str, object] = {}

    def session(window: MainWindow) -> None:
        seen["language"] = i18n.current_language()
        seen["locale"] = QLocale().language()
        seen["checked"] = [c for c, a in window.menus.languages.items() if a.isChecked()]
        window.close()

    assert run(argv, session) == 0
    assert seen == {
        "language": spoken,
        "locale": QLocale(spoken).language(),
        "checked": [checked],
    }
    assert i18n.remembered_language() == remembered


# -- Qt's own words, and the Chinese face -------------------------------------------------


@pytest.mark.parametrize(
    ("code", "cancel", "yes"),
    [("de", "Abbrechen", "&Ja"), ("ru", "Отмена", "&Да"), ("zh_CN", "取消", "是(&Y)")],
)
def test_qts_own_words_follow_the_switch(
    make_demo_window: MakeDemoWindow,
    tmp_path: Path,
    code: str,
    cancel: str,
    yes: str,
) -> None:
    """Standard buttons come from Qt's catalogs (qtbase_*.qm): an open dialog's change at
    once, and a question asked afterwards is in the language too."""
    window = make_demo_window()
    dialog = ShareDialog(window, "Book flights", tmp_path, "a4")
    dialog.show()
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert button.text() == "Cancel"
    window.menus.languages[code].trigger()
    assert button.text() == cancel
    said: list[str] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        said.append(box.button(QMessageBox.StandardButton.Yes).text())
        box.reject()

    QTimer.singleShot(0, look)
    window.messages.confirm("?", "?")
    assert said == [yes]


def test_chinese_is_drawn_with_a_simplified_chinese_face(
    make_demo_window: MakeDemoWindow, use_language: UseLanguage
) -> None:
    needs_chinese_font()
    window = make_demo_window()

    def faces() -> set[str]:
        layout = QTextLayout("今天到期", QFont(window.font()))
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        return {run.rawFont().familyName() for run in layout.glyphRuns()}

    use_language("zh_CN")
    assert faces() & set(language.CHINESE_FACES)
    assert not any(" JP" in face for face in faces())
    use_language("de")
    assert not set(QApplication.font().families()) & set(language.CHINESE_FACES)


# -- what a switch keeps ------------------------------------------------------------------


def test_the_steps_to_undo_are_named_in_the_language_of_the_moment(
    make_demo_window: MakeDemoWindow, use_language: UseLanguage
) -> None:
    window = make_demo_window()
    window.tree.setCurrentIndex(model_of(window).index(0, 0))
    window.actions_by_name["new_goal"].trigger()
    window.tree.closePersistentEditor(window.tree.currentIndex())
    undo = window.actions_by_name["undo"]
    assert undo.text() == "&Undo New goal"
    use_language("pseudo")
    assert undo.text() == pseudo("&Undo {step}").format(step=pseudo("New goal"))
    use_language("en")
    assert undo.text() == "&Undo New goal"


def test_a_switch_keeps_what_is_being_typed_in_the_details(
    make_demo_window: MakeDemoWindow, use_language: UseLanguage
) -> None:
    window = make_demo_window()
    goal = found(window, "half marathon")
    window.reveal([goal.id])
    details = window.details
    assert details.title_edit.text() == goal.title
    details.title_edit.setText("Run a full marathon")  # typed, not yet saved
    details.notes_edit.setPlainText("Typed, not yet saved")

    window.menus.languages["de"].trigger()

    assert details.title_edit.text() == "Run a full marathon"
    assert details.notes_edit.toPlainText() == "Typed, not yet saved"
