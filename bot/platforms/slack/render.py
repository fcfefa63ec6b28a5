"""Block Kit rendering of neutral answers, the glossary and the App Home view.

Pure functions: an :class:`~bot.core.answer.Answer` (or engine cards) in, Slack message
payloads out. Every payload respects Slack's limits (50 blocks a message, 100 a home view,
3,000 characters a section text, 2,000 a field, 10 fields, 10 context elements, 2,000
characters a button value) and carries a plain ``text`` fallback.

All user and engine text goes through :func:`escape` (mrkdwn, rendered ``verbatim``) or
:func:`plain` (plain_text), so echoed text can never become ``<!channel>``, ``<!here>`` or
``<@U...>`` mentions. Button values are JSON with ``<``, ``>`` and ``&`` written as
``\\u`` escapes, so they never contain those characters either.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from bot.core.credits import credit_lines
from bot.platforms.feedback import REASONS, reason_label
from bot.platforms.strings import label, language_of

if TYPE_CHECKING:
    from bot.core.answer import Answer, Comparison, Source
    from bot.core.engine import RoleCard

Block = dict[str, Any]
Message = dict[str, Any]  # {"text": str, "blocks": list[Block]}

MAX_BLOCKS = 50
MAX_HOME_BLOCKS = 100
MAX_SECTION_TEXT = 3000
MAX_FIELD_TEXT = 2000
MAX_FIELDS = 10
MAX_CONTEXT_ELEMENTS = 10
MAX_ACTION_ELEMENTS = 25
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_HEADER_TEXT = 150
MAX_FALLBACK_TEXT = 3000
MAX_ASK_BUTTONS = 5
MAX_QUOTED_SOURCES = 24
MAX_ECHO = 500

# Action ids; bot/platforms/slack/listeners/actions.py dispatches on them.
QUOTES = "rolebot_quotes"
FEEDBACK_UP = "rolebot_feedback_up"
FEEDBACK_DOWN = "rolebot_feedback_down"
POST = "rolebot_post"
REASON_PREFIX = "rolebot_reason_"
ASK_KINDS = ("did_you_mean", "suggest", "home_ask", "example", "role")
ASK_ACTION = re.compile(r"^rolebot_(?:did_you_mean|suggest|home_ask|example|role)_\d+$")
REASON_ACTION = re.compile(r"^rolebot_reason_\d+$")

_BROADCAST = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)
_PARTIAL_ENTITY = re.compile(r"&[a-z]{0,3}$")
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,30}$")


# ---------------------------------------------------------------- escaping and limits


def escape(text: str) -> str:
    """Escape text for mrkdwn: ``&``, ``<``, ``>`` as entities; bare broadcast words defused.

    A word joiner after ``@`` keeps ``@channel`` / ``@here`` / ``@everyone`` readable but
    stops any automatic parsing from turning them into a broadcast.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub("@\u2060\\1", text)


