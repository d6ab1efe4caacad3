"""A scan of Planner's code (its syntax trees) for words shown to people that are not marked
for translation: word-like string literals outside `_()`, `ngettext()`, `pgettext()`,
`npgettext()` and `N_()`; any text with letters handed to what shows it (print, the
command line's warn/fail, a parser's error, an exception's message, argparse's help and
metavars); and marked texts the extractor cannot read (`_(f"...")`).

Left alone: docstrings, keys and compared values, SQL and patterns handed to the calls that
take them, developers' errors (AssertionError, TypeError, ...), a literal on a line that
says why with `# not-ui: REASON`, and the entries of ALLOWED (each with its reason).

    found = unmarked_files(ROOT, skip=("planner/ui",))       # the command line's branch
    found = unmarked_files(ROOT, sinks=SINKS | QT_SINKS)     # the window's, one day
"""

from __future__ import annotations

import ast
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

MARKERS = {"_", "N_", "ngettext", "pgettext", "npgettext"}
# Where each marker's message arguments are (pgettext's first is the context).
MESSAGE_ARGS = {"_": (0,), "N_": (0,), "ngettext": (0, 1), "pgettext": (1,), "npgettext": (1, 2)}

# Calls that show their arguments to a person: any text with letters there is a word.
# Exception classes are sinks too (see _is_exception).
SINKS = {"print", "warn", "fail", "error", "exit"}

ARGPARSE_CALLS = {
    "add_argument", "add_parser", "ArgumentParser", "add_subparsers", "add_argument_group",
    "add_mutually_exclusive_group",
}  # fmt: skip
ARGPARSE_TEXTS = ("help", "description", "epilog", "title", "usage")
# A metavar listing the values typed as they are ("none|low|medium|high") stays.
_TYPED_VALUES = re.compile(r"[a-z0-9-]+(\|[a-z0-9-]+)+")

# Calls whose string arguments no user reads: developers' errors, patterns, paths, SQL.
QUIET_CALLS = {
    # errors that mean a bug (the user sees Planner's own errors, PlannerError's kinds)
    "AssertionError", "TypeError", "NotImplementedError", "KeyError", "IndexError",
    "AttributeError", "RuntimeError", "LookupError",
    # patterns, paths, encodings, tokens and SQL
    "compile", "match", "fullmatch", "search", "sub", "split", "Path", "open", "encode",
    "decode", "strftime", "strptime", "startswith", "endswith", "removeprefix",
    "removesuffix", "execute", "exec_driver_sql", "text", "filterwarnings", "cast", "TypeVar",
}  # fmt: skip
# Calls whose first N positional arguments are names (a key, an attribute, a variable);
# the others (a default value) are looked at.
NAME_ARGS = {"get": 1, "pop": 1, "setdefault": 1, "getenv": 1, "getattr": 2, "hasattr": 2}
NAME_ARGS |= {"setattr": 2}
# Keyword arguments that never carry words for people.
QUIET_KEYWORDS = {
    "encoding", "errors", "mode", "dest", "prefix", "suffix", "newline", "sep", "format",
    "action", "name", "lineterminator", "delimiter", "quotechar", "method", "ondelete",
}  # fmt: skip

# Text without letters, or only identifiers, tokens and paths ("title", "utf-8", "text/csv",
# "%Y-%m-%d"), is not a word. A word-like text has a space between words, a capital letter
# before small ones, or ends a sentence.
_PLACEHOLDERS = re.compile(r"\{[^{}]*\}|%\([^)]*\)[a-z]|%[a-zA-Z]")
_SENTENCE = re.compile(r"[A-Za-z]{2,}[^A-Za-z]*[.:?!…]\s*$")
_TWO_WORDS = re.compile(r"[^\W\d_]{2,}(\s+|[,;·—–]\s*)[^\W\d_]{2,}")
_CAPITALIZED = re.compile(r"(^|[\s(\"'“‘])[A-Z][a-z]+")
_LETTER = re.compile(r"[^\W\d_]")
# A deliberately untranslated literal: `# not-ui: why` on one of its lines.
_NOT_UI = re.compile(r"#\s*not-ui:\s*\w+")


def word_like(text: str) -> bool:
    bare = _PLACEHOLDERS.sub("", text)
    return bool(_TWO_WORDS.search(bare) or _CAPITALIZED.search(bare) or _SENTENCE.search(bare))


