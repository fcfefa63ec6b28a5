"""Load and validate the Rasa-style YAML files of ``intents/``.

Keys: ``version``, ``nlu`` (a list of entries), each entry one of ``intent: <id>``,
``synonym: <role id>`` (a contract id, or a new lower-case snake-case id for a role the
deployment adds) or ``lookup: <table>`` with ``examples`` (a ``|`` block of ``- item``
lines, or a YAML list). Lookup tables: ``unknown_role``, ``domain``, ``cue_<intent>``
(words that strongly signal an intent), ``hint_<intent>`` (weak signals such as "what is"),
``topic_<topic>``, ``words_<name>`` (the structural word lists of
``bot.core.intent_table.WORD_LISTS``), ``discipline_<role id>`` (the name of the work a role
does: "project management" for the project manager), ``duty_verb_<name>`` /
``duty_object_<name>`` / ``duty_modifier_<name>`` (groups of words naming one activity, thing
or frequency, for which-role questions), ``duty_question``, ``duty_auxiliary``,
``duty_break``, ``duty_boundary``, ``duty_ignore`` and ``duty_across_projects`` (phrases
scoping a duty across many projects). A phrase belongs to one duty group
only. Every problem names its file and line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from difflib import get_close_matches
from pathlib import Path

from bot.core.ids import INTENT_IDS, ROLE_IDS, TOPICS
from bot.core.intent_table import WORD_LISTS
from bot.core.model import Example, IntentData
from bot.core.roles import UNKNOWN, RoleName
from bot.core.text import words
from bot.data.errors import Problem, ValidationError
from bot.data.yamlfile import Node, block_items, load_yaml

_KINDS = ("intent", "synonym", "lookup")
DISCIPLINE = "discipline_"
ROLE_ID = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
NEAR_MISS = 0.85  # a new id this close to a contract id is taken for a typo of it
_RESERVED_IDS = frozenset({UNKNOWN, "xrole"})
DUTY_GROUPS = ("duty_verb_", "duty_object_", "duty_modifier_")
DUTY_IGNORE = "duty_ignore"
DUTY_BOUNDARY = "duty_boundary"
DUTY_QUESTION = "duty_question"
DUTY_BREAK = "duty_break"
DUTY_ACROSS = "duty_across_projects"
_DUTY_LISTS = (
    DUTY_IGNORE,
    DUTY_BOUNDARY,
    DUTY_QUESTION,
    DUTY_BREAK,
    "duty_auxiliary",
    DUTY_ACROSS,
)


def _role_id_problem(name: str) -> str | None:
    """Why ``name`` cannot be a role id, or None. New roles are data: any lower-case
    snake-case id is accepted, except one that looks like a misspelt contract id."""
    if name in ROLE_IDS:
        return None
    if name in _RESERVED_IDS:
        return f"'{name}' is reserved for the recogniser's own use"
    if not ROLE_ID.match(name):
        return f"role id '{name}' must be lower-case snake case (e.g. scrum_master)"
    close = get_close_matches(name, ROLE_IDS, n=1, cutoff=NEAR_MISS)
    if close:
        return f"unknown role id '{name}' (did you mean '{close[0]}'?)"
    return None


def _known_roles_first(names: list[RoleName]) -> tuple[RoleName, ...]:
    """A name given to a role wins over the same name in the unknown-role list, so a
    maintainer adds a role without also editing that list."""
    named = {n.tokens for n in names if n.role != UNKNOWN}
    return tuple(n for n in names if n.role != UNKNOWN or n.tokens not in named)


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
    if name.startswith(DISCIPLINE):
        return _role_id_problem(name[len(DISCIPLINE) :]) is None
    if name in _DUTY_LISTS:
        return True
    if name.startswith(DUTY_GROUPS):
        return bool(ROLE_ID.match(name.split("_", 2)[2])) if name.count("_") >= 2 else False
    return False


def load_intents(folder: Path) -> IntentData:
    if not folder.is_dir():
        raise ValidationError([Problem(folder, 0, "intents folder not found")])
    problems: list[Problem] = []
    names: list[RoleName] = []
    examples: list[Example] = []
    lookups: dict[str, list[str]] = defaultdict(list)
    disciplines: list[RoleName] = []
    duty_phrases: dict[str, tuple[Path, int, str]] = {}
    files = intent_files(folder)
    if not files:
        problems.append(Problem(folder, 0, "no .yml files"))
    for path in files:
        try:
            root = load_yaml(path)
        except ValidationError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(_read_file(path, root, names, examples, lookups, disciplines, duty_phrases))
    if problems:
        raise ValidationError(problems)
    return IntentData(
        role_names=_known_roles_first(names),
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
        disciplines=tuple(disciplines),
        duties=tuple((k, tuple(v)) for k, v in sorted(lookups.items()) if _is_duty_lookup(k)),
    )


def _is_duty_lookup(name: str) -> bool:
    return name in _DUTY_LISTS or name.startswith(DUTY_GROUPS)


def _read_file(
    path: Path,
    root: Node,
    names: list[RoleName],
    examples: list[Example],
    lookups: dict[str, list[str]],
    disciplines: list[RoleName],
    duty_phrases: dict[str, tuple[Path, int, str]],
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
        problems.extend(
            _read_entry(path, entry, names, examples, lookups, disciplines, duty_phrases)
        )
    return problems


def _read_entry(
    path: Path,
    entry: Node,
    names: list[RoleName],
    examples: list[Example],
    lookups: dict[str, list[str]],
    disciplines: list[RoleName],
    duty_phrases: dict[str, tuple[Path, int, str]],
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
    if kind == "synonym" and (why := _role_id_problem(name)):
        return [Problem(path, name_node.line, why)]
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
        elif name.startswith(DISCIPLINE):
            disciplines.append(RoleName(name[len(DISCIPLINE) :], tuple(words(text))))
        elif _is_duty_lookup(name):
            key = " ".join(words(text))
            seen = duty_phrases.get(key)
            if seen is not None and (seen[2] != name or seen[:2] != (path, line)):
                where = f"{seen[0].name}:{seen[1]}"
                problems.append(Problem(path, line, f"'{text}' is already in {seen[2]} ({where})"))
            else:
                duty_phrases[key] = (path, line, name)
                lookups[name].append(text)
        else:
            lookups[name].append(text)
    return problems