def plain(text: str, limit: int) -> str:
    """Text for a ``plain_text`` object: angle brackets replaced, clipped, never empty."""
    text = " ".join(text.replace("<", "‹").replace(">", "›").split())
    text = _BROADCAST.sub("@\u2060\\1", text)
    return clip(text, limit) or "…"


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending with "…" when cut.

    Never leaves half an entity (``&am``) at the end of escaped text.
    """
    if len(text) <= limit:
        return text
    cut = _PARTIAL_ENTITY.sub("", text[: limit - 1])
    return cut + "…"


def _md(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text if text.strip() else "…", "verbatim": True}


def _section(text: str) -> Block:
    return {"type": "section", "text": _md(clip(text, MAX_SECTION_TEXT))}


def _context(texts: Sequence[str]) -> Block:
    return {"type": "context", "elements": [_md(clip(t, MAX_SECTION_TEXT)) for t in texts]}


def _button(text: str, action_id: str, value: str, style: str | None = None) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": plain(text, MAX_BUTTON_TEXT), "emoji": True},
        "action_id": action_id,
        "value": value,
    }
    if style:
        button["style"] = style
    return button


def _echo(question: str) -> str:
    """A question quoted back on one line: escaped and kept short."""
    return clip(escape(" ".join(question.split())), MAX_ECHO)


def _lang(language: str) -> str:
    return language_of(language)


# ---------------------------------------------------------------- button values


@dataclass(frozen=True)
class AnswerRef:
    """What a button needs to find its answer again: the question and how it was read."""

    question: str
    language: str = "en"
    intent: str = ""
    roles: tuple[str, ...] = ()
    reason: str | None = None
    # The message the vote is about, when the buttons are on another one (a reason prompt).
    answer: str | None = None
    # How the answer was rendered, so that it can be rendered again after a vote.
    echo: bool = False
    post: bool = False

    def encode(self) -> str:
        """Compact JSON, at most :data:`MAX_BUTTON_VALUE` characters (long questions cut)."""
        data: dict[str, Any] = {"q": self.question, "l": self.language}
        if self.intent:
            data["i"] = self.intent
        if self.roles:
            data["r"] = list(self.roles)
        if self.reason:
            data["w"] = self.reason
        if self.answer:
            data["a"] = self.answer
        flags = ("e" if self.echo else "") + ("p" if self.post else "")
        if flags:
            data["f"] = flags
        value = _dump(data)
        if len(value) <= MAX_BUTTON_VALUE:
            return value
        low, high = 0, len(self.question)  # the longest prefix of the question that fits
        while low < high:
            middle = (low + high + 1) // 2
            data["q"] = self.question[:middle]
            if len(_dump(data)) <= MAX_BUTTON_VALUE:
                low = middle
            else:
                high = middle - 1
        data["q"] = self.question[:low]
        return _dump(data)

    @classmethod
    def decode(cls, value: str) -> AnswerRef:
        """The reference in a button value; ``ValueError`` when it is not one of ours."""
        data = json.loads(value)
        if not isinstance(data, dict) or not isinstance(data.get("q"), str):
            raise ValueError("not a rolebot button value")
        roles = data.get("r") or []
        reason = data.get("w")
        answer = data.get("a")
        flags = data.get("f")
        flags = flags if isinstance(flags, str) else ""
        if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
            raise ValueError("bad roles in button value")
        return cls(
            question=data["q"],
            language=str(data.get("l") or "en"),
            intent=str(data.get("i") or ""),
            roles=tuple(roles),
            reason=reason if isinstance(reason, str) else None,
            answer=answer if isinstance(answer, str) and answer else None,
            echo="e" in flags,
            post="p" in flags,
        )

    def about(self, answer: str | None) -> AnswerRef:
        """This reference, tied to the message ``answer`` (for buttons on another message)."""
        return replace(self, reason=None, answer=answer)


def _dump(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


# ---------------------------------------------------------------- answers


def fallback_text(answer: Answer) -> str:
    """The plain ``text`` sent with the blocks (notifications, old clients), escaped."""
    text = answer.text.strip() or answer.title or "…"
    return clip(escape(text), MAX_FALLBACK_TEXT)


def render_answer(
    answer: Answer,
    *,
    question: str | None = None,
    feedback: bool = True,
    post_button: bool = False,
    echo_question: bool = False,
    asked_by: str | None = None,
    vote: Vote | None = None,
) -> Message:
    """A chat message for ``answer``.

    ``question`` is the question as asked (default: ``answer.question``); the buttons carry
    it. ``echo_question`` starts with a context line quoting it (private ``/roles`` answers,
    where the question is not visible); ``asked_by`` (a user id) credits the asker when an
    answer is shared in a channel. ``post_button`` adds "Post to channel". ``vote`` renders
    the message again after a vote on it: the vote is acknowledged in place of the buttons'
    row, with the reasons to choose from after a 👎 without one.
    """
    lang = _lang(answer.language)
    asked = (answer.question if question is None else question).strip()
    body: list[Block] = []
    if echo_question and asked:
        who = (
            f"<@{asked_by}> {label('asked', lang)}"
            if asked_by and _USER_ID.match(asked_by)
            else label("you_asked", lang)
        )
        body.append(_context([f"{who}: _{_echo(asked)}_"]))
    if answer.title.strip():
        body.append(_section(f"*{escape(answer.title.strip())}*"))
    if answer.comparison is not None:
        body.extend(_comparison_blocks(answer.comparison))
    body.extend(_bullet_sections(answer.lines, "• "))
    body.extend(_bullet_sections(answer.warnings, ":warning: "))

    tail: list[Block] = []
    if answer.sources:
        tail.append(_sources_context(answer.sources, lang))
    if answer.did_you_mean:
        tail.extend(
            _ask_blocks(label("did_you_mean", lang), answer.did_you_mean, "did_you_mean", lang)
        )
    elif answer.suggestions:
        tail.extend(_ask_blocks(label("you_can_ask", lang), answer.suggestions, "suggest", lang))
    ref = AnswerRef(
        asked, answer.language, answer.intent, answer.roles, echo=echo_question, post=post_button
    )
    controls = _controls(answer, ref.encode(), lang, feedback=feedback, post_button=post_button)
    if controls is not None:
        tail.append(controls)
    if vote is not None:
        tail.extend(_vote_blocks(vote, ref, lang))
    if not body and not tail:
        body.append(_section(fallback_text(answer)))
    return {"text": fallback_text(answer), "blocks": _fit(body, tail, MAX_BLOCKS, lang)}


def _comparison_blocks(comp: Comparison) -> list[Block]:
    if not comp.rows:
        return []
    fields = [
        _md(clip(f"*{escape(comp.left)}*", MAX_FIELD_TEXT)),
        _md(clip(f"*{escape(comp.right)}*", MAX_FIELD_TEXT)),
    ]
    for row in comp.rows:
        facet = f"_{escape(row.facet)}_\n" if row.facet.strip() else ""
        for side in (row.left, row.right):
            fields.append(_md(clip(facet + (escape(side.strip()) or "—"), MAX_FIELD_TEXT)))
    return [
        {"type": "section", "fields": fields[i : i + MAX_FIELDS]}
        for i in range(0, len(fields), MAX_FIELDS)
    ]


def _bullet_sections(lines: Iterable[str], bullet: str) -> list[Block]:
    """Lines as bullets, packed into as few sections as the 3,000-character limit allows."""
    blocks: list[Block] = []
    current: list[str] = []
    size = 0
    for line in lines:
        if not line.strip():
            continue
        item = clip(bullet + escape(line.strip()), MAX_SECTION_TEXT)
        if current and size + 1 + len(item) > MAX_SECTION_TEXT:
            blocks.append(_section("\n".join(current)))
            current, size = [], 0
        current.append(item)
        size += len(item) + 1
    if current:
        blocks.append(_section("\n".join(current)))
    return blocks


def _sources_context(sources: Sequence[Source], lang: str) -> Block:
    """One element per source document (publisher, date, trust, a few authors)."""
    lines = credit_lines(sources, lang)
    room = MAX_CONTEXT_ELEMENTS - 1
    texts = [f"*{label('sources', lang)}:*"]
    if len(lines) > room:
        texts.extend(escape(c) for c in lines[: room - 1])
        texts.append(escape("; ".join(lines[room - 1 :])))
    else:
        texts.extend(escape(c) for c in lines)
    return _context(texts)


def _ask_blocks(title: str, questions: Sequence[str], kind: str, lang: str) -> list[Block]:
    """Suggested questions as buttons; when one is longer than a button shows, each
    question is a line of text with its own "Ask" button, so nothing is cut."""
    asked = [q for q in questions[:MAX_ASK_BUTTONS] if q.strip()]
    if not asked:
        return []
    if all(len(q) <= MAX_BUTTON_TEXT for q in asked):
        buttons = [
            _button(q, f"rolebot_{kind}_{i}", AnswerRef(q).encode()) for i, q in enumerate(asked)
        ]
        return [_section(title), {"type": "actions", "elements": buttons}]
    rows: list[Block] = [_section(title)]
    for i, q in enumerate(asked):
        row = _section(clip(escape(q), MAX_SECTION_TEXT))
        row["accessory"] = _button(label("ask", lang), f"rolebot_{kind}_{i}", AnswerRef(q).encode())
        rows.append(row)
    return rows


def _controls(
    answer: Answer, ref: str, lang: str, *, feedback: bool, post_button: bool
) -> Block | None:
    buttons: list[dict[str, Any]] = []
    if answer.sources:
        buttons.append(_button(label("quotes", lang), QUOTES, ref))
    if feedback and answer.kind in ("answer", "abstain", "did_you_mean"):
        buttons.append(_button(label("helpful", lang), FEEDBACK_UP, ref))
        buttons.append(_button(label("not_helpful", lang), FEEDBACK_DOWN, ref))
    if post_button and answer.kind != "help":
        buttons.append(_button(label("post", lang), POST, ref, style="primary"))
    return {"type": "actions", "elements": buttons} if buttons else None


@dataclass(frozen=True)
class Vote:
    """A vote just recorded on the message being rendered again."""

    helpful: bool
    reason: str | None = None


def _vote_blocks(vote: Vote, ref: AnswerRef, lang: str) -> list[Block]:
    if vote.helpful:
        return [_context([label("voted_helpful", lang)])]
    if vote.reason:
        return [_context([label("thanks_negative", lang)])]
    return _reason_blocks(ref, lang)


def _reason_blocks(ref: AnswerRef, lang: str) -> list[Block]:
    buttons = [
        _button(
            reason_label(code, lang),
            f"{REASON_PREFIX}{i}",
            replace(ref, reason=code).encode(),
        )
        for i, code in enumerate(REASONS)
    ]
    return [_section(label("why", lang)), {"type": "actions", "elements": buttons}]


def _fit(body: list[Block], tail: list[Block], limit: int, lang: str) -> list[Block]:
    """``body + tail`` within ``limit`` blocks: the body is cut (with a note), never the tail."""
    if len(body) + len(tail) <= limit:
        return body + tail
    keep = max(0, limit - len(tail) - 1)
    return [*body[:keep], _context([label("truncated", lang)]), *tail][:limit]


# ---------------------------------------------------------------- quotes and feedback


def render_quotes(answer: Answer, question: str | None = None) -> Message:
    """The exact quotes behind ``answer``, one section per source, each credited."""
    lang = _lang(answer.language)
    asked = (answer.question if question is None else question).strip()
    if not answer.sources:
        text = label("no_quotes", lang)
        return {"text": text, "blocks": [_section(text)]}
    blocks: list[Block] = []
    if asked:
        blocks.append(_context([f"{label('quotes_for', lang)}: _{_echo(asked)}_"]))
    fallback: list[str] = []
    for source in answer.sources[:MAX_QUOTED_SOURCES]:
        quote = clip(escape(" ".join(source.quote.split())), MAX_SECTION_TEXT - 2)
        blocks.append(_section(f"> {quote}"))
        who = source.credit()
        if source.author_title or source.organisation:
            who += " (" + ", ".join(x for x in (source.author_title, source.organisation) if x)
            who += ")"
        where = " · ".join(x for x in (source.title, source.publisher) if x)
        blocks.append(_context([escape(f"{who} — {where}" if where else who)]))
        fallback.append(f'"{source.quote}" ({source.credit()})')
    return {"text": clip(escape("\n".join(fallback)), MAX_FALLBACK_TEXT), "blocks": blocks}


def render_feedback_thanks(language: str) -> Message:
    text = label("thanks", _lang(language))
    return {"text": text, "blocks": [_section(text)]}


def render_reason_prompt(ref: AnswerRef) -> Message:
    """After a 👎: short reasons as buttons (each carries the question and answer it is about)."""
    lang = _lang(ref.language)
    return {"text": label("why", lang), "blocks": _reason_blocks(ref, lang)}


def render_reason_thanks(language: str) -> Message:
    text = label("thanks_negative", _lang(language))
    return {"text": text, "blocks": [_section(text)]}


def render_apology(language: str = "en") -> Message:
    text = label("apology", _lang(language))
    return {"text": text, "blocks": [_section(text)]}


# ---------------------------------------------------------------- glossary and home


def _card_block(card: RoleCard, index: int, kind: str, lang: str) -> Block:
    note = f" _({label('few_sources', lang)})_" if not card.covered else ""
    block = _section(f"*{escape(card.label)}*{note}\n{escape(card.summary)}")
    if card.example_question.strip():
        block["accessory"] = _button(
            label("ask_about", lang),
            f"rolebot_{kind}_{index}",
            AnswerRef(card.example_question, lang).encode(),
        )
    return block


def render_glossary(cards: Sequence[RoleCard], language: str = "en") -> Message:
    """``/roles list``: one line per role, each with an "ask about it" button."""
    lang = _lang(language)
    title = label("roles", lang)
    blocks: list[Block] = [_section(f"*{title}*")]
    blocks.extend(_card_block(c, i, "role", lang) for i, c in enumerate(cards))
    lines = [title, *(f"- {c.label}: {c.summary}" for c in cards)]
    return {
        "text": clip(escape("\n".join(lines)), MAX_FALLBACK_TEXT),
        "blocks": _fit(blocks, [], MAX_BLOCKS, lang),
    }


def _header(text: str) -> Block:
    return {
        "type": "header",
        "text": {"type": "plain_text", "text": plain(text, MAX_HEADER_TEXT), "emoji": True},
    }


def render_home(
    cards: Sequence[RoleCard],
    who_to_ask: Sequence[tuple[str, str]],
    examples: Sequence[str],
    language: str = "en",
) -> dict[str, Any]:
    """The App Home onboarding view (for ``views.publish``)."""
    lang = _lang(language)
    blocks: list[Block] = [
        _header(label("home_title", lang)),
        _section(label("home_intro", lang)),
        _section(label("home_how", lang)),
        {"type": "divider"},
    ]
    if cards:
        blocks.append(_header(label("roles", lang)))
        blocks.extend(_card_block(c, i, "home_ask", lang) for i, c in enumerate(cards[:60]))
        blocks.append({"type": "divider"})
    tail: list[Block] = []
    if who_to_ask:
        tail.append(_header(label("who", lang)))
        tail.extend(_bullet_sections((f"{duty} → {role}" for duty, role in who_to_ask), "• ")[:5])
    buttons = [
        _button(q, f"rolebot_example_{i}", AnswerRef(q, lang).encode())
        for i, q in enumerate(q for q in examples[:MAX_ACTION_ELEMENTS] if q.strip())
    ]
    if buttons:
        tail.append(_header(label("try", lang)))
        tail.extend(
            {"type": "actions", "elements": buttons[i : i + 5]} for i in range(0, len(buttons), 5)
        )
    return {"type": "home", "blocks": _fit(blocks, tail, MAX_HOME_BLOCKS, lang)}
