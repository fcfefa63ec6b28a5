"""Small hand-made documents with their claims, added to the shipped knowledge, so the
answer side can be tested without the build."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.core.knowledge import Claim, DocumentInfo, Knowledge, Passage, index_quotes


@dataclass(frozen=True)
class Doc:
    id: str
    title: str
    publisher: str
    trust: int = 2
    kind: str = "wiki"
    language: str = "en"


def claim(
    doc: Doc, unit: str, n: int, roles: tuple[str, ...], facet: str, text: str, **kw
) -> Claim:
    passage = f"{doc.id}#{unit}"
    return Claim(
        id=f"{passage}/c{n}",
        passage=passage,
        doc=doc.id,
        roles=roles,
        facet=facet,
        text=text,
        language=kw.pop("language", doc.language),
        trust=doc.trust,
        **kw,
    )


def extend(knowledge: Knowledge, docs: list[Doc], claims: list[Claim], disputes=()) -> Knowledge:
    """The knowledge with the documents added, one passage per unit holding its claims."""
    documents = dict(knowledge.documents)
    for d in docs:
        documents[d.id] = DocumentInfo(
            d.id, f"{d.id}.md", d.title, d.publisher, "2025-01-01", d.trust, d.kind
        )
    texts: dict[str, list[str]] = {}
    for c in claims:
        texts.setdefault(c.passage, [])
        if c.text not in texts[c.passage]:
            texts[c.passage].append(c.text)
    passages = dict(knowledge.passages)
    for pid, parts in texts.items():
        doc = pid.split("#", 1)[0]
        roles = tuple(dict.fromkeys(r for c in claims if c.passage == pid for r in c.roles))
        passages[pid] = Passage(
            pid, doc, " ".join(parts), None, None, None, roles, (), "en", "knowledge"
        )
    return replace(
        knowledge,
        documents=documents,
        passages=passages,
        claims=tuple(knowledge.claims) + tuple(claims),
        # the added disputes first: the shipped build has its own (the seeds' PMO/PM one)
        disputes=tuple(disputes) + tuple(knowledge.disputes),
        _quotes=index_quotes(passages),
    )
