"""Running a command as a user for whom file modes count: root may write to any file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import ROOT


def as_other_user() -> list[str]:
    """The prefix that runs a command as a user for whom file modes count (root may write
    to any file): `setpriv` to nobody when the tests run as root."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a read-only file is writable")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


def run_as_other(
    base_env: dict[str, str], db: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    """`planner --db DB ARGS` run as that user, from outside the checkout."""
    env = dict(base_env)
    env.pop("PYTHONPYCACHEPREFIX", None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["HOME"] = "/tmp"
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [*as_other_user(), sys.executable, "-m", "planner", "--db", str(db), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd="/",
        timeout=120,
        check=False,
    )
