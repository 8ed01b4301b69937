"""Where each setting of ``mkdocs.yml`` is written, so that its mistakes are located.

MkDocs itself reads and validates ``mkdocs.yml`` (see :mod:`generator.site.project`):
its loader resolves ``!ENV``, ``!relative`` and Python tags. This module only locates:
it composes the file with ruamel.yaml (lenient towards any tag) into nodes that know
their line and column, turns a YAML slip into one located problem, refuses what MkDocs
would take silently (duplicate keys, a second ``briefing`` plugin entry), and places the
errors MkDocs' validation names at the key or value they are about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import ConfigError, OptionError, Problem, error, excerpt, warning

from .yaml_slips import diagnose

NAME = "mkdocs.yml"
MAX_BYTES = 1_000_000
PLUGIN_OPTION = re.compile(r"^Plugin '(?P<plugin>[^']+)' option '(?P<option>[^']+)': (?P<msg>.*)$")
QUOTED_NAME = re.compile(r"""["']([\w.\-#\s]+)["']""")
TYPE_MISMATCH = re.compile(r"Expected type: <class '(\w+)'> but received: <class '(\w+)'>")
TYPE_NAMES = {
    "bool": "true or false",
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "list": "a list",
    "dict": "a mapping",
    "NoneType": "nothing",
}


@dataclass
class Layout:
    """The composed ``mkdocs.yml``: every key and value with its 1-based position."""

    shown: str
    root: Node | None

    def where(self, path: tuple[str, ...], *, key: bool = False) -> tuple[int, int]:
        """Position of the value (or key) at ``path``, else of its nearest written parent."""
        node, found = self.root, (1, 1)
        for part in path:
            step = _step(node, part)
            if step is None:
                break
            key_node, node = step
            found = _position(key_node if key and part == path[-1] else node)
        return found

    def scalar(self, path: tuple[str, ...]) -> str | None:
        """The text of the scalar written at ``path``, if one is."""
        node: Node | None = self.root
        for part in path:
            step = _step(node, part)
            node = step[1] if step else None
        return str(node.value) if isinstance(node, ScalarNode) else None

    def problem(self, path: tuple[str, ...], message: str, hint: str = "", **kw: Any) -> Problem:
        return error(self.shown, *self.where(path, key=kw.get("key", False)), message, hint)


def read_layout(path: Path, shown: str = NAME) -> Layout:
    """Compose ``path``; raise :class:`ConfigError` on a YAML slip or what MkDocs would hide."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ConfigError([error(shown, 1, 1, f"{NAME} is over {MAX_BYTES:,} bytes")])
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([error(shown, 1, 1, f"cannot read {NAME}: {exc}")]) from None
    try:
        root = YAML(typ="rt").compose(text)
    except MarkedYAMLError as exc:
        slip = diagnose(text, exc)
        raise ConfigError([error(shown, slip.line, slip.column, slip.message, slip.hint)]) from None
    except YAMLError as exc:
        raise ConfigError([error(shown, 1, 1, f"YAML error: {excerpt(str(exc), 200)}")]) from None
    layout = Layout(shown, root)
    problems = duplicate_keys(layout) + second_entries(layout)
    if problems:
        raise ConfigError(problems)
    return layout


def duplicate_keys(layout: Layout) -> list[Problem]:
    """Every key written twice in one mapping (MkDocs' loader silently keeps the last)."""
    problems = []
    stack = [layout.root] if layout.root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            seen: dict[str, Node] = {}
            for key_node, value in node.value:
                name = str(key_node.value) if isinstance(key_node, ScalarNode) else ""
                if name and name in seen:
                    line = seen[name].start_mark.line + 1
                    problems.append(
                        error(
                            layout.shown,
                            *_position(key_node),
                            f"duplicate key '{excerpt(name, 40)}' (first at line {line})",
                            "keep one: MkDocs would silently use the last",
                        )
                    )
                seen.setdefault(name, key_node)
                stack.append(value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return sorted(problems)


def second_entries(layout: Layout) -> list[Problem]:
    """A plugin listed twice (MkDocs runs both, each with its own options)."""
    plugins = _step(layout.root, "plugins")
    if plugins is None or not isinstance(plugins[1], SequenceNode):
        return []
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for item in plugins[1].value:
        name = _entry_name(item)
        if name in first:
            problems.append(
                error(
                    layout.shown,
                    *_position(item),
                    f"plugin '{name}' is listed twice (first at line {first[name]})",
                    "keep one entry with all its options",
                )
            )
        first.setdefault(name, item.start_mark.line + 1)
    return problems


def mkdocs_problems(
    layout: Layout, errors: list[tuple[str, Exception]], warnings: list[tuple[str, str]]
) -> list[Problem]:
    """MkDocs' validation errors and warnings, each placed at what it names."""
    problems = []
    for name, exc in errors:
        for text in str(exc).splitlines() or [""]:
            problems.append(_placed(layout, name, text, error))
    for name, text in warnings:
        if name == "plugins" and text.startswith("Plugin 'briefing'"):
            continue  # unknown briefing options and a second entry are errors of our own
        problems.append(_placed(layout, name, text, warning))
    return problems


def option_problem(layout: Layout, exc: OptionError) -> Problem:
    return layout.problem(
        ("plugins", "briefing", exc.option), exc.message, exc.hint, key=exc.at_key
    )


def _placed(layout: Layout, name: str, text: str, make: Any) -> Problem:
    found = PLUGIN_OPTION.match(text)
    if name == "plugins" and found:
        path: tuple[str, ...] = ("plugins", found["plugin"], found["option"])
        unknown = found["msg"].startswith("Unrecognised")
        message = f"{found['plugin']} option '{found['option']}': " + _tidy(
            found["msg"], layout.scalar(path)
        )
        return make(layout.shown, *layout.where(path, key=unknown), message)
    if name == "plugins":
        quoted = QUOTED_NAME.search(text)
        path = ("plugins", quoted.group(1)) if quoted else ("plugins",)
        hint = "install it or remove the entry" if "not installed" in text else ""
        return make(layout.shown, *layout.where(path), _tidy(text, None), hint)
    unknown = text.startswith("Unrecognised")
    message = f"{name}: {_tidy(text, layout.scalar((name,)))}"
    return make(layout.shown, *layout.where((name,), key=unknown), message)


def _tidy(text: str, written: str | None) -> str:
    """MkDocs' message, its Python type names put in words, with the value as written."""
    found = TYPE_MISMATCH.search(text)
    if found:
        expected, got = (TYPE_NAMES.get(name, name) for name in found.groups())
        shown = f" '{excerpt(written, 40)}'" if written is not None else ""
        text = f"expected {expected}; found {got}{shown}"
    return excerpt(text, 300)


def _step(node: Node | None, part: str) -> tuple[Node, Node] | None:
    """The (key, value) nodes one level down: a mapping's key, or a list's named entry."""
    if isinstance(node, MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == part:
                return key_node, value
    if isinstance(node, SequenceNode):
        for item in node.value:
            if isinstance(item, ScalarNode) and item.value == part:
                return item, item
            if isinstance(item, MappingNode) and _entry_name(item) == part:
                return item.value[0]
    return None


def _entry_name(item: Node) -> str:
    if isinstance(item, ScalarNode):
        return str(item.value)
    if isinstance(item, MappingNode) and len(item.value) == 1:
        return str(item.value[0][0].value)
    return ""


def _position(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def plain_data(layout: Layout) -> Any:
    """The composed file as plain data; tagged values (``!ENV``, Python names) as None."""
    return _plain(layout.root) if layout.root is not None else {}


def _plain(node: Node) -> Any:
    tag = str(node.tag or "")
    if isinstance(node, MappingNode):
        return {_plain(k): _plain(v) for k, v in node.value} if tag.endswith(":map") else None
    if isinstance(node, SequenceNode):
        return [_plain(item) for item in node.value] if tag.endswith(":seq") else None
    value = node.value
    if tag.endswith(":str"):
        return value
    if tag.endswith(":bool"):
        return value.lower() in ("true", "yes", "on")
    if tag.endswith((":int", ":float")):
        return _number(value)
    return None


def _number(text: str) -> int | float | str:
    for parse in (lambda t: int(t, 0), int, float):
        try:
            return parse(text.replace("_", ""))
        except ValueError:
            continue
    return text
