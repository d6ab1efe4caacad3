"""A window in a process of its own, as a user starts one: offscreen, with settings and data
folders of its own, running a script whose last line of output is a JSON report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any


def window_report(script: str, args: list[str], tmp_path: Path) -> dict[str, Any]:
    """Run `script` (python -c) with `args`; its report, once it exited 0 with no traceback."""
    env = os.environ | {
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    env.pop("PLANNER_DB", None)
    out = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr, out.stderr
    report: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return report
