"""Who's who: a line per described role, then the others named."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.answer import Answer
from bot.core.compose.reading import Reading
from bot.core.phrases import say

if TYPE_CHECKING:
    from bot.core.compose.composer import Composer

MAX_LINES = 5


def build(c: Composer, r: Reading) -> Answer:
    lang = r.language
    lines, cites, more, missing = [], [], [], []
    for rk in c.k.roles.values():
        if not rk.covered:
            missing.append(rk.label.get(lang))
        elif rk.summary is not None and len(lines) < MAX_LINES - 2:
            lines.append(f"{rk.label.get(lang)}: {rk.summary.text.get(lang)}")
            cites.extend(rk.summary.cites[:1])
        else:
            more.append(rk.label.get(lang))
    if more:
        lines.append(say("overview_more", lang, names=", ".join(more)))
    if missing:
        lines.append(say("overview_missing", lang, names=", ".join(missing)))
    return c.answer(
        r,
        answered=True,
        kind="answer",
        title=say("overview_title", lang),
        lines=tuple(lines),
        cites=cites,
        suggestions=c.suggestions(lang),
    )
