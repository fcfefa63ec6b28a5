"""Adaptive Card (schema 1.5) rendering of the neutral answer, for Microsoft Teams.

Pure functions returning plain JSON-ready dicts: no SDK import, no I/O.

Every card carries the plain-text answer as its ``fallbackText``, and every message
activity carries it as its ``summary``. Buttons carry ``{"rolebot": <action>, ...}`` as
their ``data``: ``Action.Submit`` for questions and quotes, ``Action.Execute`` (an
``adaptiveCard/action`` invoke, answered privately to the clicker) for feedback;
:func:`parse_action` reads them back (from a message activity's ``value`` or an invoke's
``action.data``).

All dynamic text goes through :func:`escape_markdown`, so nothing a user typed (or a source
document contains) is rendered as markup, a link or a mention.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from bot.core.answer import Answer
from bot.core.credits import credit_lines
from bot.platforms.feedback import MAX_COMMENT, REASONS, reason_label, reason_text
from bot.platforms.strings import label, language_of

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
CARD_VERSION = "1.5"

ACTION_KEY = "rolebot"
REASON_INPUT = "rolebot_reason"
COMMENT_INPUT = "rolebot_comment"

MAX_QUESTION = 500
MAX_REASON = MAX_COMMENT
MAX_QUOTE = 700
MAX_QUOTES = 12  # as many as an answer lists (bot.core.compose.MAX_SOURCES)
MAX_BUTTONS = 5

ActionKind = Literal["ask", "quotes", "feedback"]

FEEDBACK_VERB = "rolebot_feedback"


# --- escaping -----------------------------------------------------------------------------

_MD_PUNCT = re.compile(r"([\\`*_\[\]<>~#|])")
_LIST_MARKER = re.compile(r"(?m)^(\s*)([-+]|\d+)([.)]?)(?=\s)")


def escape_markdown(text: str) -> str:
    """Make ``text`` render literally in an Adaptive Card ``TextBlock``.

    Backslash-escapes the Markdown punctuation the card renderers honour (emphasis, links,
    code, angle brackets such as ``<at>``), list markers at line starts and the ``{{...}}``
    date/time function syntax.
    """
    text = _MD_PUNCT.sub(r"\\\1", text)
    text = _LIST_MARKER.sub(_escape_marker, text)
    return text.replace("{{", "{\u200b{")


def _escape_marker(match: re.Match[str]) -> str:
    indent, marker, dot = match.groups()
    if dot:
        return f"{indent}{marker}\\{dot}"
    if marker.isdigit():
        return match.group(0)
    return f"{indent}\\{marker}"


def _text(text: str, **props: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": escape_markdown(text), "wrap": True, **props}


# --- actions ------------------------------------------------------------------------------


def ask_data(question: str) -> dict[str, Any]:
    return {ACTION_KEY: "ask", "question": question[:MAX_QUESTION]}


def quotes_data(question: str) -> dict[str, Any]:
    return {ACTION_KEY: "quotes", "question": question[:MAX_QUESTION]}


def feedback_data(answer: Answer, helpful: bool) -> dict[str, Any]:
    return {
        ACTION_KEY: "feedback",
        "helpful": helpful,
        "question": answer.question[:MAX_QUESTION],
        "intent": answer.intent,
        "roles": list(answer.roles),
        "lang": answer.language,
    }


def _submit(title: str, data: dict[str, Any], **props: Any) -> dict[str, Any]:
    return {"type": "Action.Submit", "title": title[:120], "data": data, **props}


def _execute(title: str, data: dict[str, Any]) -> dict[str, Any]:
    """A universal action: Teams sends an invoke whose response only the clicker sees."""
    return {"type": "Action.Execute", "title": title[:120], "verb": FEEDBACK_VERB, "data": data}


@dataclass(frozen=True)
class CardAction:
    """A card button press, as read back from its submitted data."""

    kind: ActionKind
    question: str
    helpful: bool = False
    intent: str = ""
    roles: tuple[str, ...] = ()
    language: str = "en"
    reason: str | None = None


def parse_action(data: object) -> CardAction | None:
    """The action behind a card submit, or None when the data is not one of ours."""
    if not isinstance(data, dict):
        return None
    kind = data.get(ACTION_KEY)
    question = data.get("question")
    if kind not in ("ask", "quotes", "feedback") or not isinstance(question, str):
        return None
    question = question.strip()[:MAX_QUESTION]
    lang = data.get("lang")
    language = language_of(lang)
    if kind != "feedback":
        return CardAction(kind=kind, question=question, language=language) if question else None
    helpful = data.get("helpful")
    if not isinstance(helpful, bool):
        return None
    intent = data.get("intent")
    roles = data.get("roles")
    return CardAction(
        kind="feedback",
        question=question,
        helpful=helpful,
        intent=intent[:100] if isinstance(intent, str) else "",
        roles=tuple(r[:100] for r in roles if isinstance(r, str))[:20]
        if isinstance(roles, list)
        else (),
        language=language,
        reason=None if helpful else _reason(data),
    )


def _reason(data: dict[str, Any]) -> str | None:
    """The reason code chosen (one of ``REASONS``), then the comment, as stored."""
    choice = data.get(REASON_INPUT)
    comment = data.get(COMMENT_INPUT)
    return reason_text(
        choice.strip() if isinstance(choice, str) else None,
        comment if isinstance(comment, str) else None,
    )


# --- cards --------------------------------------------------------------------------------


def _card(body: list[dict[str, Any]], fallback: str, **props: Any) -> dict[str, Any]:
    return {
        "type": "AdaptiveCard",
        "$schema": CARD_SCHEMA,
        "version": CARD_VERSION,
        "fallbackText": fallback,
        "msteams": {"width": "Full"},
        "body": body,
        **props,
    }


def _comparison(answer: Answer) -> list[dict[str, Any]]:
    comp = answer.comparison
    if comp is None:
        return []

    def columns(left: dict[str, Any], right: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "ColumnSet",
            "columns": [
                {"type": "Column", "width": "stretch", "items": [left]},
                {"type": "Column", "width": "stretch", "items": [right]},
            ],
        }

    out = [
        columns(
            _text(comp.left, weight="Bolder", color="Accent"),
            _text(comp.right, weight="Bolder", color="Accent"),
        )
    ]
    out[0]["separator"] = True
    for row in comp.rows:
        out.append(_text(row.facet, weight="Bolder", isSubtle=True, spacing="Medium"))
        out.append({**columns(_text(row.left), _text(row.right)), "spacing": "Small"})
    return out


def _sources(answer: Answer) -> list[dict[str, Any]]:
    """One line per source document (publisher, date, trust, a few authors)."""
    if not answer.sources:
        return []
    out: list[dict[str, Any]] = [
        _text(label("sources", answer.language), weight="Bolder", size="Small", separator=True)
    ]
    for line in credit_lines(answer.sources, answer.language):
        out.append(_text(line, size="Small", isSubtle=True, spacing="None"))
    return out


def _choices(answer: Answer) -> list[dict[str, Any]]:
    if answer.did_you_mean:
        return _question_rows(label("did_you_mean", answer.language), answer.did_you_mean)
    if answer.suggestions:
        return _question_rows(label("you_can_ask", answer.language), answer.suggestions)
    return []


def _question_rows(heading: str, questions: Sequence[str]) -> list[dict[str, Any]]:
    """Questions to click as full-width rows that wrap (a button would cut a long one)."""
    if not questions:
        return []
    rows = [
        {
            "type": "Container",
            "style": "emphasis",
            "spacing": "Small",
            "selectAction": _submit(q, ask_data(q)),
            "items": [_text(q, size="Small", color="Accent")],
        }
        for q in questions[:MAX_BUTTONS]
    ]
    return [_text(heading, weight="Bolder", size="Small", spacing="Medium"), *rows]


def _feedback_actions(answer: Answer) -> list[dict[str, Any]]:
    lang = answer.language
    reasons = {
        "type": "Input.ChoiceSet",
        "id": REASON_INPUT,
        "label": label("reason", lang),
        "style": "expanded",
        "choices": [{"title": reason_label(r, lang), "value": r} for r in REASONS],
    }
    comment = {
        "type": "Input.Text",
        "id": COMMENT_INPUT,
        "label": label("comment", lang),
        "maxLength": MAX_REASON,
    }
    negative = {
        "type": "Action.ShowCard",
        "title": label("not_helpful", lang),
        "card": {
            "type": "AdaptiveCard",
            "version": CARD_VERSION,
            "body": [reasons, comment],
            "actions": [_execute(label("send", lang), feedback_data(answer, helpful=False))],
        },
    }
    return [_execute(label("helpful", lang), feedback_data(answer, helpful=True)), negative]


def _wants_feedback(answer: Answer) -> bool:
    return answer.kind not in ("help", "smalltalk") and bool(answer.question)


@dataclass(frozen=True)
class Vote:
    """A vote just recorded on the card being rendered again."""

    helpful: bool
    reason: str | None = None


def answer_card(answer: Answer, vote: Vote | None = None) -> dict[str, Any]:
    """The answer as an Adaptive Card: title, comparison columns, lines, sources, actions.

    ``vote`` renders the card again after a vote on it, the vote acknowledged at its end
    (the buttons stay: a later vote replaces the earlier)."""
    body: list[dict[str, Any]] = []
    if answer.title:
        body.append(_text(answer.title, weight="Bolder", size="Medium"))
    body.extend(_comparison(answer))
    body.extend(_text(f"• {line}", spacing="Small") for line in answer.lines)
    body.extend(_text(f"⚠ {w}", color="Warning", spacing="Small") for w in answer.warnings)
    body.extend(_sources(answer))
    body.extend(_choices(answer))
    if vote is not None:
        key = "voted_helpful" if vote.helpful else "voted_not_helpful"
        body.append(_text(label(key, answer.language), isSubtle=True, separator=True))
    actions: list[dict[str, Any]] = []
    if any(s.quote for s in answer.sources) and answer.question:
        actions.append(_submit(label("quotes", answer.language), quotes_data(answer.question)))
    if _wants_feedback(answer):
        actions.extend(_feedback_actions(answer))
    card = _card(body, answer.text)
    if actions:
        card["actions"] = actions
    return card


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def quotes_text(answer: Answer) -> str:
    """The quotes as plain text (the quotes card's fallback)."""
    lines = [label("quotes_title", answer.language)]
    for source in answer.sources[:MAX_QUOTES]:
        lines.append(f"“{_clip(source.quote, MAX_QUOTE)}” — {source.credit()}, {source.title}")
    if len(lines) == 1:
        lines.append(label("no_quotes", answer.language))
    return "\n".join(lines)


def quotes_card(answer: Answer) -> dict[str, Any]:
    """The exact source passages behind an answer, one block per source."""
    body: list[dict[str, Any]] = [
        _text(label("quotes_title", answer.language), weight="Bolder", size="Medium")
    ]
    if answer.title:
        body.append(_text(answer.title, isSubtle=True, spacing="None"))
    quoted = [s for s in answer.sources if s.quote][:MAX_QUOTES]
    for source in quoted:
        who = source.credit()
        about = [p for p in (source.author_title, source.organisation) if p]
        if about:
            who += " (" + ", ".join(about) + ")"
        body.append(
            {
                "type": "Container",
                "style": "emphasis",
                "spacing": "Medium",
                "items": [
                    _text(f"“{_clip(source.quote, MAX_QUOTE)}”"),
                    _text(f"— {who}", size="Small", isSubtle=True, spacing="Small"),
                    _text(source.title, size="Small", isSubtle=True, spacing="None"),
                ],
            }
        )
    if not quoted:
        body.append(_text(label("no_quotes", answer.language)))
    return _card(body, quotes_text(answer))


def message_activity(card: dict[str, Any], summary: str) -> dict[str, Any]:
    """A message activity carrying one card, with ``summary`` as its plain-text fallback."""
    return {
        "type": "message",
        "summary": summary,
        "attachments": [{"contentType": CARD_CONTENT_TYPE, "content": card}],
    }


def answer_activity(answer: Answer) -> dict[str, Any]:
    return message_activity(answer_card(answer), answer.text)


def quotes_activity(answer: Answer) -> dict[str, Any]:
    return message_activity(quotes_card(answer), quotes_text(answer))


def welcome_activity(language: str, examples: Sequence[str]) -> dict[str, Any]:
    """The welcome sent when the app is installed in a personal chat: what it does, examples."""
    title, how = label("welcome_title", language), label("welcome_how", language)
    body = [_text(title, weight="Bolder", size="Medium"), _text(how)]
    body.extend(_question_rows(label("try", language), examples))
    return message_activity(_card(body, f"{title}\n{how}"), f"{title} {how}")


def text_activity(text: str) -> dict[str, Any]:
    """A short plain-text message (acknowledgements, errors); never parsed as markup."""
    return {"type": "message", "text": text, "textFormat": "plain"}
