"""Icons from resources/icons (SVG), found beside the package or inside an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon


def resources_dir() -> Path:
    """resources/ of a source checkout, or planner/resources of an installed wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parents[1] / "resources", here.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("Planner's resources folder is missing.")


@cache
def icon(name: str) -> QIcon:
    return QIcon(str(resources_dir() / "icons" / f"{name}.svg"))
