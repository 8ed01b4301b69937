"""Stage 1, load: files to plain data that remembers where every value came from.

YAML is composed by ruamel.yaml (with its libyaml-based C parser when
``ruamel.yaml.clib`` is installed), which gives every node, scalars included, its
line and column. We construct plain Python data ourselves so that duplicate keys,
aliases that expand without bound, over-deep nesting and unknown tags become
located problems, never a traceback or a memory blow-up.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from generator.errors import InputError, Problem, error, terminal_safe

from .yaml_slips import diagnose

log = logging.getLogger(__name__)

MAX_BRIEF_BYTES = 1_000_000
MAX_ARTICLE_BYTES = 2_000_000
MAX_DEPTH = 64
MAX_VALUES = 100_000
#: Control characters no text file of ours holds (tab, newline and carriage return may).
CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Nesting the pre-scan lets through to the parser (which it parses fast and composes
#: without overflowing the C stack); the builder then reports anything past MAX_DEPTH.
SCAN_DEPTH = 1_000

Path_ = tuple[str | int, ...]


@dataclass
class Located:
    """A YAML document as plain data, with the 1-based position of each value and key."""

    path: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: the document's text and, for each scalar value, its (start, end) offsets in it
    text: str = ""
    spans: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def __getstate__(self) -> dict[str, Any]:
        """What a check worker sends back: the data and the text, not the positions.
        They are two thirds of a brief's bytes and most of its unpickling (a tuple per
        value); the few briefs that need one after the check find them all again from
        the text (:meth:`__getattr__`), the same function giving the same positions."""
        return {"path": self.path, "data": self.data, "text": self.text}

    def __getattr__(self, name: str) -> Any:
        """The positions of a located document that was unpickled, found on first use."""
        if name not in _POSITIONS or "text" not in self.__dict__:
            raise AttributeError(name)
        again = load_yaml(self.text, self.path)
        for kept in _POSITIONS:
            self.__dict__[kept] = getattr(again, kept)
        return self.__dict__[name]

    def where(self, loc: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of the value (or key) at ``loc``, else of its nearest located parent."""
        table = self.keys if key else self.values
        for cut in range(len(loc), -1, -1):
            found = table.get(loc[:cut]) or self.values.get(loc[:cut])
            if found:
                return found
        return (1, 1)

    def where_text(self, loc: Path_, value: str, start: int, end: int) -> tuple[int, int]:
        """Position of ``value[start:end]``, a piece of the text value at ``loc``, in the file.

        Whatever the scalar's style (plain, quoted, folded ``>``, literal ``|``), its piece
        is written in the file with the same words, line breaks and indentation aside: the
        n-th occurrence in the value is the n-th in the scalar's source. Falls back to the
        value's own position when the piece cannot be found (an escape sequence inside it).
        """
        span = self.spans.get(loc)
        words = value[start:end].split()
        if span is None or not words:
            return self.where(loc)
        pattern = re.compile(r"\s+".join(map(re.escape, words)))
        nth = sum(1 for m in pattern.finditer(value) if m.start() < start)
        for count, found in enumerate(pattern.finditer(self.text, *span)):
            if count == nth:
                return _line_col(self.text, found.start())
        return self.where(loc)


_POSITIONS = ("values", "keys", "spans")


