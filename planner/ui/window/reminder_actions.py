"""The window's reminders: what fired shown (Planner's own notification, and the tray's
message where there is one), its actions run as the window's undoable steps, Planner kept
in the notification area when the user chose so, the morning digest and the settings.
Only the scheduler and the settings are made with the window; the notification, the
settings dialog and the login entry (and their modules) when first needed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QSystemTrayIcon

from planner.domain import reminders as rm
from planner.domain.countdown import countdown_text, is_overdue
from planner.domain.errors import PlannerError
from planner.domain.items import quoted
from planner.i18n import _, ngettext
from planner.services.agenda import AgendaService
from planner.services.habits import HabitService
from planner.services.plan import Clock, local_today
from planner.services.reminders import ReminderService, missed_text
from planner.ui.icons import resources_dir
from planner.ui.reminders.digest import digest_due, digest_text
from planner.ui.reminders.scheduler import LATE_START_MS, ReminderScheduler
from planner.ui.reminders.settings import ReminderSettings
from planner.ui.reminders.tray import Tray
from planner.ui.session import OpenSession
from planner.ui.window.messages import Messages
from planner.ui.window.navigation import Navigator
from planner.ui.window.steps import Steps

if TYPE_CHECKING:
    from planner.autostart import Autostart
    from planner.ui.reminders.instance import ShowRequests
    from planner.ui.reminders.popup import Notice, ReminderPopup
    from planner.ui.reminders.preferences import ReminderPreferences


class ReminderActions(QObject):
    """Handed the window, its open plan, its steps, the selection and the settings."""

    def __init__(
        self,
        window: QMainWindow,
        session: OpenSession,
        steps: Steps,
        selection: Navigator,
        messages: Messages,
        settings: QSettings,
        clock: Clock,
        look_outside: Callable[[], object],
    ) -> None:
        super().__init__(window)
        self.window, self.session, self.steps, self.selection = window, session, steps, selection
        self.messages, self.clock, self.look_outside = messages, clock, look_outside
        self.settings = ReminderSettings(settings)
        self._autostart: Autostart | None = None  # made when the settings first open
        self.quit_application: Callable[[], object] = QApplication.quit
        self.scheduler = ReminderScheduler(session, clock, self)
        self.scheduler.fired.connect(self.show_fired)
        self.scheduler.ticked.connect(self._ticked)
        self._popup: ReminderPopup | None = None  # made when first needed, not at start-up
        self.tray = Tray(self, QSystemTrayIcon.isSystemTrayAvailable)
        self.tray.showRequested.connect(self.show_window)
        self.tray.quitRequested.connect(self.quit)
        self.tray.messageClicked.connect(self.show_window)
        app = QApplication.instance()
        if app is not None:  # a logout while the window is hidden: the plan closed first
            app.aboutToQuit.connect(self._application_quits)
        self.show_requests: ShowRequests | None = None  # listening a moment after start-up
        self._listen = QTimer(self)
        self._listen.setSingleShot(True)
        self._listen.setInterval(LATE_START_MS)  # not while the window starts
        self._listen.timeout.connect(self._listen_for_starts)
        self.question: QMessageBox | None = None  # keep running? (asked once)
        self.dialog: ReminderPreferences | None = None  # the settings, while open
        self.digest_box: QMessageBox | None = None  # the digest, without a notification area
        self.quitting = False  # a real quit: the window closes even when kept running

    @property
    def autostart(self) -> Autostart:
        """How this system starts Planner at login."""
        if self._autostart is None:
            from planner.autostart import for_this_system

            self._autostart = for_this_system(resources_dir() / "icons" / "app.svg")
        return self._autostart

    @property
    def popup(self) -> ReminderPopup:
        """Planner's own notification (a window of its own, that goes with the main one)."""
        if self._popup is None:
            from planner.ui.reminders.popup import ReminderPopup

            self._popup = ReminderPopup()
            self.window.destroyed.connect(self._popup.deleteLater)
            self._popup.openRequested.connect(self.open_item)
            self._popup.doneRequested.connect(self.mark_done)
            self._popup.snoozeRequested.connect(self.snooze)
        return self._popup

    # -- the plan ------------------------------------------------------------------------
    def plan_opened(self) -> None:
        if self._popup is not None:
            self._popup.dismiss_all()
        self.scheduler.plan_opened()
        self.tray.set_shown(bool(self.settings.keep_running()))
        self._listen.start()

    def plan_closed(self) -> None:
        self.scheduler.plan_closed()
        if self._popup is not None:
            self._popup.dismiss_all()
        self._listen.stop()
        if self.show_requests is not None:
            self.show_requests.close()
        if self.digest_box is not None:
            self.digest_box.close()  # today's figures of that plan

    def _listen_for_starts(self) -> None:
        session = self.session()
        if session is None or session.temporary:
            return
        if self.show_requests is None:
            from planner.ui.reminders.instance import ShowRequests  # QtNetwork: not at start

            self.show_requests = ShowRequests(self)  # another start on the plan: shown
            self.show_requests.showRequested.connect(self.show_window)
        self.show_requests.listen(session.path)

    def changed(self, item_ids: list[int]) -> None:
        self.scheduler.changed(item_ids)

    def changed_elsewhere(self) -> None:
        """Another program changed the plan: its reminders read again, beside the window."""
        self.scheduler.start_in_background()

    # -- what fired ----------------------------------------------------------------------
    def show_fired(self, firings: Sequence[rm.Firing], at_start: bool) -> None:
        notices = self.notices(firings)
        if not notices:
            return
        heading = missed_text(firings) if at_start else ""
        self.popup.add(notices, heading)
        if len(notices) == 1:
            self.tray.message(notices[0].title, notices[0].countdown or notices[0].path)
        else:
            self.tray.message(
                _("Planner"),
                heading
                or ngettext("{n} reminder", "{n} reminders", len(notices)).format(n=len(notices)),
            )
        self.ask_keep_running()

    def notices(self, firings: Sequence[rm.Firing]) -> list[Notice]:
        """The firings as the notification shows them (items gone meanwhile left out)."""
        from planner.ui.reminders.popup import Notice

        session = self.session()
        if session is None:
            return []
        service = session.service
        today = local_today(self.clock)
        try:
            with service.store.read() as unit:  # one read, however many came
                records = unit.get_many({f.reminder.item_id for f in firings})
                habits = {h.item_id for h in unit.habits(records)}
                paths = unit.paths(list(records))
            found = []
            for firing in firings:
                record = records.get(firing.reminder.item_id)
                if record is None:
                    continue
                path = " › ".join(paths.get(record.id, []))
                countdown = countdown_text(record.due, record.status, None, today)
                overdue = is_overdue(record.due, record.status, today)
                found.append(
                    Notice(
                        record.id,
                        firing.reminder.id,
                        record.title,
                        path,
                        countdown,
                        overdue,
                        firing.moment,
                        firing.missed,
                        record.id in habits,
                    )
                )
        except PlannerError as e:
            self.messages.error(str(e))
            return []
        return found

    # -- its actions ---------------------------------------------------------------------
    def show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def open_item(self, notice: Notice) -> None:
        """Open: the window shown, the item selected."""
        self.show_window()
        self.selection.reveal([notice.item_id])
        self.popup.remove(notice)

    def mark_done(self, notice: Notice) -> None:
        """Mark done: one undoable step, as Item › Mark Done makes it (a habit: ticked for
        today)."""
        session = self.session()
        if session is None:
            return
        service, title = session.service, quoted(notice.title)
        if notice.habit:
            habits = HabitService(service.store, service.clock)
            outcomes = self.steps.run(
                lambda: _("Tick {title}").format(title=title),
                lambda: habits.tick(notice.item_id),
                select=False,
            )
        else:
            outcomes = self.steps.run(
                lambda: _("Mark done {title}").format(title=title),
                lambda: service.mark_done([notice.item_id]),
                select=False,
            )
        if outcomes is not None:
            self.popup.remove_item(notice.item_id)

    def snooze(self, notice: Notice, choice: rm.Snooze) -> None:
        """Snooze: the reminder comes again later (an undoable step)."""
        session = self.session()
        if session is None:
            return
        reminders = ReminderService(session.service.store, session.service.clock)
        until = rm.snooze_until(choice, self.clock())
        title = quoted(notice.title)
        outcomes = self.steps.run(
            lambda: _("Snooze {title}").format(title=title),
            lambda: reminders.snooze(notice.reminder_id, until),
            select=False,
        )
        if outcomes is not None:
            self.popup.remove(notice)

    # -- keep running in the notification area -------------------------------------------
    def ask_keep_running(self) -> None:
        """On the first reminder, once: keep Planner in the notification area when its
        window is closed? (Not where the desktop has no notification area.)"""
        if self.settings.keep_running() is not None or not self.tray.available():
            return
        self.settings.set_keep_running(False)  # asked: never again, whatever comes
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Planner"),
            _(
                "Keep Planner running in the notification area when its window is closed, "
                "so that reminders still come?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.window,
        )
        box.setInformativeText(_("You can change this in File › Reminder Settings."))
        box.finished.connect(
            lambda result: self._keep_running(result == QMessageBox.StandardButton.Yes)
        )
        self.question = box
        box.open()

    def _keep_running(self, keep: bool) -> None:
        self.settings.set_keep_running(keep)
        self.tray.set_shown(keep)
        self.question = None

    def starts_hidden(self) -> bool:
        """Started with --in-tray (at login): whether the window stays hidden, Planner in
        the notification area (only when the user chose to keep it there, and there is
        one: else the window is shown, or Planner would run unseen)."""
        hidden = bool(self.settings.keep_running()) and self.tray.available()
        if hidden:
            self.tray.set_shown(True)
        return hidden

    def hides_on_close(self) -> bool:
        """Whether closing the window leaves Planner in the notification area."""
        return not self.quitting and bool(self.settings.keep_running()) and self.tray.available()

    def close_window(self) -> None:
        """File › Quit: the window closes, even when Planner is kept running."""
        self.quitting = True
        if not self.window.close():
            self.quitting = False  # stopped (a question the user declined)

    def _application_quits(self) -> None:
        if self.session() is not None:
            self.close_window()

    def quit(self) -> None:
        """The tray's Quit: the window closes for good, and Planner with it."""
        self.close_window()
        self.tray.set_shown(False)
        if self._popup is not None:
            self._popup.dismiss_all()
        self.quit_application()

    # -- the digest, the settings ----------------------------------------------------------
    def _ticked(self) -> None:
        if not self.window.isVisible():
            self.look_outside()  # changes the command line made while the window is hidden
        self.show_digest_if_due()

    def show_digest_if_due(self) -> None:
        session = self.session()
        now = self.clock().astimezone()
        if session is None or not digest_due(
            now, self.settings.digest_time(), self.settings.digest_shown()
        ):
            return
        try:
            counts = AgendaService(session.service.store).counts(now.date())
        except PlannerError:
            return
        self.settings.mark_digest_shown(now.date())
        text = digest_text(counts)
        if not self.tray.message(_("Planner"), text):
            self.messages.note(text, 60_000)
            self.popup_digest(text)

    def popup_digest(self, text: str) -> None:
        """The digest where the desktop has no notification area: a message of its own."""
        if self.digest_box is not None:
            self.digest_box.close()
        box = QMessageBox(QMessageBox.Icon.Information, _("Planner"), text, parent=self.window)
        self.digest_box = box
        box.open()

    def preferences(self) -> None:
        """File › Reminder Settings: the dialog (window-modal); OK applies it."""
        from planner.ui.reminders.preferences import ReminderPreferences

        dialog = ReminderPreferences(
            self.settings, self.autostart, self.tray.available, self.window
        )
        dialog.accepted.connect(lambda: self._apply(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def _apply(self, dialog: ReminderPreferences) -> None:
        failure = dialog.apply()
        self.tray.set_shown(bool(self.settings.keep_running()))
        if failure:
            self.messages.error(failure)
        self.show_digest_if_due()
