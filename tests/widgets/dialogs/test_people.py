"""The People dialog in another language: a switch names everything again, and keeps what
is being typed and who is selected."""

from __future__ import annotations

from pathlib import Path

from planner.services.people import PeopleService
from tests.helpers.i18n_checks import pseudo
from tests.helpers.window import MakeWindow, UseLanguage, service_of


def test_a_language_switch_keeps_what_is_being_typed(
    make_window: MakeWindow, plan_path: Path, use_language: UseLanguage
) -> None:
    window = make_window(plan_path)
    people = PeopleService(service_of(window).store)
    ana = people.add_person("Ana", "ana@example.org").people[0]
    dialog = window.people.show_people()
    assert dialog is not None
    dialog.listing.setCurrentRow(0)
    dialog.name_edit.setText("Ana María")  # typed, not saved yet
    dialog.note_edit.setPlainText("Runs on Sundays")

    use_language("pseudo")

    assert dialog.save_button.text() == pseudo("Save")  # the words did change
    assert dialog.name_label.text() == pseudo("Name")
    assert dialog.selected_id() == ana
    typed = dialog.name_edit.text(), dialog.email_edit.text(), dialog.note_edit.toPlainText()
    assert typed == ("Ana María", "ana@example.org", "Runs on Sundays")
    assert people.person(ana).name == "Ana"  # and nothing was saved
