"""OPML 2.0, the outliners' exchange format: export and import.

Export: one <outline> per item (deleted ones left out): `text` the title, `_note` the
notes, `due` (YYYY-MM-DD), `status` (active|done, and `_complete="true"` for done, as
Workflowy writes it), `priority` (low|medium|high), `cost` (the item's total, exact decimal
text, in the head's `currency`; for reading only). A whole plan's groups are outlines with
`type="planner-group"`.

Import (Workflowy, Dynalist, OmniOutliner, Planner...): `text` (or `title`), `_note`,
and the done marks `status="done"`, `_complete="true"`, `_status="checked"`,
`checked="true"`; `due` and `priority` when they are Planner's. Other attributes are
ignored. XML is read with defusedxml: no entity declarations, nothing fetched. A problem
names its line; nothing is imported unless the whole file reads.
"""

from __future__ import annotations

import xml.sax
import xml.sax.handler
from datetime import UTC, date, datetime
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import defusedxml.sax
from defusedxml import DefusedXmlException

from planner import formats
from planner.domain.errors import InvalidInput
from planner.domain.items import Kind, Priority, Status
from planner.domain.money import decimal_text
from planner.domain.new_node import NewNode
from planner.domain.validation import TITLE_MAX, clean_notes, clean_title
from planner.exports.outline import Outline, indentation, walk
from planner.i18n import _, ngettext

GROUP_TYPE = "planner-group"  # not-ui: a type the import reads
_DONE_MARKS = (("status", "done"), ("_complete", "true"), ("_status", "checked"))


def dumps(outline: Outline, title: str, now: datetime) -> str:
    """The outline as an OPML 2.0 document (written without recursion). The elements
    nest as deep as the plan; their indentation stops at MAX_INDENT levels."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n<head>\n',  # not-ui: XML
        f"  <title>{escape(title)}</title>\n",
        f"  <dateCreated>{now.astimezone(UTC).strftime('%a, %d %b %Y %H:%M:%S GMT')}"
        "</dateCreated>\n",
        f"  <currency>{escape(outline.currency)}</currency>\n",
        "</head>\n<body>\n",
    ]
    open_depths: list[int] = []
    for node, depth in walk(outline.roots):
        while open_depths and open_depths[-1] >= depth:
            out.append(indentation(open_depths.pop() + 1) + "</outline>\n")
        r = node.record
        attrs: dict[str, str] = {"text": r.title}
        if r.is_group:
            attrs["type"] = GROUP_TYPE
        else:
            if r.notes:
                attrs["_note"] = r.notes
            attrs["status"] = r.status.value
            if r.status is Status.DONE:
                attrs["_complete"] = "true"
            if r.due is not None:
                attrs["due"] = r.due.isoformat()
            if r.priority:
                attrs["priority"] = r.priority.name.lower()
        if node.totals.lines:
            attrs["cost"] = decimal_text(node.totals.headline)
        text = " ".join(f"{k}={_attr(v)}" for k, v in attrs.items())
        indent = indentation(depth + 1)
        if node.children:
            out.append(f"{indent}<outline {text}>\n")
            open_depths.append(depth)
        else:
            out.append(f"{indent}<outline {text}/>\n")
    while open_depths:
        out.append(indentation(open_depths.pop() + 1) + "</outline>\n")
    out.append("</body>\n</opml>\n")
    return "".join(out)


def _attr(value: str) -> str:
    # Line breaks and tabs kept as characters, not folded to spaces by the reader.
    return quoteattr(value, {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


class _Reader(xml.sax.handler.ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.roots: list[NewNode] = []
        self.groups: list[bool] = []  # whether each root is a Planner group
        self.stack: list[NewNode] = []  # the open outlines, innermost last
        self.seen_opml = False
        self.in_body = False
        self.locator: Any = None

    def setDocumentLocator(self, locator: Any) -> None:
        self.locator = locator

    def line(self) -> int:
        return int(self.locator.getLineNumber()) if self.locator is not None else 0

    def startElement(self, name: str, attrs: Any) -> None:
        if not self.seen_opml:
            if name != "opml":
                raise InvalidInput(
                    _("Line {n}: this is not OPML (no <opml> element).").format(n=self.line())
                )
            self.seen_opml = True
            return
        if name == "body":
            # Its end would close the outer body, and every outline after it be dropped.
            if self.in_body:
                raise InvalidInput(_("Line {n}: a <body> inside <body>.").format(n=self.line()))
            self.in_body = True
            return
        if name != "outline":
            return
        if not self.in_body:
            # Outlines belong in the body: one elsewhere would be dropped without a word.
            raise InvalidInput(_("Line {n}: an outline outside <body>.").format(n=self.line()))
        node = self._node(dict(attrs.items()))
        parent = self.stack[-1] if self.stack else None
        if parent is None:
            self.roots.append(node)
            self.groups.append(attrs.get("type") == GROUP_TYPE)
        else:
            parent.children.append(node)
        self.stack.append(node)

    def endElement(self, name: str) -> None:
        if name == "outline" and self.stack:
            self.stack.pop()
        elif name == "body":
            self.in_body = False

    def _node(self, attrs: dict[str, str]) -> NewNode:
        where = _("Line {n}").format(n=self.line())
        raw = attrs.get("text", attrs.get("title", ""))
        if len(raw) > 4 * TITLE_MAX:
            raise InvalidInput(
                ngettext(
                    "{where}: a title can be at most {limit} character.",
                    "{where}: a title can be at most {limit} characters.",
                    TITLE_MAX,
                ).format(where=where, limit=formats.number(TITLE_MAX))
            )
        title = " ".join(raw.split()) or _("(untitled)")
        try:
            title = clean_title(title)
            notes = clean_notes(attrs.get("_note", ""))
        except InvalidInput as e:
            raise InvalidInput(f"{where}: {e}") from None
        done = any(attrs.get(k, "").strip().lower() == v for k, v in _DONE_MARKS)
        done = done or attrs.get("checked", "").strip().lower() == "true"
        node = NewNode(title=title, notes=notes)
        if done:
            node.status = Status.DONE  # done when added (PlanService.add_trees)
        due = attrs.get("due", "").strip()
        if due:
            try:
                node.due = date.fromisoformat(due)
            except ValueError:
                raise InvalidInput(
                    _("{where}: due {value} is not a date (YYYY-MM-DD).").format(
                        where=where, value=repr(due[:40])
                    )
                ) from None
        priority = attrs.get("priority", "").strip().upper()
        if priority in Priority.__members__:
            node.priority = Priority[priority]
        return node


def loads(data: bytes) -> tuple[str, list[NewNode]]:
    """('groups', groups) for a Planner export of a whole plan, else ('item', items)."""
    reader = _Reader()
    try:
        defusedxml.sax.parseString(
            data, reader, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except xml.sax.SAXParseException as e:
        raise InvalidInput(
            _("Line {n}: not well-formed XML ({reason}).").format(
                n=e.getLineNumber(), reason=e.getMessage()
            )
        ) from None
    except DefusedXmlException as e:
        raise InvalidInput(
            _(
                "The file declares a DTD or entities ({kind}), which Planner does not read: "
                "they can fetch files or expand without end."
            ).format(kind=type(e).__name__)
        ) from None
    if not reader.seen_opml:
        raise InvalidInput(_("This is not OPML (no <opml> element)."))
    if not reader.roots:
        raise InvalidInput(_("The OPML file has no outlines to import."))
    if all(reader.groups):
        for group in reader.roots:
            group.kind = Kind.GROUP
            group.status, group.done_at, group.due = Status.ACTIVE, None, None
        return "groups", reader.roots
    return "item", reader.roots
