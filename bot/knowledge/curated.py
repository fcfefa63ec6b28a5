"""Load ``knowledge/curated/*.yaml`` and ``knowledge/generated/passages.json`` into a
``Knowledge`` value, reporting every problem with its file and line."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from bot.core.ids import ROLE_IDS, TOPICS
from bot.core.knowledge import (
    AcronymReading,
    Copy,
    Distinction,
    DocumentInfo,
    Duty,
    Knowledge,
    Passage,
    RoleKnowledge,
    Row,
    Statement,
    Text,
    index_quotes,
)
from bot.data.errors import Problem, ValidationError
from bot.data.yamlfile import Node, load_yaml
from bot.knowledge.claims_io import load_claims

CURATED = "curated"
LANGUAGES = ("en", "fr")


class CuratedReader:
    """Collects problems while turning YAML nodes into knowledge values."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.cites: list[tuple[str, int, tuple[str, ...]]] = []  # (cite, line, roles)

    def fail(self, node: Node | None, message: str, line: int = 0) -> None:
        self.problems.append(Problem(self.path, node.line if node else line, message))

    def mapping(self, node: Node | None, where: str, line: int) -> dict[str, Node]:
        if node is None or not isinstance(node.value, dict):
            self.fail(node, f"{where}: expected a mapping", line)
            return {}
        return node.value

    def sequence(self, node: Node | None, where: str, line: int) -> list[Node]:
        if node is None or not isinstance(node.value, list):
            self.fail(node, f"{where}: expected a list", line)
            return []
        return node.value

    def text(self, node: Node | None, where: str, line: int, holder: Node | None = None) -> Text:
        """A text with both languages, either {en, fr} or en/fr keys of ``holder``."""
        source = node if node is not None else holder
        if source is None or not isinstance(source.value, dict):
            self.fail(source, f"{where}: expected a mapping with 'en' and 'fr' texts", line)
            return Text("", "")
        values = source.value
        if node is not None:
            for key, value in values.items():
                if key not in LANGUAGES:
                    self.fail(value, f"{where}: unexpected key '{key}' (quote texts with commas)")
        out = {}
        for lang in LANGUAGES:
            value = values.get(lang)
            if value is None or not isinstance(value.value, str) or not value.value.strip():
                self.fail(source, f"{where}: missing '{lang}' text", line)
                out[lang] = ""
            else:
                out[lang] = " ".join(value.value.split())
        return Text(out["en"], out["fr"])

    def cite_list(
        self,
        node: Node | None,
        where: str,
        line: int,
        roles: tuple[str, ...],
        allow_empty: bool = False,
    ) -> tuple[str, ...]:
        """The citations of a statement. Only a note saying what the sources do not cover
        (``allow_empty``) may cite nothing."""
        if node is None:
            self.fail(None, f"{where}: missing 'cites'", line)
            return ()
        if not isinstance(node.value, list):
            self.fail(node, f"{where}: 'cites' must be a list")
            return ()
        if not node.value and not allow_empty:
            self.fail(node, f"{where}: 'cites' is empty: cite the passages this rests on")
            return ()
        cites = []
        for item in node.value:
            if not isinstance(item.value, str) or "#" not in item.value:
                self.fail(item, f"{where}: a citation looks like <document>#<unit>")
                continue
            cites.append(item.value)
            self.cites.append((item.value, item.line, roles))
        return tuple(cites)

    def statement(
        self,
        node: Node,
        where: str,
        roles: tuple[str, ...],
        topic: str = "other",
        allow_empty: bool = False,
    ) -> Statement:
        if not isinstance(node.value, dict):
            self.fail(node, f"{where}: expected a mapping with en, fr and cites")
            return Statement(Text("", ""), (), topic)
        values = node.value
        disputed = None
        if "disputed" in values:
            disputed = self.statement(values["disputed"], f"{where} (disputed)", roles)
        if "topic" in values:
            topic = str(values["topic"].value)
            if topic not in TOPICS:
                self.fail(values["topic"], f"{where}: unknown topic '{topic}'")
        cites = self.cite_list(values.get("cites"), where, node.line, roles, allow_empty)
        return Statement(self.text(None, where, node.line, node), cites, topic, disputed)

    def role_id(self, node: Node | None, where: str, line: int) -> str:
        value = node.value if node is not None else None
        if not isinstance(value, str) or value not in ROLE_IDS:
            self.fail(node, f"{where}: unknown role id '{value}'", line)
            return str(value)
        return value


