"""Two roles side by side, facet by facet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.answer import Answer, Comparison, ComparisonRow
from bot.core.compose import chat
from bot.core.compose.reading import Reading
from bot.core.phrases import say, topic_name

if TYPE_CHECKING:
    from bot.core.compose.composer import Composer

MAX_ROWS = 6
# The facets a comparison puts side by side when no curated distinction exists.
FACETS = ("definition", "responsibilities", "reporting")


def build(c: Composer, r: Reading) -> Answer:
    a, b = r.roles[0], r.roles[1]
    lang = r.language
    for role in (a, b):
        if not c.k.roles[role].covered:
            return chat.not_covered(c, r, role)
    found = c.k.distinction(a, b)
    cites: list[str] = []
    warnings: list[str] = []
    rows: list[ComparisonRow] = []
    lines: list[str] = []
    if len(r.roles) > 2:
        left_out = ", ".join(c.label(x, lang) for x in r.roles[2:])
        warnings.append(say("two_at_a_time", lang, names=left_out))
    if found is not None:
        distinction, flipped = found
        for row in distinction.rows[:MAX_ROWS]:
            left, right = (row.right, row.left) if flipped else (row.left, row.right)
            rows.append(ComparisonRow(row.facet.get(lang), left.get(lang), right.get(lang)))
            cites.extend(row.cites)
        if distinction.disputed is not None:
            warnings.append(say("disputed", lang, text=distinction.disputed.text.get(lang)))
            cites.extend(distinction.disputed.cites)
        if distinction.note is not None:
            lines.append(distinction.note.text.get(lang))
    else:
        for topic in FACETS:
            fa = c.k.roles[a].facts_on(topic)
            fb = c.k.roles[b].facts_on(topic)
            if fa and fb:
                rows.append(
                    ComparisonRow(
                        topic_name(topic, lang), fa[0].text.get(lang), fb[0].text.get(lang)
                    )
                )
                cites.extend(fa[0].cites + fb[0].cites)
        if not rows:
            for role in (a, b):
                summary = c.k.roles[role].summary
                if summary is not None:
                    lines.append(f"{c.label(role, lang)}: {summary.text.get(lang)}")
                    cites.extend(summary.cites)
    title = say("compare_title", lang, a=c.label(a, lang), b=c.label(b, lang))
    comparison = Comparison(c.label(a, lang), c.label(b, lang), tuple(rows)) if rows else None
    return c.answer(
        r,
        answered=bool(cites),
        kind="answer",
        title=title,
        comparison=comparison,
        lines=tuple(lines),
        warnings=tuple(warnings),
        cites=cites,
        suggestions=c.suggestions(lang, (a, b), r.intent),
    )
