"""One machine-readable line per figure, for benchmarks/run_all.py to gather into one table.

    FIGURE<TAB>{"name": ..., "value": ..., "unit": ..., "target": ..., "ok": ...}

`value` is a number, `target` a text like "< 50 ms" (or ""), `ok` true/false/null (no target).
Each script still prints its own human-readable report around these lines.
"""

from __future__ import annotations

import json
import sys

PREFIX = "FIGURE\t"


def figure(
    name: str, value: float, unit: str = "", target: str = "", ok: bool | None = None
) -> None:
    line = json.dumps({"name": name, "value": value, "unit": unit, "target": target, "ok": ok})
    print(PREFIX + line, file=sys.stdout, flush=True)


def parse(text: str) -> list[dict[str, object]]:
    return [
        json.loads(line[len(PREFIX) :]) for line in text.splitlines() if line.startswith(PREFIX)
    ]
