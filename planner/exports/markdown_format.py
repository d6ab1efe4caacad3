"""A Markdown checklist: export and import.

    # Plan name                       (whole plan)
    ## Health                         (a group)
    - [ ] Run a marathon (due 2027-03-31)
      Notes, indented under their item.
      - [x] Buy shoes (due 2026-11-28)

Nested by indentation (two spaces a level when written; any consistent indentation when
read), `- [ ]` active, `- [x]` done, the due date as a trailing "(due YYYY-MM-DD)" (in
every language: the import reads it back, and a file stays readable in any). Lines
indented under an item that are not items are its notes. Deleted items are left out.
An export nested deeper than MAX_INDENT levels is refused: its indentation would grow with
the depth squared, and capping it would flatten the tree on the way back in.
Import takes `-`, `*` or `+` bullets, with or without a box; a problem names its line and
nothing is imported.
"""

from __future__ import annotations

import re
from datetime import date

from planner import formats
from planner.domain.errors import InvalidInput, excerpt
from planner.domain.items import Kind, Status
from planner.domain.new_node import NewNode
from planner.domain.validation import clean_notes, clean_title
from planner.exports.outline import MAX_INDENT, Outline, deepest, walk
from planner.i18n import _, ngettext

_ITEM = re.compile(r"^(?P<indent>[ \t]*)[-*+][ \t]+(?:\[(?P<box>[ xX])\][ \t]+)?(?P<text>.*)$")
_DUE = re.compile(r"[ \t]*\(due (\d{4}-\d{2}-\d{2})\)$")
_GROUP = re.compile(r"^##[ \t]+(.+?)[ \t]*#*$")
_TITLE = re.compile(r"^#[ \t]+")


def dumps(outline: Outline, title: str | None = None) -> str:
    """The checklist of the outline; `title` heads a whole plan's. InvalidInput when the
    outline nests deeper than MAX_INDENT levels of items."""
    under_groups = bool(outline.roots) and outline.roots[0].record.is_group
    levels = deepest(outline.roots) + (0 if under_groups else 1)
    if levels > MAX_INDENT:
        if title is not None:
            text = ngettext(
                "The plan nests {n} level deep; a Markdown checklist shows at most {most} "
                "levels. Export it as JSON or OPML, or export an item further down.",
                "The plan nests {n} levels deep; a Markdown checklist shows at most {most} "
                "levels. Export it as JSON or OPML, or export an item further down.",
                levels,
            )
        else:
            text = ngettext(
                "The item nests {n} level deep; a Markdown checklist shows at most {most} "
                "levels. Export it as JSON or OPML, or export an item further down.",
                "The item nests {n} levels deep; a Markdown checklist shows at most {most} "
                "levels. Export it as JSON or OPML, or export an item further down.",
                levels,
            )
        raise InvalidInput(text.format(n=formats.number(levels), most=MAX_INDENT))
    out: list[str] = []
    if title is not None:
        out.append(f"# {_one_line(title)}\n")
    for node, depth in walk(outline.roots):
        r = node.record
        if r.is_group:
            out.append(f"\n## {_one_line(r.title)}\n\n")
            continue
        # Items under a group start at the left edge; an exported item is its own root.
        level = depth - 1 if under_groups else depth
        indent = "  " * level
        box = "x" if r.status is Status.DONE else " "
        due = f" (due {r.due.isoformat()})" if r.due else ""  # a token the import reads
        out.append(f"{indent}- [{box}] {_one_line(r.title)}{due}\n")
        for line in r.notes.splitlines():
            # A note line that would read as an item or a heading is escaped.
            line = "\\" + line.lstrip() if line.lstrip()[:1] in ("-", "*", "+", "#", "\\") else line
            out.append(f"{indent}  {line}".rstrip() + "\n" if line.strip() else "\n")
    return "".join(out).lstrip("\n")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def loads(text: str) -> tuple[str, list[NewNode]]:
    """('groups', groups) when the file has "## Group" headings, else ('item', items)."""
    groups: list[NewNode] = []
    roots: list[NewNode] = []
    # Open items, innermost last, with the indentation of their bullet.
    stack: list[tuple[int, NewNode]] = []
    notes: dict[int, list[str]] = {}
    nodes: list[NewNode] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        where = _("Line {n}").format(n=number)
        line = raw.rstrip()
        if not line.strip():
            if stack:
                notes.setdefault(id(stack[-1][1]), []).append("")
            continue
        heading = _GROUP.match(line)
        if heading:
            group = NewNode(title=_title(heading.group(1), where), kind=Kind.GROUP)
            groups.append(group)
            stack.clear()
            continue
        if _TITLE.match(line) and not stack and not roots and not groups:
            continue  # the plan's name
        item = _ITEM.match(line)
        indent = len(line) - len(line.lstrip(" \t"))
        if item is None:
            if stack and indent > stack[-1][0]:
                note = line.strip()
                note = note[1:] if note.startswith("\\") else note
                notes.setdefault(id(stack[-1][1]), []).append(note)
                continue
            raise InvalidInput(
                _("{where}: expected a checklist item (- [ ] ...), found {text}.").format(
                    where=where, text=repr(excerpt(line.strip()))
                )
            )
        body = item.group("text")
        node = NewNode(title="")
        due = _DUE.search(body)
        if due:
            try:
                node.due = date.fromisoformat(due.group(1))
            except ValueError:
                raise InvalidInput(
                    _("{where}: due {value} is not a date.").format(where=where, value=due.group(1))
                ) from None
            body = body[: due.start()]
        node.title = _title(body, where)
        if (item.group("box") or " ") in "xX":
            node.status = Status.DONE  # done when added (PlanService.add_trees)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if stack:
            stack[-1][1].children.append(node)
        elif groups:
            groups[-1].children.append(node)
        else:
            roots.append(node)
        stack.append((indent, node))
        nodes.append(node)
    for node in nodes:
        lines = notes.get(id(node))
        if lines:
            try:
                node.notes = clean_notes("\n".join(lines).strip("\n"))
            except InvalidInput as e:
                raise InvalidInput(
                    _("Notes of {title}: {reason}").format(title=repr(node.title), reason=e)
                ) from None
    if groups:
        if roots:
            raise InvalidInput(_("Items stand before the first '## Group' heading."))
        return "groups", groups
    if not roots:
        raise InvalidInput(_("The file holds no checklist items (- [ ] ...)."))
    return "item", roots


def _title(text: str, where: str) -> str:
    try:
        title = clean_title(text)
    except InvalidInput as e:
        raise InvalidInput(f"{where}: {e}") from None
    if not title:
        raise InvalidInput(_("{where}: an item without a title.").format(where=where))
    return title
