"""Planner's languages: which one is spoken (asked for, remembered, the system's), the
catalogs kept in step with the code, and the texts with numbers in each language's plural
forms."""

from __future__ import annotations

import contextlib
import gettext
import io
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from planner import i18n
from planner.domain.countdown import countdown_text
from planner.domain.items import Status

LOCALE = Path(__file__).resolve().parents[2] / "resources" / "locale"


@pytest.fixture
def speaking() -> Iterator[object]:
    """set_language for one test; English again after it."""
    yield i18n.set_language
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANG": "ru_RU.UTF-8"}, "ru"),
        ({"LANG": "de_AT.UTF-8"}, "de"),
        ({"LANG": "pt_PT.UTF-8"}, "pt_BR"),
        ({"LANG": "zh_TW.UTF-8"}, "zh_CN"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LANGUAGE": "fr:de", "LANG": "fr_FR.UTF-8"}, "de"),
        ({"LANGUAGE": "ru", "LANG": "C"}, "en"),  # gettext ignores LANGUAGE under C
        ({"LANGUAGE": "ru", "LANG": "C.UTF-8"}, "en"),
        ({"LANGUAGE": "", "LC_ALL": "de_DE.UTF-8", "LANG": "ru_RU.UTF-8"}, "de"),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "de_DE.UTF-8"}, "zh_CN"),
        ({"LANG": "pt_BR.UTF-8@euro"}, "pt_BR"),
        ({"LANGUAGE": "zh-Hans-CN:en", "LANG": "en_US.UTF-8"}, "zh_CN"),
    ],
)
def test_the_system_language(environment: dict[str, str], expected: str) -> None:
    assert i18n.system_language(environment) == expected


