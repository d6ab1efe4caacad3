"""The command line run as `python -m planner` in a child process, with a clean environment,
and what it gives back (exit status, standard output, standard error)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    """`python -m planner ...` in a child process, with a clean environment."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    def __call__(self, db: Path | None, *args: object, env: dict[str, str] | None = None) -> Result:
        command = [sys.executable, "-m", "planner"]
        if db is not None:
            command += ["--db", str(db)]
        proc = subprocess.run(
            [*command, *map(str, args)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=self.env | (env or {}),
            cwd=ROOT,
            timeout=120,
            check=False,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)


def command_env(data_home: Path, config_home: Path) -> dict[str, str]:
    """The environment of a command-line child: this one's, with its own data and config
    folders and no PLANNER_DB."""
    env = {k: v for k, v in os.environ.items() if k != "PLANNER_DB"}
    # Never the user's own data folder, whatever a test forgets.
    env["XDG_DATA_HOME"] = str(data_home)
    # Nor the user's settings: the key that marks shares made here lives there.
    env["XDG_CONFIG_HOME"] = str(config_home)
    env["PYTHONIOENCODING"] = "utf-8"
    if env.get("PYTHONDONTWRITEBYTECODE") or sys.flags.dont_write_bytecode:
        # Without written bytecode every child compiles what has none (Planner itself, and
        # SQLAlchemy unless its install compiled it: over a second). The children cache it
        # in the temporary folder instead, kept from run to run.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        key = hashlib.sha256(sys.prefix.encode()).hexdigest()[:12]
        env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / f"planner-pyc-{key}")
    return env


def walk(nodes: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.get("items", node.get("children", []))))