def _read_roles(reader: CuratedReader, root: Node, roles: dict[str, RoleKnowledge]) -> None:
    for role, node in reader.mapping(root, "roles", root.line).items():
        if role not in ROLE_IDS:
            reader.fail(node, f"unknown role id '{role}'")
            continue
        values = reader.mapping(node, role, node.line)
        covered_node = values.get("covered")
        covered = False
        if covered_node is None:
            reader.fail(node, f"{role}: missing 'covered'")
        elif not isinstance(covered_node.value, bool):
            reader.fail(covered_node, f"{role}: 'covered' must be true or false")
        else:
            covered = covered_node.value
        label = reader.text(values.get("label"), f"{role} label", node.line)
        summary = note = None
        if "summary" in values:
            summary = reader.statement(values["summary"], f"{role} summary", (role,), "definition")
        if "note" in values:
            # A role the sources do not cover may say so without citing anything.
            note = reader.statement(
                values["note"], f"{role} note", (role,), allow_empty=not covered
            )
        facts: tuple[Statement, ...] = ()
        if "facts" in values:
            facts = tuple(
                reader.statement(f, f"{role} fact", (role,))
                for f in reader.sequence(values["facts"], f"{role} facts", node.line)
            )
        if covered and not facts:
            reader.fail(node, f"{role}: covered roles need at least one fact")
        if not covered and note is None:
            reader.fail(node, f"{role}: roles not covered need a 'note' saying what is known")
        roles[role] = RoleKnowledge(role, covered, label, summary, facts, note)


def _read_distinctions(reader: CuratedReader, root: Node, out: list[Distinction]) -> None:
    if not isinstance(root.value, list):
        reader.fail(root, "distinctions: expected a list")
        return
    for node in root.value:
        values = reader.mapping(node, "distinction", node.line)
        if not values:
            continue
        pair_node = values.get("roles")
        if pair_node is None or not isinstance(pair_node.value, list) or len(pair_node.value) != 2:
            reader.fail(node, "distinction: 'roles' must list two role ids")
            continue
        pair = tuple(reader.role_id(r, "distinction", node.line) for r in pair_node.value)
        rows = []
        rows_node = values.get("rows")
        for row in reader.sequence(rows_node, "distinction rows", node.line) if rows_node else []:
            rv = reader.mapping(row, "row", row.line)
            if not rv:
                continue
            rows.append(
                Row(
                    reader.text(rv.get("facet"), "row facet", row.line),
                    reader.text(rv.get("left"), "row left", row.line),
                    reader.text(rv.get("right"), "row right", row.line),
                    reader.cite_list(rv.get("cites"), "row", row.line, pair),
                )
            )
        if not rows:
            reader.fail(node, "distinction: needs at least one row")
        disputed = note = None
        if "disputed" in values:
            disputed = reader.statement(values["disputed"], "distinction (disputed)", pair)
        if "note" in values:
            note = reader.statement(values["note"], "distinction note", pair, allow_empty=True)
        out.append(Distinction((pair[0], pair[1]), tuple(rows), disputed, note))


def _read_readings(
    reader: CuratedReader, root: Node, out: dict[str, tuple[AcronymReading, ...]]
) -> None:
    for role, node in reader.mapping(root, "readings", root.line).items():
        reader.role_id(Node(role, node.line), "readings", node.line)
        readings = []
        for item in reader.sequence(node, f"readings of {role}", node.line):
            values = reader.mapping(item, "reading", item.line)
            if values:
                name = reader.text(values.get("reading"), "reading", item.line)
                readings.append(AcronymReading(name, reader.statement(item, "reading", (role,))))
        out[role] = tuple(readings)


def _read_onboarding(
    reader: CuratedReader, values: dict[str, Node], duties: list[Duty], examples: dict
) -> None:
    if "who_to_ask" in values:
        section = values["who_to_ask"]
        for node in reader.sequence(section, "who_to_ask", section.line):
            v = reader.mapping(node, "who_to_ask", node.line)
            if not v:
                continue
            role = reader.role_id(v.get("role"), "who_to_ask", node.line)
            duty = reader.text(v.get("duty"), "who_to_ask duty", node.line)
            duties.append(
                Duty(duty, role, reader.cite_list(v.get("cites"), "who_to_ask", node.line, (role,)))
            )
    if "examples" in values:
        for lang, node in reader.mapping(values["examples"], "examples", 0).items():
            if lang not in LANGUAGES or not isinstance(node.value, list):
                reader.fail(node, f"examples: expected en/fr lists, got '{lang}'")
                continue
            texts = []
            for item in node.value:
                if isinstance(item.value, str) and item.value.strip():
                    texts.append(item.value)
                else:
                    reader.fail(item, f"examples ({lang}): expected a question")
            examples[lang] = tuple(texts)