def test_asked_before_remembered_before_the_system(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert i18n.chosen_language() == "de"
    i18n.remember_language("ru")
    try:
        assert i18n.chosen_language() == "ru"
        assert i18n.chosen_language("pt-BR") == "pt_BR"
        with pytest.raises(ValueError, match="'xx' is not a language Planner speaks"):
            i18n.chosen_language("xx")
    finally:
        i18n.remember_language(None)
    assert i18n.chosen_language() == "de"


DAYS = [1, 2, 5, 11, 21, 22, 101]
LEFT = {
    "en": ["", "2 days left", "5 days left", "11 days left", "21 days left", "22 days left",
           "101 days left"],
    "ru": ["", "Осталось 2 дня", "Осталось 5 дней", "Осталось 11 дней", "Остался 21 день",
           "Осталось 22 дня", "Остался 101 день"],
    "de": ["", "Noch 2 Tage", "Noch 5 Tage", "Noch 11 Tage", "Noch 21 Tage", "Noch 22 Tage",
           "Noch 101 Tage"],
    "pt_BR": ["", "Faltam 2 dias", "Faltam 5 dias", "Faltam 11 dias", "Faltam 21 dias",
              "Faltam 22 dias", "Faltam 101 dias"],
    "zh_CN": ["", "还剩 2 天", "还剩 5 天", "还剩 11 天", "还剩 21 天", "还剩 22 天",
              "还剩 101 天"],
}  # fmt: skip
OVERDUE = {
    "en": ["1 day overdue", "2 days overdue", "5 days overdue", "11 days overdue",
           "21 days overdue", "22 days overdue", "101 days overdue"],
    "ru": ["Просрочено на 1 день", "Просрочено на 2 дня", "Просрочено на 5 дней",
           "Просрочено на 11 дней", "Просрочено на 21 день", "Просрочено на 22 дня",
           "Просрочено на 101 день"],
    "de": ["1 Tag überfällig", "2 Tage überfällig", "5 Tage überfällig", "11 Tage überfällig",
           "21 Tage überfällig", "22 Tage überfällig", "101 Tage überfällig"],
    "pt_BR": ["1 dia de atraso", "2 dias de atraso", "5 dias de atraso", "11 dias de atraso",
              "21 dias de atraso", "22 dias de atraso", "101 dias de atraso"],
    "zh_CN": ["已逾期 1 天", "已逾期 2 天", "已逾期 5 天", "已逾期 11 天", "已逾期 21 天",
              "已逾期 22 天", "已逾期 101 天"],
}  # fmt: skip
TODAY_TOMORROW = {
    "en": ("Due today", "Due tomorrow"),
    "ru": ("Срок — сегодня", "Срок — завтра"),
    "de": ("Heute fällig", "Morgen fällig"),
    "pt_BR": ("Vence hoje", "Vence amanhã"),
    "zh_CN": ("今天到期", "明天到期"),
}


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_countdowns_in_each_language(language: str, speaking: object) -> None:
    i18n.set_language(language)
    today = date(2027, 1, 5)
    active = Status.ACTIVE
    left = [countdown_text(today + timedelta(days=n), active, None, today) for n in DAYS]
    assert left[1:] == LEFT[language][1:]  # one day left is "Due tomorrow"
    overdue = [countdown_text(today - timedelta(days=n), active, None, today) for n in DAYS]
    assert overdue == OVERDUE[language]
    assert (
        countdown_text(today, active, None, today),
        countdown_text(today + timedelta(days=1), active, None, today),
    ) == TODAY_TOMORROW[language]


def test_the_catalogs_are_current_with_the_code() -> None:
    """Every marked text is in every language's catalog, and each .mo is its .po compiled
    (scripts/catalogs.py check, as CI runs it)."""
    import subprocess
    import sys

    root = LOCALE.parents[1]
    done = subprocess.run(
        [sys.executable, "scripts/catalogs.py", "check"], cwd=root, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([^)]*\)[sdr]|%[sdr]")


@pytest.mark.parametrize("domain", ["planner", "argparse"])
@pytest.mark.parametrize("language", [lang for lang in i18n.LANGUAGES if lang != "en"])
def test_translations_keep_the_placeholders_of_their_source(language: str, domain: str) -> None:
    with (LOCALE / language / "LC_MESSAGES" / f"{domain}.po").open("rb") as f:
        catalog = read_po(f, locale=language)
    for message in catalog:
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = sorted(PLACEHOLDER.findall(sources[-1]))
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in texts:
            if text:
                found = sorted(PLACEHOLDER.findall(text))
                assert found == wanted, f"{language}: {sources[0]!r} -> {text!r}"


def _shout(text: str) -> str:
    """The text in capitals, but its placeholders ({n}, %(prog)s, %s)."""
    parts = re.split(r"(\{[^{}]*\}|%\([^)]*\)[a-z]|%[a-z])", text)
    return "".join(part if i % 2 else part.upper() for i, part in enumerate(parts))


class _Shouting(gettext.NullTranslations):
    """Stands in for a translation: every word it gives out is in capitals."""

    def gettext(self, message: str) -> str:
        return _shout(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return _shout(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return _shout(message)


def test_argparse_speaks_the_language_of_the_command_line(speaking: object) -> None:
    """argparse's own words (usage, the headings, -h's help, its errors) come from the
    argparse catalog of the language spoken, as ours come from planner's."""
    from planner.cli.main import build_parser

    i18n.use_catalog(_Shouting(), "en")
    parser = build_parser()
    shown = parser.format_help()
    assert shown.startswith("USAGE: planner ")
    assert "\nOPTIONS:\n" in shown and "SHOW THIS HELP MESSAGE AND EXIT" in shown
    assert "THE PLAN FILE (DEFAULT: PLANNER_DB" in shown
    with pytest.raises(SystemExit), contextlib.redirect_stderr(io.StringIO()) as err:
        parser.parse_args(["show", "x"])
    assert "planner show: ERROR: ARGUMENT id: INVALID int VALUE: 'x'" in err.getvalue()


@pytest.mark.parametrize("domain", ["planner", "argparse"])
@pytest.mark.parametrize("language", [lang for lang in i18n.LANGUAGES if lang != "en"])
def test_every_entry_of_every_language_is_translated(language: str, domain: str) -> None:
    """No word shows in English in another language: no entry empty, no plural form
    missing, none left fuzzy (a fuzzy entry is not compiled)."""
    with (LOCALE / language / "LC_MESSAGES" / f"{domain}.po").open("rb") as f:
        catalog = read_po(f, locale=language)
    unfinished = []
    for message in catalog:
        if not message.id:
            continue
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        forms = catalog.num_plurals if message.pluralizable else 1
        if message.fuzzy or len(texts) != forms or not all(texts):
            unfinished.append(message.id)
    assert not unfinished, f"{language}: {len(unfinished)} unfinished, e.g. {unfinished[:5]}"
