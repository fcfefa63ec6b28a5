"""YAML loading that keeps line numbers, so every data error can name its file and line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.errors import Problem, ValidationError

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class Node:
    """A YAML value with the 1-based line it starts on (children are Nodes too)."""

    value: Any
    line: int
    style: str | None = None

    def get(self, key: str) -> Node | None:
        if isinstance(self.value, dict):
            return self.value.get(key)
        return None

    def plain(self) -> Any:
        """The value with line information stripped."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


def _convert(node: yaml.Node, constructor: yaml.constructor.SafeConstructor) -> Node:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        return Node(
            {str(constructor.construct_object(k)): _convert(v, constructor) for k, v in node.value},
            line,
        )
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(v, constructor) for v in node.value], line)
    return Node(constructor.construct_object(node), line, node.style)


def load_yaml(path: Path) -> Node:
    """Parse one YAML file; syntax errors and undecodable text become a ValidationError."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValidationError([Problem(path, 1, f"not valid UTF-8 ({exc.reason})")]) from exc
    except OSError as exc:
        raise ValidationError([Problem(path, 1, f"cannot read: {exc.strerror}")]) from exc
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise ValidationError([Problem(path, line, f"YAML syntax: {exc.problem}")]) from exc
    if root is None:
        return Node({}, 1)
    return _convert(root, yaml.constructor.SafeConstructor())


def block_items(node: Node) -> list[tuple[str, int]]:
    """Rasa-style examples: a ``|`` block of ``- item`` lines, or a YAML list; with lines."""
    if isinstance(node.value, list):
        return [(str(item.value), item.line) for item in node.value]
    if not isinstance(node.value, str):
        return []
    first = node.line + 1 if node.style in ("|", ">") else node.line
    items = []
    for offset, raw in enumerate(node.value.splitlines()):
        stripped = raw.strip()
        if stripped.startswith("- "):
            items.append((stripped[2:].strip(), first + offset))
        elif stripped:
            items.append((stripped, -(first + offset)))  # negative line: not a list item
    return items