def has_letters(text: str) -> bool:
    return bool(_LETTER.search(_PLACEHOLDERS.sub("", text)))


@dataclass(frozen=True)
class Unmarked:
    path: str
    line: int
    text: str
    why: str  # "word", "shown" (handed to a sink), "argparse" or "not extractable"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text[:70]!r} ({self.why})"


# Deliberately untranslated literals the scan cannot tell apart from words: where (a
# regular expression matched against the file's path), which text (matched against the
# whole literal), and why.
_SQL = r"\s*(\{\}\s*)?([A-Z]{2,}\b|[a-z_]+ (NOT )?(IN|IS|=|>|<=|>=) |[a-z_]+( (ASC|DESC))?(,|$)).*"
ALLOWED: list[tuple[str, str, str]] = [
    ("planner/store/.*", _SQL, "SQL: statements, clauses, column lists"),
    ("planner/store/connection.py", r"file:\{\}", "an SQLite URI"),
    (
        "planner/store/(schema|stored_values).py",
        r"naive datetime|a datetime where a date belongs|not a finite Decimal: \{\}",
        "a bug's message: the domain never stores such a value",
    ),
    ("planner/domain/images.py", "WebP", "a file format's name"),
    (
        "planner/domain/typed_dates.py",
        ".*",
        "the words each language's typed dates are read in: what is typed, not shown",
    ),
    ("planner/services/demo.py", "Maria Silva|Sam Okafor", "people's names"),
    ("planner/exports/card.py", "'[A-Z].*", "font families"),
    ("planner/i18n.py", "English|Português \\(Brasil\\)|Deutsch", "languages' own names"),
    (
        "planner/domain/images.py",
        "no .*|unknown WebP chunk|not a marker",
        "a header reader's reason, caught: the user reads that the header cannot be read",
    ),
]


def allowed(found: Unmarked, allow_list: Collection[tuple[str, str, str]] = ALLOWED) -> bool:
    return any(
        re.fullmatch(where, found.path) and re.fullmatch(text, found.text, re.DOTALL)
        for where, text, _why in allow_list
    )


