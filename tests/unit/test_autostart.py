"""Starting Planner at login: the XDG autostart entry written (atomically, with the command
that starts this Planner) and removed, the macOS LaunchAgent's file, the Windows Run
key's value; each behind the same interface."""

from __future__ import annotations

import configparser
import os
import plistlib
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from planner import autostart
from planner.domain.errors import InvalidInput


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


def _entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_xdg_entry_is_written_and_removed(config_home: Path) -> None:
    icon = Path("/opt/planner/app.svg")
    start = autostart.XdgAutostart(autostart.planner_command(), icon)
    assert not start.enabled()
    start.enable()
    path = config_home / "autostart" / "planner.desktop"
    assert start.enabled() and path.is_file()
    entry = _entry(path)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Planner"
    assert entry["Icon"] == str(icon)
    assert entry["Terminal"] == "false"
    assert shlex.split(entry["Exec"]) == [sys.executable, "-m", "planner", "--in-tray"]
    assert sorted(os.listdir(path.parent)) == ["planner.desktop"]  # no temporary left
    start.enable()  # again: the same file
    assert sorted(os.listdir(path.parent)) == ["planner.desktop"]
    start.disable()
    assert not path.exists() and not start.enabled()
    start.disable()  # nothing to remove: no error


def test_the_entry_starts_planner(config_home: Path) -> None:
    """The Exec line, run as a desktop runs it, starts this Planner (its --help)."""
    start = autostart.XdgAutostart([*autostart.planner_command(), "--help"])
    start.enable()
    command = shlex.split(_entry(start.path)["Exec"])
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("usage: planner")


def test_without_xdg_config_home_it_is_under_dot_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    start = autostart.XdgAutostart(["planner"])
    assert start.path == tmp_path / ".config" / "autostart" / "planner.desktop"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/is/ignored")  # the spec: absolute only
    assert start.path == tmp_path / ".config" / "autostart" / "planner.desktop"


@pytest.mark.parametrize(
    ("command", "exec_line"),
    [
        (["/usr/bin/python3", "-m", "planner"], "/usr/bin/python3 -m planner"),
        (["/home/a b/py", "-m", "planner"], '"/home/a b/py" -m planner'),
        (["/x/100%/py"], "/x/100%%/py"),
        (['/x/"q"$`\\/py'], '"/x/\\\\"q\\\\"\\\\$\\\\`\\\\\\\\/py"'),
    ],
)
def test_exec_quoting(command: list[str], exec_line: str) -> None:
    assert autostart.desktop_exec(command) == exec_line


def test_a_write_that_fails_leaves_the_old_entry(
    config_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = autostart.XdgAutostart(["/old/python", "-m", "planner"])
    start.enable()
    before = start.path.read_bytes()

    def full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(InvalidInput, match=r"planner\.desktop: No space left on device\.$"):
        autostart.XdgAutostart(["/new/python", "-m", "planner"]).enable()
    assert start.path.read_bytes() == before
    assert sorted(os.listdir(start.path.parent)) == ["planner.desktop"]


def test_an_entry_that_is_a_link_is_left_alone(config_home: Path, tmp_path: Path) -> None:
    """The user's own entry, linked from elsewhere, is neither written through nor
    replaced by a file: refused, saying why."""
    kept = tmp_path / "dotfiles" / "planner.desktop"
    kept.parent.mkdir()
    kept.write_text("[Desktop Entry]\nName=mine\n")
    link = config_home / "autostart" / "planner.desktop"
    link.parent.mkdir(parents=True)
    link.symlink_to(kept)
    with pytest.raises(InvalidInput, match="symbolic link"):
        autostart.XdgAutostart(["planner"]).enable()
    assert link.is_symlink() and kept.read_text() == "[Desktop Entry]\nName=mine\n"


def test_the_launch_agent(tmp_path: Path) -> None:
    start = autostart.LaunchAgentAutostart(["/usr/local/bin/python3", "-m", "planner"], tmp_path)
    assert not start.enabled()
    start.enable()
    path = tmp_path / "Library" / "LaunchAgents" / "org.planner.Planner.plist"
    assert start.enabled()
    assert plistlib.loads(path.read_bytes()) == {
        "Label": "org.planner.Planner",
        "ProgramArguments": ["/usr/local/bin/python3", "-m", "planner"],
        "RunAtLoad": True,
        "ProcessType": "Interactive",
    }
    start.disable()
    assert not path.exists() and not start.enabled()


class MemoryRunKey:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.values.pop(name, None)


def test_the_windows_run_key() -> None:
    key = MemoryRunKey()
    command = [r"C:\Program Files\Planner\pythonw.exe", "-m", "planner"]
    start = autostart.RunKeyAutostart(command, key)
    assert not start.enabled()
    start.enable()
    assert key.values == {"Planner": r'"C:\Program Files\Planner\pythonw.exe" -m planner'}
    assert start.enabled()
    start.disable()
    assert key.values == {} and not start.enabled()


@pytest.mark.skipif(sys.platform == "win32", reason="the registry is there")
def test_the_registry_elsewhere_says_so() -> None:
    with pytest.raises(OSError):
        autostart.WindowsRegistryRunKey().get("Planner")


def test_this_system_gets_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    for platform, kind in (
        ("linux", autostart.XdgAutostart),
        ("win32", autostart.RunKeyAutostart),
        ("darwin", autostart.LaunchAgentAutostart),
    ):
        monkeypatch.setattr(sys, "platform", platform)
        assert isinstance(autostart.for_this_system(), kind)
