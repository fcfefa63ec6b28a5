"""Plain-text rendering of an answer: the terminal chat, the JSON `text` and every fallback."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.credits import credit_lines

if TYPE_CHECKING:
    from bot.core.answer import Answer

_SOURCES = {"en": "Sources:", "fr": "Sources :"}
_TRY = {"en": "You can ask:", "fr": "Vous pouvez demander :"}
_DID_YOU_MEAN = {"en": "Did you mean:", "fr": "Vouliez-vous dire :"}


def render_text(answer: Answer) -> str:
    lang = answer.language if answer.language in _SOURCES else "en"
    out: list[str] = [answer.title] if answer.title else []
    if answer.comparison is not None:
        comp = answer.comparison
        for row in comp.rows:
            out.append(f"- {row.facet}: {comp.left}: {row.left} | {comp.right}: {row.right}")
    out.extend(f"- {line}" for line in answer.lines)
    out.extend(f"! {w}" for w in answer.warnings)
    if answer.sources:
        lead = f"{_SOURCES[lang]} "
        for i, line in enumerate(credit_lines(answer.sources, lang)):
            out.append((lead if i == 0 else " " * len(lead)) + line)
    if answer.did_you_mean:
        out.append(f"{_DID_YOU_MEAN[lang]} " + " / ".join(answer.did_you_mean))
    elif answer.suggestions:
        out.append(f"{_TRY[lang]} " + " / ".join(answer.suggestions))
    return "\n".join(out)