def read_text(path: Path, shown: str, *, limit: int, what: str) -> str:
    """Read a UTF-8 text file, or raise a located :class:`InputError` saying what is wrong."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise _fail(
                shown,
                1,
                1,
                f"{what} is {size:,} bytes; the limit is {limit:,}",
                "split the file or remove what is not article text",
                "file-too-large",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise _fail(
            shown, 1, 1, f"cannot read {what}: {exc.strerror or exc}", "", "file-unreadable"
        ) from None
    return decode_text(raw, shown, what=what)


def decode_text(raw: bytes, shown: str, *, what: str) -> str:
    if not raw.strip():
        raise _fail(shown, 1, 1, f"{what} is empty", "", "file-empty")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(
            shown,
            1,
            1,
            f"{what} is UTF-16; expected UTF-8",
            "re-save the file as UTF-8",
            "file-encoding",
        )
    if b"\x00" in raw[:8192] or b"\x00" in raw:
        line, col = _position_of(raw, raw.index(b"\x00"))
        raise _fail(
            shown, line, col, f"{what} is binary (NUL byte); expected UTF-8 text", "", "file-binary"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position_of(raw, exc.start)
        raise _fail(
            shown,
            line,
            col,
            f"{what} is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            "re-save the file as UTF-8",
            "file-encoding",
        ) from None
    control = CONTROL.search(text)
    if control:
        line, col = _line_col(text, control.start())
        raise _fail(
            shown,
            line,
            col,
            f"{what} holds the control character {terminal_safe(control.group(0))}",
            "remove it: a text file holds no terminal or device controls",
            "control-character",
        )
    return text


def _position_of(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = len(before) - (before.rfind(b"\n") + 1) + 1
    return line, col


def _fail(path: str, line: int, col: int, message: str, hint: str, code: str) -> InputError:
    return InputError([error(path, line, col, message, hint, code)])


class _Resolver(VersionedResolver):
    """ruamel's resolver, with one :class:`Tag` per tag for the whole process.

    For every scalar, ruamel looks the document's YAML version up again (through a caught
    AttributeError) and makes a new ``Tag``: a third of composing a brief. Here the table
    of the document's version is found once per document (with the C parser, the loader,
    this resolver included, is made anew for each), an untagged scalar is resolved by
    its first character alone (a brief has no path resolvers), and the builder tells the
    kinds apart by the shared tags (:data:`_KINDS`)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not ScalarNode:
            return super().resolve(kind, value, implicit)
        if implicit[0]:
            table = self.__dict__.get("_by_char") or self._by_char()
            resolvers = table.get(value[:1])
            for suffix, regexp in table[None] if resolvers is None else resolvers:
                if regexp.match(value):
                    return _TAGS.get(suffix) or Tag(suffix=suffix)
        return _STR

    def _by_char(self) -> dict[str | None, list[tuple[str, re.Pattern[str]]]]:
        version = self.processing_version
        if isinstance(version, str):
            version = tuple(map(int, version.split(".")))
        table = _BY_CHAR.get(version)
        if table is None:
            table = _BY_CHAR[version] = _by_first_char(self.versioned_resolver)
        if self.loadumper is self:  # the C parser's per-document loader
            self.__dict__["_by_char"] = table
        return table


def _by_first_char(
    by_char: dict[str | None, list[tuple[str, re.Pattern[str]]]],
) -> dict[str | None, list[tuple[str, re.Pattern[str]]]]:
    """ruamel's implicit resolvers of a character (``""``: the empty scalar), followed, as
    ruamel does, by those for any character (under ``None``, also for any other)."""
    anything = list(by_char.get(None, []))
    table: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {
        char: [*resolvers, *anything] for char, resolvers in by_char.items() if char is not None
    }
    table.setdefault("", anything)
    table[None] = anything
    return table


#: the tables of :func:`_by_first_char`, by YAML version
_BY_CHAR: dict[Any, dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}
_KIND_OF = {
    "tag:yaml.org,2002:str": "str",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "timestamp",
}
_TAGS = {suffix: Tag(suffix=suffix) for suffix in _KIND_OF}
#: the kind of a scalar whose tag is one of the shared ones, by the tag's identity
_KINDS = {id(tag): _KIND_OF[suffix] for suffix, tag in _TAGS.items()}
_STR = _TAGS["tag:yaml.org,2002:str"]
#: the tags of an untagged mapping and sequence (ruamel shares them)
_DEFAULT_TAGS: dict[type, Tag] = {
    MappingNode: VersionedResolver.DEFAULT_MAPPING_TAG,
    SequenceNode: VersionedResolver.DEFAULT_SEQUENCE_TAG,
}


def _kind_of(tag: str) -> str:
    """The kind of a scalar with any other tag: by its last part (``!!int`` is an int)."""
    return next((kind for kind in _KIND_OF.values() if tag.endswith(":" + kind)), "")


def _yaml() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    yaml.version = (1, 2)
    yaml.Resolver = _Resolver
    return yaml


_YAML = _yaml()