def _call_name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _is_exception(name: str) -> bool:
    """An exception class by its name: the user reads the message of Planner's own
    (InvalidInput, Refused, NotFound, ...Error) and of the OS errors it raises."""
    return name in {"InvalidInput", "Refused", "NotFound"} or name.endswith(
        ("Error", "Exception", "Warning")
    )


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _shown_text(node: ast.expr) -> str | None:
    """The text of a literal or f-string as shown, its placeholders as {}; None for others."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else "{}" for part in node.values
        )
    return None


def _is_text(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _is_texts(node: ast.AST) -> bool:
    return isinstance(node, ast.Tuple | ast.List | ast.Set) and any(map(_is_text, node.elts))


class _Scan(ast.NodeVisitor):
    """Collects the words outside the translation calls and the quiet places."""

    def __init__(self, path: str, source: str, tree: ast.AST, sinks: Collection[str]) -> None:
        self.path = path
        self.lines = source.splitlines()
        self.skip = _docstrings(tree)
        self.sinks = sinks
        self.found: list[Unmarked] = []

    def visit_Call(self, node: ast.Call) -> None:
        name = _call_name(node.func)
        if name in MARKERS:
            self._marker(node, name)
            return
        if name in QUIET_CALLS:
            return
        if name in ARGPARSE_CALLS:
            self._argparse(node)
        if name in self.sinks or _is_exception(name):
            self._sink(node)
        self.visit(node.func)
        names = NAME_ARGS.get(name, 0)
        for i, arg in enumerate(node.args):
            if i >= names or not _is_text(arg):
                self.visit(arg)
        for keyword in node.keywords:
            if keyword.arg not in QUIET_KEYWORDS:
                self.visit(keyword.value)

    def _marker(self, node: ast.Call, name: str) -> None:
        """A marked text must be a literal for the extractor to find it (a variable holds
        one marked where it is defined)."""
        for i in MESSAGE_ARGS[name]:
            arg = node.args[i] if i < len(node.args) else None
            if isinstance(arg, ast.JoinedStr | ast.BinOp | ast.Call):
                self._found(arg.lineno, ast.unparse(arg), "not extractable", arg.end_lineno)
        for part in node.args:
            if not _is_text(part):
                self.visit(part)

    def _sink(self, node: ast.Call) -> None:
        """What a sink shows: any letters in a literal handed to it straight are words."""
        for arg in node.args:
            text = _shown_text(arg)
            if text is not None and has_letters(text):
                self._found(arg.lineno, text, "shown", arg.end_lineno)
                self.skip.add(id(arg))

    def _argparse(self, node: ast.Call) -> None:
        """argparse shows every help text, and the metavar or else the name of a positional
        argument: words there, even one lowercase word, are for people."""
        keywords = {k.arg: k.value for k in node.keywords}
        for key in ARGPARSE_TEXTS:
            value = keywords.get(key)
            text = _shown_text(value) if value is not None else None
            if value is not None and text is not None and has_letters(text):
                self._found(value.lineno, text, "argparse", value.end_lineno)
                self.skip.add(id(value))
        metavar = keywords.get("metavar")
        if isinstance(metavar, ast.Constant) and isinstance(metavar.value, str):
            shown = metavar.value
            if re.search("[A-Za-z]{3}", shown) and not _TYPED_VALUES.fullmatch(shown):
                self._found(metavar.lineno, shown, "argparse")
                self.skip.add(id(metavar))
        first = node.args[0] if node.args else None
        named = isinstance(first, ast.Constant) and isinstance(first.value, str)
        positional = _call_name(node.func) == "add_argument" and metavar is None and named
        if positional and re.fullmatch("[a-z_]{3,}", first.value):  # type: ignore[union-attr]
            self._found(first.lineno, first.value, "argparse")  # type: ignore[union-attr]

    def visit_Compare(self, node: ast.Compare) -> None:
        """`status == "Done"`, `kind in ("a", "b")`: tests of values, not texts shown."""
        for part in (node.left, *node.comparators):
            if not _is_text(part) and not _is_texts(part):
                self.visit(part)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        """`row["key"]`, `tuple[int, "int | None"]`: keys and types."""
        self.visit(node.value)
        if not _is_text(node.slice) and not _is_texts(node.slice):
            self.visit(node.slice)

    def visit_Dict(self, node: ast.Dict) -> None:
        """A dict's keys are names (JSON keys, columns); its values are looked at."""
        for key, value in zip(node.keys, node.values, strict=True):
            if key is not None and not _is_text(key):
                self.visit(key)
            self.visit(value)

    def visit_Assert(self, node: ast.Assert) -> None:
        self.visit(node.test)

    def visit_Assign(self, node: ast.Assign) -> None:
        """`__all__ = [...]`: names."""
        if not any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and id(node) not in self.skip and word_like(node.value):
            self._found(node.lineno, node.value, "word", node.end_lineno)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        text = _shown_text(node) or ""
        if id(node) not in self.skip and word_like(text):
            self._found(node.lineno, text, "word", node.end_lineno)
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                self.visit(part.value)

    def _found(self, first: int, text: str, why: str, last: int | None = None) -> None:
        lines = self.lines[first - 1 : last or first]
        if any(_NOT_UI.search(line) for line in lines):
            return
        self.found.append(Unmarked(self.path, first, text, why))


def unmarked_in(
    source: str,
    name: str,
    sinks: Collection[str] = SINKS,
    allow_list: Collection[tuple[str, str, str]] = ALLOWED,
) -> list[Unmarked]:
    """The unmarked words of one module's source (`name`: its path, for the allow-list)."""
    tree = ast.parse(source, name)
    scan = _Scan(name, source, tree, sinks)
    scan.visit(tree)
    return [u for u in scan.found if not allowed(u, allow_list)]


def scanned_files(
    root: Path, package: str = "planner", skip: Collection[str] = ()
) -> Iterator[Path]:
    """Every module of `package` under `root`, but those under the folders in `skip`
    (paths relative to `root`, such as "planner/ui")."""
    for path in sorted((root / package).rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if not any(relative == s or relative.startswith(s.rstrip("/") + "/") for s in skip):
            yield path


def unmarked_files(
    root: Path,
    package: str = "planner",
    skip: Collection[str] = (),
    sinks: Collection[str] = SINKS,
    allow_list: Collection[tuple[str, str, str]] = ALLOWED,
) -> list[Unmarked]:
    """The unmarked words of every module scanned (see scanned_files)."""
    return [
        found
        for path in scanned_files(root, package, skip)
        for found in unmarked_in(
            path.read_text(encoding="utf-8"), path.relative_to(root).as_posix(), sinks, allow_list
        )
    ]
