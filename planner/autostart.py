"""Starting Planner when the user logs in: an XDG autostart entry on Linux, a LaunchAgent on
macOS, the registry's Run key on Windows, each behind the same `Autostart` interface."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from planner.exports import files

APP_NAME = "Planner"  # not-ui: the entry's name, as the system lists it
DESKTOP_FILE = "planner.desktop"  # not-ui: a file name
AGENT_LABEL = "org.planner.Planner"  # not-ui: the LaunchAgent's label and file name
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"  # not-ui: a registry key


class Autostart(Protocol):
    """Whether Planner starts when the user logs in, and turning it on or off."""

    def enabled(self) -> bool: ...
    def enable(self) -> None: ...  # InvalidInput or OSError when it cannot be written
    def disable(self) -> None: ...


def planner_command() -> list[str]:
    """The command that starts this Planner at login: its Python (the windowless one on
    Windows, so that no console opens) running the package."""
    python = Path(sys.executable)
    windowless = python.with_name("pythonw.exe")
    if sys.platform == "win32" and windowless.exists():
        python = windowless
    # Hidden in the notification area when the user keeps Planner there (else the window).
    return [str(python), "-m", "planner", "--in-tray"]


def write_atomically(path: Path, data: bytes) -> None:
    """The whole entry or nothing, through the exports' writer (a temporary file beside
    it, synced, renamed; links and devices refused); its folder made when missing.
    InvalidInput (or OSError for the folder) when it cannot be written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    files.write_atomically(path, data)


# -- Linux and other XDG desktops -----------------------------------------------------------


def desktop_exec(command: Sequence[str]) -> str:
    """A command as the Exec key of a desktop entry: each argument quoted when it must be,
    with the spec's escapes (inside quotes \\ " ` $ take a backslash; then the string
    value's own escape doubles each backslash; % is written %%)."""
    reserved = set(" \t\n\"'\\><~|&;$*?#()`")
    words = []
    for word in command:
        if word and not reserved & set(word):
            quoted = word
        else:
            inner = "".join("\\" + c if c in '"`$\\' else c for c in word)
            quoted = f'"{inner}"'
        words.append(quoted.replace("%", "%%"))
    # The string value's escapes last: a backslash doubled, a line break as \n.
    return " ".join(words).replace("\\", "\\\\").replace("\n", "\\n")


def desktop_entry(command: Sequence[str], icon: Path | None = None) -> str:
    # The Desktop Entry spec's keys (the name is the program's, as every system lists it).
    lines = [
        "[Desktop Entry]",  # not-ui: a file format's keys
        "Type=Application",  # not-ui: a file format's keys
        f"Name={APP_NAME}",  # not-ui: a file format's keys
        f"Exec={desktop_exec(command)}",  # not-ui: a file format's keys
        "Terminal=false",  # not-ui: a file format's keys
        "X-GNOME-Autostart-enabled=true",
    ]
    if icon is not None:
        lines.append(f"Icon={icon}")  # not-ui: a file format's keys
    return "\n".join(lines) + "\n"


class XdgAutostart:
    """$XDG_CONFIG_HOME/autostart/planner.desktop (~/.config when the variable is unset)."""

    def __init__(self, command: Sequence[str], icon: Path | None = None) -> None:
        self.command, self.icon = list(command), icon

    @property
    def path(self) -> Path:
        config = os.environ.get("XDG_CONFIG_HOME") or ""
        base = Path(config) if os.path.isabs(config) else Path.home() / ".config"
        return base / "autostart" / DESKTOP_FILE

    def enabled(self) -> bool:
        return self.path.is_file()

    def enable(self) -> None:
        write_atomically(self.path, desktop_entry(self.command, self.icon).encode())

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)


# -- macOS -----------------------------------------------------------------------------------


def launch_agent(command: Sequence[str]) -> bytes:
    """A LaunchAgent that runs `command` once at login."""
    agent = {
        "Label": AGENT_LABEL,
        "ProgramArguments": list(command),
        "RunAtLoad": True,
        "ProcessType": "Interactive",  # not-ui: a launchd value
    }
    import plistlib  # (here: loaded with the window, it would slow every start)

    return plistlib.dumps(agent)


class LaunchAgentAutostart:
    """~/Library/LaunchAgents/org.planner.Planner.plist."""

    def __init__(self, command: Sequence[str], home: Path | None = None) -> None:
        self.command, self.home = list(command), home

    @property
    def path(self) -> Path:
        home = self.home or Path.home()
        return home / "Library" / "LaunchAgents" / f"{AGENT_LABEL}.plist"  # not-ui: a path

    def enabled(self) -> bool:
        return self.path.is_file()

    def enable(self) -> None:
        write_atomically(self.path, launch_agent(self.command))

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)


# -- Windows ---------------------------------------------------------------------------------


class RunKey(Protocol):
    """The current user's Run key: one value per program started at login."""

    def get(self, name: str) -> str | None: ...
    def set(self, name: str, value: str) -> None: ...
    def delete(self, name: str) -> None: ...


class WindowsRegistryRunKey:
    """HKEY_CURRENT_USER's Run key, through winreg."""

    def get(self, name: str) -> str | None:
        if sys.platform != "win32":
            raise OSError(errno.ENOSYS, "The registry is Windows'.")  # not-ui: never shown
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                value, _kind = winreg.QueryValueEx(key, name)
        except FileNotFoundError:
            return None
        return str(value)

    def set(self, name: str, value: str) -> None:
        if sys.platform != "win32":
            raise OSError(errno.ENOSYS, "The registry is Windows'.")  # not-ui: never shown
        import winreg

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)

    def delete(self, name: str) -> None:
        if sys.platform != "win32":
            raise OSError(errno.ENOSYS, "The registry is Windows'.")  # not-ui: never shown
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, name)
        except FileNotFoundError:
            pass


class RunKeyAutostart:
    """A value "Planner" in the Run key, holding the command line."""

    def __init__(self, command: Sequence[str], key: RunKey | None = None) -> None:
        self.command = list(command)
        self.key = key or WindowsRegistryRunKey()

    @property
    def value(self) -> str:
        import subprocess  # (here, as plistlib above)

        return subprocess.list2cmdline(self.command)

    def enabled(self) -> bool:
        return self.key.get(APP_NAME) is not None

    def enable(self) -> None:
        self.key.set(APP_NAME, self.value)

    def disable(self) -> None:
        self.key.delete(APP_NAME)


def for_this_system(icon: Path | None = None) -> Autostart:
    """The autostart of the system Planner runs on, starting this Planner."""
    command = planner_command()
    if sys.platform == "win32":
        return RunKeyAutostart(command)
    if sys.platform == "darwin":
        return LaunchAgentAutostart(command)
    return XdgAutostart(command, icon)
