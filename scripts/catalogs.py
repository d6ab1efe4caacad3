"""Keeps the translation catalogs in step with the code (Babel's own commands underneath).

    python scripts/catalogs.py update    extract planner.pot, merge it into each planner.po;
                                         the same for argparse's own words (argparse.pot)
    python scripts/catalogs.py compile   .po → .mo for every language (committed)
    python scripts/catalogs.py check     exit 1 when a .pot, .po or .mo is stale (CI)

argparse's words ("usage: ", "options", "the following arguments are required: %s") are
marked in argparse.py itself: they are extracted from the running Python's argparse.py into
a domain of their own, `argparse`, which planner/i18n.py hands to argparse. Its template
keeps the words of every Python it was updated with (they change between versions), so a
catalog is current as long as it holds every word of the running Python's argparse.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

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


def argparse_words() -> Catalog:
    """The words the running Python's argparse.py marks, as a template."""
    import argparse

    catalog = Catalog(project="Planner (argparse's words)", domain="argparse")
    keywords = {"_": None, "ngettext": (1, 2)}
    for line, message, _comments, context in extract_from_file(
        "python", argparse.__file__, keywords=keywords
    ):
        catalog.add(message, locations=[("argparse.py", line)], context=context)
    return catalog


def update_argparse() -> None:
    """argparse.pot: the running Python's words added to those already there; then each
    language's argparse.po merged with it (made when missing)."""
    template = argparse_words()
    pot = LOCALE / "argparse.pot"
    if pot.exists():
        with pot.open("rb") as f:
            for message in read_po(f):
                if message.id and message.id not in template:
                    template[message.id] = message
    with pot.open("wb") as f:
        write_po(f, template, sort_output=True, width=96)
    for language in LANGUAGES:
        po = LOCALE / language / "LC_MESSAGES" / "argparse.po"
        if po.exists():
            with po.open("rb") as f:
                catalog = read_po(f, locale=language, domain="argparse")
        else:
            catalog = Catalog(locale=language, domain="argparse", project=template.project)
            catalog.fuzzy = False  # its header: the entries say for themselves
        catalog.update(template, no_fuzzy_matching=True)
        with po.open("wb") as f:
            write_po(f, catalog, ignore_obsolete=True, sort_output=True, width=96)


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
    before = {path: path.read_bytes() for path in (*catalogs(), *LOCALE.glob("*.pot"))}
    _update()
    for path, old in before.items():  # only a new date: the file stays as it was
        if path.exists() and _undated(path.read_bytes()) == _undated(old):
            path.write_bytes(old)


def _undated(text: bytes) -> bytes:
    return re.sub(rb'"POT-Creation-Date: [^"]*"', b"", text)


def _update() -> None:
    update_argparse()
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


def _stale_argparse() -> list[str]:
    pot = LOCALE / "argparse.pot"
    if not pot.exists():
        return ["argparse.pot is missing: run `python scripts/catalogs.py update`"]
    kept = message_keys(pot)
    stale = []
    if not {(m.id, m.context) for m in argparse_words() if m.id} <= kept:
        stale.append("argparse.pot lacks words of this Python's argparse: run `update`")
    for language in LANGUAGES:
        po = LOCALE / language / "LC_MESSAGES" / "argparse.po"
        if not po.exists() or message_keys(po) != kept:
            stale.append(f"{po.relative_to(ROOT)}: run `python scripts/catalogs.py update`")
    return stale


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
    stale += _stale_argparse()
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
