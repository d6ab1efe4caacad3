"""The window's side of the language: Qt's own words (standard buttons, the file dialog,
the calendar), QLocale and the Chinese font follow planner.i18n, and every widget hears it.

A switch installs Qt's translator for the new language, which makes Qt send
QEvent.LanguageChange to every widget; widgets with words of their own rebuild them in
`retranslate()`, called from `changeEvent`. Nothing is rebuilt, nothing restarts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from planner import formats, i18n
from planner.i18n import _

# Qt's catalogs that hold the words of the widgets we use (qt_<lang>.qm only lists these;
# qtbase has QDialogButtonBox, QMessageBox, QFileDialog, QCalendarWidget...).
QT_CATALOGS = ("qtbase",)
# Simplified Chinese faces, best first: without one named, Qt's fallback draws Han text
# with the Japanese face of Noto Sans CJK, whose shapes differ (research 20, section 7).
CHINESE_FACES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
)

_translators: list[QTranslator] = []
_own_font: QFont | None = None  # the application's font before a Chinese face was added


def apply(language: str) -> None:
    """Speak `language` from now on, in planner.i18n and in Qt, and tell every widget."""
    app = QCoreApplication.instance()
    assert app is not None, "a QApplication runs before the language is applied"
    i18n.set_language(language)
    # Qt's input fields (dates, numbers) in the same locale as Babel's shown figures: the
    # system's region when it speaks the language (de_CH keeps its Swiss numbers).
    QLocale.setDefault(QLocale(formats.formatting_locale()))
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for catalog in QT_CATALOGS if language != i18n.SOURCE_LANGUAGE else ():
        translator = QTranslator(app)
        if translator.load(f"{catalog}_{language}", folder):
            _translators.append(translator)
            app.installTranslator(translator)  # posts LanguageChange
    if isinstance(app, QApplication):
        _chinese_font(app, language == "zh_CN")
        for widget in app.topLevelWidgets():
            widget.setLocale(QLocale())  # month and day names of calendars and date edits
    announce()


def choose(language: str | None, failed: Callable[[str], object]) -> None:
    """View › Language: speak `language` (None: the system's) at once, and from now on
    (remembered in the file the command line reads too; `failed` says when it cannot be)."""
    apply(language or i18n.system_language())
    try:
        i18n.remember_language(language)
    except OSError as e:
        failed(
            _("The language is not remembered for the next start ({file}: {reason}).").format(
                file=i18n.language_file(), reason=e.strerror or e
            )
        )


def announce() -> None:
    """Tell every widget that the words changed, now (not when the event loop next runs).
    Needed too when no Qt catalog changed (English to English, or a test's own catalog)."""
    app = QCoreApplication.instance()
    assert app is not None
    QCoreApplication.postEvent(app, QEvent(QEvent.Type.LanguageChange))
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


def _chinese_font(app: QApplication, chinese: bool) -> None:
    """Name the installed Simplified Chinese faces after the application's font (or stop).
    The application's font, not QFont.insertSubstitutions: a substitution is not seen by
    fonts already drawn with, while a new application font reaches every widget at once."""
    global _own_font
    if _own_font is None:
        _own_font = QFont(app.font())
    faces: list[str] = []
    if chinese:  # (listing every family costs milliseconds at each start: only for it)
        installed = set(QFontDatabase.families())
        faces = [face for face in CHINESE_FACES if face in installed]
    font = QFont(_own_font)
    font.setFamilies([*_own_font.families(), *faces])
    if font.families() != app.font().families():
        app.setFont(font)
        # Each widget takes the new font from an event Qt posts: now, with the new words.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.ApplicationFontChange)


def chinese_font_installed() -> bool:
    """Whether a font with Simplified Chinese glyphs is installed (else Chinese is boxes)."""
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


# A mixin, not a QWidget subclass: two Qt bases in one class crash PySide (a class with
# Retranslated and QDialog as bases); to the type checker it is a widget.
if TYPE_CHECKING:
    _Mixin = QWidget
else:
    _Mixin = object


class Retranslated(_Mixin):
    """Put before a widget class (`class ShareDialog(Retranslated, QDialog)`): its words
    follow a language switch, set by its `retranslate()`, which `__init__` calls once and
    each QEvent.LanguageChange again."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        raise NotImplementedError(f"{type(self).__name__} names its words in retranslate()")


def key_text(keys: str) -> str:
    """A key as the menus show it, in the current language ("Strg+F" in German)."""
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
