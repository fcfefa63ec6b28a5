"""From built passages to claims, disputes and the names documents propose.

Runs after segmentation and duplicate merging: claims come from the passages kept as
knowledge and from their copies in other places, whose headings may say something the
kept passage does not ("Reports to: the project manager." under "Project coordinator"); a
copy's claim that says what a kept passage's claim says (same roles, facet and words) is
left out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from bot.core.knowledge import Claim, Dispute
from bot.core.model import IntentData
from bot.core.text import normalise
from bot.knowledge import candidates as names
from bot.knowledge import claim_rules as rules
from bot.knowledge.claims import Extractor, Source
from bot.knowledge.disputes import find_disputes
from bot.knowledge.mentions import Folded, RoleFinder
from bot.knowledge.segment import split_sentences
from bot.knowledge.tables import column_roles, is_matrix, table_claims


@dataclass
class Extracted:
    claims: list[Claim] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    candidate_roles: list[dict] = field(default_factory=list)
    proposed_aliases: list[dict] = field(default_factory=list)


def _sentences(passage: dict) -> list[tuple[str, int]]:
    if passage["part"] == "table_row":
        return []
    return [(s, passage["line"]) for s in split_sentences(passage["text"])]


def extract(
    doc_ids: list[str],
    trust: dict[str, int],
    passages: list[dict],
    contexts: dict[str, dict],
    kept: set[str],
    copies: set[str],
    intents: IntentData,
    titles: dict[str, str] | None = None,
) -> Extracted:
    """``passages`` in document order (all of them, before merging); ``contexts`` the
    structure around each passage (headings, table header and cells); ``kept`` the ids of
    the passages that stayed knowledge after merging, ``copies`` the ids merged into them;
    ``titles`` the catalogue titles of the documents read by their structure (a title that
    names one role, "Fiche de poste : Coordinateur de projet", scopes the whole page)."""
    base = RoleFinder.of(intents)
    out = Extracted()
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for p in passages:
        by_doc[p["doc"]].append(p)
    candidates: dict[str, dict] = {}
    aliases: dict[str, dict] = {}
    for doc in doc_ids:
        items = [p for p in by_doc.get(doc, []) if p["status"] == "knowledge"]
        headings = sorted(
            {
                (h, contexts[p["id"]].get("heading_line", p["line"]))
                for p in items
                for h in contexts[p["id"]]["headings"][-1:]
            },
            key=lambda x: x[1],
        )
        sentences = [s for p in items for s in _sentences(p)]
        found = names.document_names(doc, headings, sentences, base)
        finder = base.widened(names.alias_names(found.aliases))
        _collect(found, candidates, aliases)
        title = (titles or {}).get(doc) or _title_field(items, contexts)
        extractor = Extractor(finder, names.title_like, title)
        found_claims = _claims_of(items, contexts, kept | copies, trust[doc], extractor, finder)
        out.claims.extend(found_claims)
    out.claims = _without_repeats(out.claims, copies)
    out.disputes = find_disputes(out.claims)
    out.candidate_roles = [
        {**c, "yaml": names.candidate_yaml(c["id"], c["names"])}
        for c in sorted(candidates.values(), key=lambda c: c["id"])
    ]
    out.proposed_aliases = [
        {**a, "yaml": names.alias_yaml(a["role"], a["names"])}
        for a in sorted(aliases.values(), key=lambda a: a["role"])
    ]
    return out


def _title_field(items: list[dict], contexts: dict[str, dict]) -> str:
    """The role a page names in a field of its own ("Role title: Project Analyst"), as a
    title for the whole page; "" when it has none, or several (a page of role cards)."""
    lines = [p["text"] for p in items if p["part"] == "paragraph"]
    lines += [h for p in items for h in contexts[p["id"]]["headings"]]
    found = set()
    for text in lines:
        match = rules.TITLE_FIELD.match(Folded.of(text).folded)
        if match:
            found.add(text[Folded.of(text).start(match.end()) :])
    return found.pop() if len(found) == 1 else ""


def _collect(found: names.DocumentNames, candidates: dict, aliases: dict) -> None:
    for role, alias_list in found.aliases.items():
        entry = aliases.setdefault(role, {"role": role, "names": [], "seen": []})
        for name in alias_list:
            if names.key(name) not in {names.key(n) for n in entry["names"]}:
                entry["names"].append(name)
        entry["seen"].extend(w for w in found.alias_seen[role] if w not in entry["seen"])
    for group in found.candidates:
        keys = {names.key(n) for n in group.names}
        entry = next(
            (c for c in candidates.values() if keys & {names.key(n) for n in c["names"]}), None
        )
        if entry is None:
            primary = max(group.names, key=lambda n: (len(n.split()), -group.names.index(n)))
            role = names.role_id(primary)
            entry = candidates.setdefault(role, {"id": role, "names": [], "seen": []})
        for name in group.names:
            if names.key(name) not in {names.key(n) for n in entry["names"]}:
                entry["names"].append(name.lower() if not name.isupper() else name)
        entry["seen"].extend(w for w in group.seen if w not in entry["seen"])


def _claims_of(
    items: list[dict],
    contexts: dict[str, dict],
    kept: set[str],
    trust: int,
    extractor: Extractor,
    finder: RoleFinder,
) -> list[Claim]:
    out: list[Claim] = []
    table: list[Source] = []

    def flush_table() -> None:
        if table:
            header = table[0].header
            columns = column_roles(header, finder)
            matrix = is_matrix([s.cells for s in table], columns)
            roles = extractor.section_roles(table[0].headings)
            found = table_claims(table, finder, matrix, roles)
            out.extend(c for c in found if c.passage in kept)
            table.clear()

    for p in items:
        ctx = contexts[p["id"]]
        source = Source(
            passage=p["id"],
            doc=p["doc"],
            text=p["text"],
            part=p["part"],
            headings=tuple(ctx["headings"]),
            language=p["language"],
            trust=trust,
            author_title=p.get("author_title"),
            header=tuple(ctx["header"]),
            cells=tuple(ctx["cells"]),
            lead=ctx.get("lead", ""),
        )
        if source.part == "table_row":
            if table and table[0].header != source.header:
                flush_table()
            table.append(source)
            continue
        flush_table()
        if p["id"] in kept:
            out.extend(extractor.claims(source))
    flush_table()
    return out


def _without_repeats(claims: list[Claim], copies: set[str]) -> list[Claim]:
    """Claims of copies that repeat a claim already made elsewhere are dropped (ids stay
    as extracted, so they are stable across rebuilds)."""

    def key(c: Claim) -> tuple:
        return (c.roles, c.facet, normalise(c.text), c.raci, c.negated)

    made = {key(c) for c in claims if c.passage not in copies}
    out: list[Claim] = []
    seen: set[tuple] = set()
    for claim in claims:
        k = key(claim)
        if claim.passage in copies and (k in made or k in seen):
            continue
        seen.add(k)
        out.append(claim)
    return out


def claim_record(claim: Claim) -> dict:
    record = asdict(claim)
    record["roles"] = list(claim.roles)
    record["relation"] = list(claim.relation) if claim.relation else None
    return record


def dispute_record(dispute: Dispute) -> dict:
    record = asdict(dispute)
    for key in ("roles", "first", "second"):
        record[key] = list(record[key])
    return record
