"""YAML loading that keeps line numbers, so every data error can name its file and line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.data.errors import Problem, ValidationError

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


_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


class _Converter:
    """yaml nodes to Nodes, collecting duplicate keys and unknown tags as problems."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self._constructor = yaml.constructor.SafeConstructor()

    def convert(self, node: yaml.Node) -> Node:
        line = node.start_mark.line + 1
        collection = isinstance(node, yaml.MappingNode | yaml.SequenceNode)
        if collection and node.tag not in _COLLECTION_TAGS:
            self.problems.append(Problem(self.path, line, f"unknown YAML tag '{node.tag}'"))
        if isinstance(node, yaml.MappingNode):
            items: dict[str, Node] = {}
            key_lines: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = str(self.scalar(key_node))
                key_line = key_node.start_mark.line + 1
                if key in items:
                    self.problems.append(
                        Problem(
                            self.path,
                            key_line,
                            f"duplicate key '{key}' (first at line {key_lines[key]})",
                        )
                    )
                    continue
                key_lines[key] = key_line
                items[key] = self.convert(value_node)
            return Node(items, line)
        if isinstance(node, yaml.SequenceNode):
            return Node([self.convert(v) for v in node.value], line)
        return Node(self.scalar(node), line, node.style)

    def scalar(self, node: yaml.Node) -> Any:
        try:
            return self._constructor.construct_object(node, deep=True)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark or node.start_mark
            self.problems.append(Problem(self.path, mark.line + 1, _tag_message(exc, node)))
        except (ValueError, TypeError) as exc:
            line = node.start_mark.line + 1
            self.problems.append(Problem(self.path, line, f"invalid {node.tag} value: {exc}"))
        return None


def _tag_message(exc: yaml.MarkedYAMLError, node: yaml.Node) -> str:
    if "tag" in str(exc.problem):
        return f"unknown YAML tag '{node.tag}'"
    return f"YAML value: {exc.problem}"


def load_yaml(path: Path) -> Node:
    """Parse one YAML file; syntax errors, unknown tags, duplicate keys and undecodable
    text become a ValidationError naming the file and line."""
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
    converter = _Converter(path)
    converted = converter.convert(root)
    if converter.problems:
        raise ValidationError(converter.problems)
    return converted


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
