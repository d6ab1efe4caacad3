"""Running a command as a user for whom file modes count: root may write to any file."""

from __future__ import annotations

import os
import shutil

import pytest


def as_other_user() -> list[str]:
    """The prefix that runs a command as a user for whom file modes count (root may write
    to any file): `setpriv` to nobody when the tests run as root."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a read-only file is writable")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
