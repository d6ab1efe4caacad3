"""The language of every word Planner shows: one gettext catalog per language (extracted
from the code and the card's template by Babel: scripts/catalogs.py), chosen at start
(--lang, the remembered choice, else the system's) and switchable while running.

Code marks what it shows: `_("Due today")`, `ngettext("{n} day left", "{n} days left",
n).format(n=n)` wherever a number is in the text, `pgettext(context, text)` where one English
word has two senses, `N_()` where a text is defined and translated later. No Qt here: the
command line uses this module as it is; the window adds Qt's own translations on top.
"""

from __future__ import annotations

import gettext as _gettext
import os
import sys
from pathlib import Path

DOMAIN = "planner"
SOURCE_LANGUAGE = "en"
LANGUAGES = ("en", "ru", "pt_BR", "zh_CN", "de")  # as the catalogs' folders are named
# Each language's own name, for View › Language (never translated).
LANGUAGE_NAMES = {
    "en": "English",
    "ru": "Русский",
    "pt_BR": "Português (Brasil)",
    "zh_CN": "简体中文",
    "de": "Deutsch",
}

_catalog: _gettext.NullTranslations = _gettext.NullTranslations()
_argparse_catalog: _gettext.NullTranslations = _gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def locale_dir() -> Path:
    """resources/locale of a source checkout, or planner/resources/locale of a wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "resources", here / "resources"):
        if candidate.is_dir():
            return candidate / "locale"
    raise FileNotFoundError("Planner's resources folder is missing.")  # not-ui: broken install


# -- the calls the code makes -----------------------------------------------------------


def _(message: str) -> str:
    return _catalog.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalog.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _catalog.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _catalog.npgettext(context, singular, plural, n)


def N_(message: str) -> str:
    """Marks a string for extraction where it is defined; `_()` translates it where shown."""
    return message


# -- choosing the language --------------------------------------------------------------


def current_language() -> str:
    return _language


def set_language(language: str) -> None:
    """Every later `_()` answers in `language` (one of LANGUAGES); argparse's own words too."""
    global _catalog, _argparse_catalog, _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")  # not-ui: a bug
    _catalog = _load(DOMAIN, language)
    _argparse_catalog = _load("argparse", language)
    _language = language
    _translate_argparse()


def _load(domain: str, language: str) -> _gettext.NullTranslations:
    if language == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    path = locale_dir() / language / "LC_MESSAGES" / f"{domain}.mo"
    if domain != DOMAIN and not path.exists():
        return _gettext.NullTranslations()  # argparse's words: English until translated
    with path.open("rb") as f:
        return _gettext.GNUTranslations(f)


def use_catalog(catalog: _gettext.NullTranslations, language: str) -> None:
    """For tests: a catalog made in memory (the pseudo-language)."""
    global _catalog, _argparse_catalog, _language
    _catalog, _argparse_catalog, _language = catalog, catalog, language
    _translate_argparse()


def _translate_argparse() -> None:
    # argparse calls the module-level names `_` and `ngettext` it imported from gettext
    # (gettext's global domain, chosen by the environment); its words ("usage: ",
    # "options") are in a catalog of their own, made from argparse.py itself.
    argparse = sys.modules.get("argparse")
    if argparse is not None:
        argparse._ = _argparse_catalog.gettext  # type: ignore[attr-defined]
        argparse.ngettext = _argparse_catalog.ngettext  # type: ignore[attr-defined]


# -- the choice: asked for, remembered, or the system's --------------------------------

LANGUAGE_FILE = "language"


def language_file() -> Path:
    """Where the chosen language is remembered: beside the user's other Planner settings,
    in a plain file the command line reads without Qt."""
    import platformdirs

    return Path(platformdirs.user_config_dir("Planner", appauthor=False)) / LANGUAGE_FILE


def remembered_language() -> str | None:
    try:
        text = language_file().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if text in LANGUAGES else None


def remember_language(language: str | None) -> None:
    """Remember the user's choice (None: follow the system again)."""
    path = language_file()
    if language is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(language + "\n", encoding="utf-8")


def chosen_language(asked: str | None = None) -> str:
    """The language to speak: the one asked for (--lang), else the remembered choice, else
    the system's. ValueError for a language asked for that Planner does not have."""
    if asked:
        language = supported_language(asked)
        if language is None:
            names = ", ".join(LANGUAGES)
            raise ValueError(
                _("{tag} is not a language Planner speaks ({names})").format(
                    tag=repr(asked), names=names
                )
            )
        return language
    return remembered_language() or system_language()


def supported_language(tag: str) -> str | None:
    """Our language for a locale name or language tag, or None: 'de_AT.UTF-8' → 'de',
    'pt' / 'pt-PT' → 'pt_BR', 'zh' / 'zh-Hans-CN' / 'zh_TW' → 'zh_CN', 'C' → 'en'."""
    name = tag.split(".")[0].split("@")[0].replace("-", "_").strip()
    if not name:
        return None
    if name in ("C", "POSIX"):
        return SOURCE_LANGUAGE
    language = name.split("_")[0].lower()
    return {"en": "en", "ru": "ru", "de": "de", "pt": "pt_BR", "zh": "zh_CN"}.get(language)


def system_language(environ: os._Environ[str] | dict[str, str] | None = None) -> str:
    """The language the system asks for, as GNU gettext reads it on Linux: LANGUAGE (a
    list, 'fr:de' → de; ignored under the C locale), LC_ALL, LC_MESSAGES, LANG; then the
    OS setting on Windows and macOS; English when nothing we have is asked for."""
    env = os.environ if environ is None else environ
    locale_name = env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or ""
    wanted: list[str] = []
    if env.get("LANGUAGE") and locale_name.split(".")[0] not in ("C", "POSIX"):
        wanted += env["LANGUAGE"].split(":")
    if locale_name:
        wanted.append(locale_name)
    if not wanted:
        wanted = os_languages()
    for tag in wanted:
        language = supported_language(tag)
        if language:
            return language
    return SOURCE_LANGUAGE


def os_languages() -> list[str]:
    """The user's preferred UI languages from the OS (Windows, macOS), best first."""
    if sys.platform == "win32":
        return _windows_languages()
    if sys.platform == "darwin":
        return _macos_languages()
    return []


def _windows_languages() -> list[str]:
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    count, size = wintypes.ULONG(), wintypes.ULONG()
    MUI_LANGUAGE_NAME = 0x8
    if not kernel32.GetUserPreferredUILanguages(
        MUI_LANGUAGE_NAME, ctypes.byref(count), None, ctypes.byref(size)
    ):
        return []
    buffer = ctypes.create_unicode_buffer(size.value)
    if not kernel32.GetUserPreferredUILanguages(
        MUI_LANGUAGE_NAME, ctypes.byref(count), buffer, ctypes.byref(size)
    ):
        return []
    # A double-NUL-terminated list: "de-DE\0en-US\0\0".
    return [t for t in ctypes.wstring_at(ctypes.addressof(buffer), size.value).split("\0") if t]


def _macos_languages(home: Path | None = None) -> list[str]:
    """AppleLanguages from the user's global preferences (what System Settings ›
    Language & Region writes), read with plistlib: no subprocess, about a millisecond."""
    import plistlib

    path = (home or Path.home()) / Path("Library", "Preferences", ".GlobalPreferences.plist")
    try:
        with path.open("rb") as f:
            languages = plistlib.load(f).get("AppleLanguages", [])
    except (OSError, plistlib.InvalidFileException, ValueError):
        return []
    return [t for t in languages if isinstance(t, str)]
