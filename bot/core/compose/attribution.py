"""Who said it: labels of roles, and the sources (credit and exact words) behind a line."""

from __future__ import annotations

from bot.core.answer import Source
from bot.core.knowledge import Knowledge

MAX_SOURCES = 12


def noun_phrase(label: str, language: str) -> str:
    """An article and a lower-cased label, acronyms kept ("the PMO", "a PMO analyst")."""
    first = label.split()[0]
    text = label if first.isupper() else label[0].lower() + label[1:]
    if language == "fr":
        return f"le {text}" if first == "PMO" and " " not in label else f"un {text}"
    if first == "PMO" and " " not in label:
        return f"the {text}"
    return f"an {text}" if text[0].lower() in "aeiou" else f"a {text}"


class Attribution:
    def __init__(self, knowledge: Knowledge) -> None:
        self.k = knowledge

    def label(self, role: str, language: str) -> str:
        rk = self.k.roles.get(role)
        if rk is not None:
            return rk.label.get(language)
        return role.replace("_", " ").capitalize()  # a role added as data, by its id

    def noun(self, role: str, language: str) -> str:
        """The role as it reads inside a sentence: "a project manager", "le PMO"."""
        return noun_phrase(self.label(role, language), language)

    def sources(self, cites: list[str], quotes: dict[str, str] | None = None) -> tuple[Source, ...]:
        """The sources of the cited passages, most trusted document first; ``quotes`` gives
        the exact words to show for a cite (a claim's text) instead of the whole passage."""
        out: list[Source] = []
        for cite in dict.fromkeys(cites):
            found = self.k.quote(cite)
            if found is None:
                continue
            passage, quote = found
            doc = self.k.documents.get(cite.split("#", 1)[0])
            if doc is None:
                continue
            own = cite == passage.id
            author = (
                passage.author
                if own
                else next((c.author for c in passage.copies if c.id == cite), None)
            )
            out.append(
                Source(
                    id=cite,
                    title=doc.title,
                    publisher=doc.publisher,
                    author=author,
                    date=doc.published,
                    quote=(quotes or {}).get(cite, quote),
                    author_title=passage.author_title if own else None,
                    organisation=passage.organisation if own else None,
                    kind=doc.kind,
                    trust=doc.trust,
                )
            )
        out.sort(key=lambda s: -self.k.documents[s.id.split("#", 1)[0]].trust)
        return tuple(out[:MAX_SOURCES])
