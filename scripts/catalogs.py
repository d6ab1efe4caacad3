"""Keeps the translation catalogs in step with the code (Babel's own commands underneath).

    python scripts/catalogs.py update    extract planner.pot, merge it into each planner.po
    python scripts/catalogs.py compile   .po → .mo for every language (committed)
    python scripts/catalogs.py check     exit 1 when a .pot, .po or .mo is stale (CI)
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "resources" / "locale"
LANGUAGES = ("ru", "pt_BR", "zh_CN", "de")
KEYWORDS = ["-k", "N_", "-k", "ngettext:1,2", "-k", "pgettext:1c,2", "-k", "npgettext:1c,2,3"]


def extract(output: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "-q", "extract",
         "-F", str(ROOT / "babel.cfg"), *KEYWORDS, "--add-comments=TRANSLATORS:",
         "--sort-by-file", "--project=Planner", "-o", str(output), "."],
        cwd=ROOT, check=True,
    )  # fmt: skip


def compiled(po: Path) -> bytes:
    """The .mo of a .po, as `pybabel compile` writes it (fuzzy entries left out)."""
    with po.open("rb") as f:
        catalog = read_po(f, locale=po.parts[-3])
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def catalogs() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))


def update() -> None:
    extract(LOCALE / "planner.pot")
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "-q", "update", "--no-fuzzy-matching",
         "--ignore-obsolete", "-i", str(LOCALE / "planner.pot"), "-d", str(LOCALE),
         "-D", "planner"],
        check=True,
    )  # fmt: skip


def compile_all() -> None:
    for po in catalogs():
        po.with_suffix(".mo").write_bytes(compiled(po))


def message_keys(path: Path) -> set[tuple[object, str | None]]:
    """What a catalog asks translators for (line numbers and dates left aside)."""
    with path.open("rb") as f:
        return {(m.id, m.context) for m in read_po(f) if m.id}


def check() -> int:
    stale = []
    fresh = LOCALE / ".check.pot"
    try:
        extract(fresh)
        wanted = message_keys(fresh)
    finally:
        fresh.unlink(missing_ok=True)
    if wanted != message_keys(LOCALE / "planner.pot"):
        stale.append("planner.pot: run `python scripts/catalogs.py update`")
    for po in LOCALE.glob("*/LC_MESSAGES/planner.po"):
        if message_keys(po) != wanted:
            stale.append(f"{po.relative_to(ROOT)}: run `python scripts/catalogs.py update`")
    for po in catalogs():
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != compiled(po):
            stale.append(f"{mo.relative_to(ROOT)}: run `python scripts/catalogs.py compile`")
    for line in stale:
        print(line, file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        sys.exit(check())
    else:
        sys.exit(__doc__)
