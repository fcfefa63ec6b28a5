"""Load and validate the Rasa-style YAML files of ``intents/``.

Keys: ``version``, ``nlu`` (a list of entries), each entry one of ``intent: <id>``,
``synonym: <role id>`` or ``lookup: <table>`` with ``examples`` (a ``|`` block of ``- item``
lines, or a YAML list). Lookup tables: ``unknown_role``, ``domain``, ``cue_<intent>``
(words that strongly signal an intent), ``hint_<intent>`` (weak signals such as "what is"),
``topic_<topic>``, ``words_<name>`` (the structural word lists of
``bot.core.intent_table.WORD_LISTS``). Every problem names its file and line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.core.ids import INTENT_IDS, ROLE_IDS, TOPICS
from bot.core.intent_table import WORD_LISTS
from bot.core.model import Example, IntentData
from bot.core.roles import UNKNOWN, RoleName
from bot.core.text import words
from bot.data.errors import Problem, ValidationError
from bot.data.yamlfile import Node, block_items, load_yaml

_KINDS = ("intent", "synonym", "lookup")


def intent_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())


def _lookup_ok(name: str) -> bool:
    if name in (UNKNOWN, "domain"):
        return True
    if name.startswith("cue_"):
        return name[4:] in INTENT_IDS
    if name.startswith("hint_"):
        return name[5:] in INTENT_IDS
    if name.startswith("topic_"):
        return name[6:] in TOPICS
    if name.startswith("words_"):
        return name[6:] in WORD_LISTS
    return False


# A role added as data (scrum master, steering committee...): a lower-case snake-case id;
# the contract's ids keep their meaning, and "unknown_role" is the recogniser's own.
_ADDED_ROLE_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[a-z][a-z0-9]+")
_RESERVED_IDS = frozenset({"unknown_role", "xrole"})


_TYPO_SIMILARITY = 90  # an added id this close to a contract id is a misspelling of it


def _role_id_ok(name: str) -> bool:
    if name in ROLE_IDS:
        return True
    if name in _RESERVED_IDS or _ADDED_ROLE_ID.fullmatch(name) is None:
        return False
    return process.extractOne(name, ROLE_IDS, scorer=fuzz.ratio)[1] < _TYPO_SIMILARITY


def load_intents(folder: Path) -> IntentData:
    if not folder.is_dir():
        raise ValidationError([Problem(folder, 0, "intents folder not found")])
    problems: list[Problem] = []
    names: list[RoleName] = []
    examples: list[Example] = []
    lookups: dict[str, list[str]] = defaultdict(list)
    files = intent_files(folder)
    if not files:
        problems.append(Problem(folder, 0, "no .yml files"))
    for path in files:
        try:
            root = load_yaml(path)
        except ValidationError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(_read_file(path, root, names, examples, lookups))
    if problems:
        raise ValidationError(problems)
    return IntentData(
        role_names=tuple(names),
        examples=tuple(examples),
        cues=tuple((k[4:], tuple(v)) for k, v in sorted(lookups.items()) if k.startswith("cue_")),
        hints=tuple((k[5:], tuple(v)) for k, v in sorted(lookups.items()) if k.startswith("hint_")),
        topics=tuple(
            (k[6:], tuple(v)) for k, v in sorted(lookups.items()) if k.startswith("topic_")
        ),
        domain=tuple(lookups.get("domain", ())),
        words=tuple(
            (k[6:], tuple(w for v in vs for w in words(v)))
            for k, vs in sorted(lookups.items())
            if k.startswith("words_")
        ),
    )


def _read_file(
    path: Path,
    root: Node,
    names: list[RoleName],
    examples: list[Example],
    lookups: dict[str, list[str]],
) -> list[Problem]:
    problems: list[Problem] = []
    if not isinstance(root.value, dict):
        return [Problem(path, root.line, "expected a mapping with 'version' and 'nlu'")]
    for key, node in root.value.items():
        if key not in ("version", "nlu"):
            problems.append(Problem(path, node.line, f"unknown key '{key}'"))
    if root.get("version") is None:
        problems.append(Problem(path, root.line, "missing 'version'"))
    nlu = root.get("nlu")
    if nlu is None or not isinstance(nlu.value, list):
        problems.append(Problem(path, root.line, "missing 'nlu' list"))
        return problems
    for entry in nlu.value:
        problems.extend(_read_entry(path, entry, names, examples, lookups))
    return problems


def _read_entry(
    path: Path,
    entry: Node,
    names: list[RoleName],
    examples: list[Example],
    lookups: dict[str, list[str]],
) -> list[Problem]:
    if not isinstance(entry.value, dict):
        return [Problem(path, entry.line, "an nlu entry must be a mapping")]
    kinds = [k for k in _KINDS if k in entry.value]
    unknown = [k for k in entry.value if k not in (*_KINDS, "examples")]
    if unknown:
        return [Problem(path, entry.line, f"unknown key '{unknown[0]}'")]
    if len(kinds) != 1:
        return [Problem(path, entry.line, "an entry needs exactly one of intent/synonym/lookup")]
    kind = kinds[0]
    name_node = entry.value[kind]
    name = str(name_node.value)
    if kind == "intent" and name not in INTENT_IDS:
        return [Problem(path, name_node.line, f"unknown intent id '{name}'")]
    if kind == "synonym" and not _role_id_ok(name):
        return [Problem(path, name_node.line, f"unknown role id '{name}'")]
    if kind == "lookup" and not _lookup_ok(name):
        return [Problem(path, name_node.line, f"unknown lookup table '{name}'")]
    body = entry.get("examples")
    if body is None:
        return [Problem(path, entry.line, f"{kind} '{name}' has no examples")]
    problems: list[Problem] = []
    items = block_items(body)
    if not items:
        problems.append(Problem(path, body.line, "examples must be '- item' lines or a list"))
    for text, line in items:
        if line < 0:
            problems.append(Problem(path, -line, "example lines must start with '- '"))
        elif not words(text):
            problems.append(Problem(path, line, "empty example"))
        elif kind == "intent":
            examples.append(Example(name, text))
        elif kind == "synonym":
            names.append(RoleName(name, tuple(words(text))))
        elif name == UNKNOWN:
            names.append(RoleName(UNKNOWN, tuple(words(text))))
        else:
            lookups[name].append(text)
    return problems
