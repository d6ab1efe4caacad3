"""The command line run with a clean environment, and what it gives back (exit status,
standard output, standard error): in this process (`planner.cli.main.run`, the same parser,
commands and exit status, in milliseconds), or as `python -m planner` in a child process
where the process itself is what a test is about (closed standard streams, two processes
racing, a lock held by another process, arguments as bytes)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[2]
WORKERS = min(8, (os.cpu_count() or 1) + 2)


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)

    def ok(self) -> Result:
        assert self.code == 0, f"exit {self.code}: {self.err}"
        return self

    def refused(self, pattern: str) -> Result:
        """Exit 1, nothing on standard output, exactly one line on standard error."""
        assert self.code == 1, f"exit {self.code}, out={self.out!r}, err={self.err!r}"
        assert self.out == ""
        lines = self.err.splitlines()
        assert len(lines) == 1, self.err
        assert lines[0].startswith("planner: "), lines[0]
        assert re.search(pattern, lines[0]), lines[0]
        return self


class Cli:
    """`planner ...` with a clean environment: in this process, or (`process=True`) as
    `python -m planner` in a child process."""

    def __init__(self, env: dict[str, str], process: bool = False) -> None:
        self.env = env
        self.process = process

    def __call__(self, db: Path | None, *args: object, env: dict[str, str] | None = None) -> Result:
        argv = ([] if db is None else ["--db", str(db)]) + [str(a) for a in args]
        environ = self.env | (env or {})
        if self.process:
            return _in_child(argv, environ)
        return _in_this_process(argv, environ)


def _in_child(argv: list[str], env: dict[str, str]) -> Result:
    proc = subprocess.run(
        [sys.executable, "-m", "planner", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def run_bytes(env: dict[str, str], db: Path, *args: bytes) -> tuple[int, str]:
    """`python -m planner --db DB ARGS` in a child process, the arguments given as bytes
    (what is not UTF-8 is decoded by Python itself, as from a terminal): its exit status
    and standard error. A command that prints anything exits 0."""
    proc = subprocess.run(
        [sys.executable.encode(), b"-m", b"planner", b"--db", bytes(db), *args],
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert proc.stdout == b"" or proc.returncode == 0
    return proc.returncode, proc.stderr.decode("utf-8", "replace")


# One command at a time: a run takes over the process's streams, environment and folder.
_one_at_a_time = threading.Lock()


def _in_this_process(argv: list[str], env: dict[str, str]) -> Result:
    """What `python -m planner ARGV` gives, run here: the streams are files of their own
    (so the command line's guards leave them alone, as they leave a caller's), written as a
    child's are (UTF-8, what cannot be encoded escaped) and read back as `subprocess` reads
    a child's (universal newlines); an uncaught SystemExit gives its status, as the
    interpreter does; an uncaught exception fails the test, as a traceback would."""
    from planner.cli.main import OpenWindow, run
    from planner.services.image_codec import forget_clean_copies

    with (
        _one_at_a_time,
        _environment(env),
        contextlib.chdir(ROOT),
        tempfile.TemporaryFile() as out_file,
        tempfile.TemporaryFile() as err_file,
    ):
        forget_clean_copies()  # a fresh process has decoded no image
        out, err = _text_stream(out_file), _text_stream(err_file)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = run(argv)
            except SystemExit as e:
                status = _exit_status(e, err)
        assert not isinstance(status, OpenWindow), "no command: the window is a process's"
        return Result(status, _read_back(out), _read_back(err))


@contextlib.contextmanager
def _environment(env: dict[str, str]) -> Iterator[None]:
    """os.environ is `env` inside (and the time zone follows TZ), as it was after."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    time.tzset()
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)
        time.tzset()


def _text_stream(file: IO[bytes]) -> io.TextIOWrapper:
    return io.TextIOWrapper(file, encoding="utf-8", errors="backslashreplace", write_through=True)


def _read_back(stream: io.TextIOWrapper) -> str:
    stream.flush()
    stream.buffer.seek(0)
    data = stream.buffer.read()
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline=None).read()


def _exit_status(exit: SystemExit, err: io.TextIOWrapper) -> int:
    if exit.code is None or isinstance(exit.code, int):
        return exit.code or 0
    print(exit.code, file=err)
    return 1


def command_env(data_home: Path, config_home: Path) -> dict[str, str]:
    """The environment of a command-line child: this one's, with its own data and config
    folders and no PLANNER_DB."""
    env = {k: v for k, v in os.environ.items() if k != "PLANNER_DB"}
    # Never the user's own data folder, whatever a test forgets.
    env["XDG_DATA_HOME"] = str(data_home)
    # Nor the user's settings: the key that marks shares made here lives there.
    env["XDG_CONFIG_HOME"] = str(config_home)
    env["PYTHONIOENCODING"] = "utf-8"
    return env  # (bytecode cached where none may be written: tests/conftest.py)


def walk(nodes: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.get("items", node.get("children", []))))