def load_yaml(text: str, shown: str) -> Located:
    """Compose ``text`` and construct located plain data; raise :class:`InputError`."""
    deep = _too_deep(text)
    if deep:
        raise _fail(
            shown, *deep, f"YAML nesting is deeper than {MAX_DEPTH} levels", "", "yaml-too-deep"
        )
    try:
        root = _YAML.compose(text)
    except MarkedYAMLError as exc:
        slip = diagnose(text, exc)
        raise _fail(shown, slip.line, slip.column, slip.message, slip.hint, "yaml-syntax") from None
    except RecursionError:
        raise _fail(
            shown, 1, 1, f"YAML nesting is deeper than {MAX_DEPTH} levels", "", "yaml-too-deep"
        ) from None
    except YAMLError as exc:
        raise _fail(shown, 1, 1, f"YAML error: {exc}", "", "yaml-syntax") from None
    if root is None:
        raise _fail(
            shown, 1, 1, "the brief is empty", "start from 'briefing new SEED'", "file-empty"
        )
    located = Located(shown, None, text=text)
    builder = _Builder(located)
    with contextlib.suppress(_Abort):
        located.data = builder.build(root, ())
    if builder.problems:
        raise InputError(builder.problems[:1] if builder.fatal else builder.problems)
    return located


_BRACKET = re.compile(r"[\[\]{}]")
_BLOCK_INDENT = re.compile(r"^[ \t?:-]+", re.M)


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where a cheap upper bound of the nesting passes :data:`SCAN_DEPTH`, else None.

    libyaml scans deep flow nesting in quadratic time and ruamel's composer recurses on
    the C stack (a segfault past ~50,000 levels), so a document nested far too deeply
    must be refused before it is parsed. Unbalanced brackets bound the flow depth (quotes
    are ignored: this only over-counts), leading indentation and ``- `` runs the block depth.
    """
    depth = 0
    for match in _BRACKET.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(0, depth - 1)
        if depth > SCAN_DEPTH:
            return _line_col(text, match.start())
    for match in _BLOCK_INDENT.finditer(text):
        if match.end() - match.start() > 2 * SCAN_DEPTH:
            return _line_col(text, match.start() + 2 * SCAN_DEPTH)
    return None


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _Builder:
    """Node tree to plain data; records positions and structural problems."""

    def __init__(self, located: Located) -> None:
        self.located = located
        self.problems: list[Problem] = []
        self.fatal = False
        self.count = 0
        self.sizes: dict[int, int] = {}
        #: no anchor in the text, so no alias: a tree, every node met once
        self.tree = "&" not in located.text
        #: a tree has fewer than 3 nodes per character (``?`` is a mapping of a null key to
        #: a null value; longer texts have at most 1.5): a short one needs no counting
        self.may_be_large = 4 * len(located.text) > MAX_VALUES

    def build(self, node: Node, loc: Path_) -> Any:
        self.located.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if len(loc) > MAX_DEPTH:
            return self._stop(
                node, f"YAML nesting is deeper than {MAX_DEPTH} levels", "yaml-too-deep"
            )
        self.count += 1
        if self._too_large(node):
            return self._stop(
                node,
                f"the document expands to more than {MAX_VALUES:,} values (YAML aliases?)",
                "yaml-too-large",
            )
        if isinstance(node, ScalarNode):
            self.located.spans[loc] = (node.start_mark.index, node.end_mark.index)
            return self._scalar(node)
        if node.ctag is not _DEFAULT_TAGS.get(type(node)):
            tag = node.tag or ""
            if not tag.endswith((":map", ":seq")):
                self._problem(node, f"unsupported YAML tag '{tag}'", "yaml-tag")
        if isinstance(node, MappingNode):
            return self._mapping(node, loc)
        return [self.build(child, (*loc, i)) for i, child in enumerate(node.value)]

    def _stop(self, node: Node, message: str, code: str) -> None:
        if not self.fatal:
            mark = node.start_mark
            self.problems = [
                error(self.located.path, mark.line + 1, mark.column + 1, message, "", code)
            ]
            self.fatal = True
        raise _Abort

    def _too_large(self, node: Node) -> bool:
        """More than :data:`MAX_VALUES` values met, or standing under ``node``. In a tree
        no part is bigger than the whole: only its root (met first) needs counting."""
        if self.count > MAX_VALUES:
            return True
        if self.tree:
            return self.count == 1 and self.may_be_large and _node_count(node) > MAX_VALUES
        return self._expanded_size(node) > MAX_VALUES

    def _expanded_size(self, node: Node) -> int:
        """Values a node stands for once aliases are expanded (memoised; no recursion)."""
        if isinstance(node, ScalarNode):
            return 1
        known = self.sizes.get(id(node))
        if known is not None:
            return known
        order: list[Node] = []
        seen: set[int] = set()
        stack = [node]
        while stack:
            current = stack.pop()
            key = id(current)
            if isinstance(current, ScalarNode) or key in self.sizes or key in seen:
                continue
            seen.add(key)
            order.append(current)
            stack.extend(_children(current))
        order.sort(key=_depth_key(order))
        for current in order:
            total = 1 + sum(self.sizes.get(id(c), 1) for c in _children(current))
            self.sizes[id(current)] = min(total, MAX_VALUES + 1)
        return self.sizes[id(node)]

    def _mapping(self, node: MappingNode, loc: Path_) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.ctag is not _STR and (key_node.tag or "").endswith(":merge"):
                self._problem(
                    key_node, "YAML merge keys ('<<') are not supported in briefs", "yaml-merge"
                )
                continue
            key = self._scalar(key_node) if isinstance(key_node, ScalarNode) else None
            if key is None or isinstance(key, list | dict):
                self._problem(key_node, "expected a text key", "yaml-key")
                continue
            key = str(key) if not isinstance(key, str) else key
            if key == "<<":
                self._problem(
                    key_node, "YAML merge keys ('<<') are not supported in briefs", "yaml-merge"
                )
                continue
            if key in result:
                first = self.located.keys[(*loc, key)]
                self._problem(
                    key_node,
                    f"duplicate key '{key}' (first defined at line {first[0]})",
                    "yaml-duplicate-key",
                )
                continue
            mark = key_node.start_mark
            self.located.keys[(*loc, key)] = (mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, (*loc, key))
        return result

    def _problem(self, node: Node, message: str, code: str) -> None:
        mark = node.start_mark
        self.problems.append(
            error(self.located.path, mark.line + 1, mark.column + 1, message, "", code)
        )

    def _scalar(self, node: Node) -> Any:
        if not isinstance(node, ScalarNode):
            return None
        value = node.value
        kind = _KINDS.get(id(node.ctag)) or _kind_of(node.tag or "")
        if kind == "str":
            return value
        if kind == "int":
            return _int(value)
        if kind == "float":
            return _float(value)
        if kind == "bool":
            return value.lower() == "true"
        if kind == "null":
            return None
        if kind == "timestamp":
            return _date(value)
        self._problem(node, f"unsupported YAML tag '{node.tag}'", "yaml-tag")
        return value


def _depth_key(order: list[Node]) -> Any:
    """Children before parents: a node's rank is one more than its deepest child's."""
    rank: dict[int, int] = {}
    for current in reversed(order):
        rank[id(current)] = 1 + max((rank.get(id(c), 0) for c in _children(current)), default=0)
    return lambda current: rank[id(current)]


class _Abort(Exception):
    pass


def _node_count(root: Node) -> int:
    """Nodes in a tree (keys included), as :meth:`_Builder._expanded_size` counts them."""
    count, stack = 0, [root]
    while stack and count <= MAX_VALUES:
        count += 1
        stack.extend(_children(stack.pop()))
    return count


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


class YamlInt(int):
    """An integer as written (``0x1F``, ``007``): a text field takes the text, not 31."""

    text: str

    def __new__(cls, value: int, text: str) -> YamlInt:
        made = super().__new__(cls, value)
        made.text = text
        return made

    def __reduce__(self) -> tuple[Any, ...]:  # pickled by the check workers and the cache
        return (YamlInt, (int(self), self.text))


class YamlFloat(float):
    """A float as written (``1.50``, ``1e3``): a text field takes the text, not 1.5."""

    text: str

    def __new__(cls, value: float, text: str) -> YamlFloat:
        made = super().__new__(cls, value)
        made.text = text
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (YamlFloat, (float(self), self.text))


def _int(text: str) -> int | str:
    try:
        return YamlInt(int(text.replace("_", ""), 0), text)
    except ValueError:
        return text


def _float(text: str) -> float | str:
    try:
        return YamlFloat(float(text.replace("_", "")), text)
    except ValueError:
        return text


def _date(text: str) -> dt.date | str:
    if _TIMESTAMP.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text