_SECTIONS = ("version", "roles", "distinctions", "readings", "who_to_ask", "examples")


def load_passages(knowledge_dir: Path) -> tuple[dict[str, Passage], dict[str, DocumentInfo], str]:
    generated = knowledge_dir / "generated"
    path = generated / "passages.json"
    report_path = generated / "report.json"
    try:
        raw = path.read_bytes()
        items = json.loads(raw)
        report = json.loads(report_path.read_bytes())
    except FileNotFoundError as exc:
        raise ValidationError(
            [Problem(Path(exc.filename or path), 0, "not built yet: run 'rolebot build'")]
        ) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", 1)
        raise ValidationError([Problem(path, line, f"invalid JSON: {exc}")]) from exc
    try:
        passages = _passages_from(items)
        documents = {
            doc_id: DocumentInfo(
                doc_id,
                d["file"],
                d["title"],
                d["publisher"],
                d["published"],
                d["trust"],
                d.get("kind", ""),
            )
            for doc_id, d in report["documents"].items()
        }
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValidationError(
            [Problem(path, 1, f"malformed build output ({exc!r}): run 'rolebot build'")]
        ) from exc
    return passages, documents, hashlib.sha256(raw).hexdigest()[:12]


def _passages_from(items: list[dict]) -> dict[str, Passage]:
    passages = {}
    for p in items:
        copies = tuple(Copy(c["id"], c["doc"], c["text"], c.get("author")) for c in p["copies"])
        passages[p["id"]] = Passage(
            p["id"],
            p["doc"],
            p["text"],
            p.get("author"),
            p.get("author_title"),
            p.get("organisation"),
            tuple(p["roles"]),
            tuple(p["topics"]),
            p["language"],
            p["status"],
            copies,
        )
    return passages


def curated_files(knowledge_dir: Path) -> list[Path]:
    folder = knowledge_dir / CURATED
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def load_knowledge(knowledge_dir: Path) -> tuple[Knowledge, list[CuratedReader]]:
    """The knowledge, and the readers (with every citation and its line) for ``check``."""
    passages, documents, version = load_passages(knowledge_dir)
    claims, disputes = load_claims(knowledge_dir / "generated")
    problems: list[Problem] = []
    readers: list[CuratedReader] = []
    roles: dict[str, RoleKnowledge] = {}
    distinctions: list[Distinction] = []
    readings: dict[str, tuple[AcronymReading, ...]] = {}
    duties: list[Duty] = []
    examples: dict[str, tuple[str, ...]] = {}
    quotes = index_quotes(passages)
    files = curated_files(knowledge_dir)
    # The curated layer is optional: a folder of documents alone answers from its claims.
    for path in files:
        try:
            root = load_yaml(path)
        except ValidationError as exc:
            problems.extend(exc.problems)
            continue
        reader = CuratedReader(path)
        readers.append(reader)
        values = reader.mapping(root, "file", 1)
        for key, node in values.items():
            if key not in _SECTIONS:
                reader.fail(node, f"unknown section '{key}'")
        if "roles" in values:
            _read_roles(reader, values["roles"], roles)
        if "distinctions" in values:
            _read_distinctions(reader, values["distinctions"], distinctions)
        if "readings" in values:
            _read_readings(reader, values["readings"], readings)
        _read_onboarding(reader, values, duties, examples)
        for cite, line, _ in reader.cites:
            if cite not in quotes:
                reader.problems.append(
                    Problem(path, line, f"citation '{cite}' not found in the built passages")
                )
        problems.extend(reader.problems)
    for role in ROLE_IDS:
        if role not in roles and files:
            problems.append(Problem(files[0], 1, f"role '{role}' has no entry"))
    if problems:
        raise ValidationError(problems)
    knowledge = Knowledge(
        roles=roles,
        distinctions=tuple(distinctions),
        readings=readings,
        who_to_ask=tuple(duties),
        examples=examples,
        passages=passages,
        documents=documents,
        version=version,
        claims=claims,
        disputes=disputes,
        _quotes=quotes,
    )
    return knowledge, readers
