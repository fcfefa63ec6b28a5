"""The bad-input corpus: what chat users (and broken clients) can send, in one place.

``TEXTS`` are messages a person could type; every entry point must answer each of them
clearly (an answer, the help, or a polite "I can't answer that"). ``SLACK_BODIES`` and
``TEAMS_BODIES`` are raw HTTP bodies no real client should send; they must get a 4xx.
``ping_tokens`` finds, in what the bot sends back, anything that could notify people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

QUESTION = "what is the difference between a PMO and a project manager? "


@dataclass(frozen=True)
class Text:
    id: str
    text: str


TEXTS: tuple[Text, ...] = (
    Text("empty", ""),
    Text("whitespace", " \t  \u00a0\u3000\u2003 "),
    Text("newlines_only", "\n\n\r\n"),
    Text("long_100kb_question", (QUESTION * 2000)[:100_000]),
    Text("long_100kb_one_word", "pmo" + "o" * 99_997),
    Text("long_100kb_role_names", ("pmo vs pm " * 10_000)[:100_000]),
    Text("long_100kb_markup", ("<@U123> <!here> *b* `c` :x: " * 4000)[:100_000]),
    Text("control_characters", "pmo\x00 vs\x01 pm\x07\x08\x1b[31m\x7f? \x0b\x0c\x1c\x1d\x1e\x85"),
    Text("line_separators", "what does a\u2028PMO analyst\u2029do?\r\nthanks"),
    Text("right_to_left_arabic", "ما الفرق بين PMO ومدير المشروع؟"),
    Text("right_to_left_hebrew", "מה ההבדל בין PMO לבין מנהל פרויקט?"),
    Text("bidi_override", "what is a \u202eOMP\u202c \u2066PMO\u2069 \u200fanalyst\u200e?"),
    Text("zero_width", "p\u200bm\u200co vs p\u200dm\u2060\ufeff?"),
    Text("zero_width_only", "\u200b\u200c\u200d\u2060\ufeff"),
    Text(
        "combining_marks", "P\u0336M\u0336O\u0336 Z\u0351\u0352\u0353\u0354\u0355a\u0300\u0301lgo"
    ),
    Text("emoji_only", "\U0001f914\U0001f914 \U0001f469\u200d\U0001f4bb \U0001f44d\U0001f3fd"),
    Text("emoji_codes_only", ":thinking_face: :wave: :+1:"),
    Text("html_injection", "<script>alert(1)</script><img src=x onerror=alert(1)> what is a PMO?"),
    Text("html_entities", "&lt;!channel&gt; &amp;lt;!here&amp;gt; &#60;at&#62;x&#60;/at&#62; PMO?"),
    Text(
        "markdown_injection",
        "*bold* _it_ ~strike~ `code` ```block``` [click](https://evil.example) "
        "<https://evil.example|click here> > quote\n# Heading\n- item\n| a | b |\n---",
    ),
    Text("slack_broadcasts", "<!channel> <!here> <!everyone> what is a PMO?"),
    Text("slack_broadcast_labels", "<!channel|channel> <!here|here> who does a PM report to?"),
    Text("slack_user_and_group_mentions", "<@U123> <@U123|bob> <!subteam^S123|@team> pmo vs pm"),
    Text("slack_channel_link", "<#C123|general> what does a PMO analyst do?"),
    Text("plain_at_broadcasts", "@here @channel @everyone what does a PMO analyst do?"),
    Text("teams_at_tags", '<at>Bob</at> <at id="1">Everyone</at> <at>General</at> what is a PMO?'),
    Text("teams_unclosed_at", "<at>Bob what is a PMO"),
    Text("format_strings", "{0} %s %(x)s {{role}} ${jndi:ldap://x} {role} vs {role}"),
    Text("internal_placeholder", "xrole xrole vs xrole?"),
    Text("lone_surrogate", "pmo \ud800 vs pm \udfff?"),
    Text("private_use_and_noncharacters", "\ue000\uf8ff\ufffe\uffff\U0010ffff pmo?"),
    Text("only_punctuation", "?!?!...,,,;;;:::---___***"),
)

TEXT_IDS = [t.id for t in TEXTS]

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
_NESTED = b"[" * 100_000 + b"]" * 100_000

# Raw bodies for POST /slack/events (signed correctly, so only their content is wrong).
SLACK_BODIES: tuple[tuple[str, bytes, str], ...] = (
    ("empty", b"", JSON),
    ("invalid_utf8_json", b'{"type": "event_callback", "event": {"text": "\xff\xfe"}}', JSON),
    ("invalid_utf8_form", b"command=%2Froles&text=\xff\xfe\xfd", FORM),
    ("truncated_json", b'{"type": "event_callback", "event": {"type": "app_m', JSON),
    ("truncated_form", b"command=%2Froles&text=what%20is%20a%20PM%E2%8", FORM),
    ("truncated_payload", b"payload=%7B%22type%22%3A%22block_act", FORM),
    ("bad_percent_escapes", b"command=/roles&text=%ZZ%&response_url=%", FORM),
    ("json_array", b"[1, 2, 3]", JSON),
    ("json_null", b"null", JSON),
    ("deeply_nested_json", _NESTED, JSON),
    ("event_text_object", b'{"type": "event_callback", "event": {"text": {"a": 1}}}', JSON),
    ("nul_bytes", b"\x00" * 32, JSON),
)

# Raw bodies for POST /api/messages.
TEAMS_BODIES: tuple[tuple[str, bytes, str], ...] = (
    ("empty", b"", JSON),
    ("invalid_utf8", b'{"type": "message", "text": "\xff\xfe"}', JSON),
    ("truncated_json", b'{"type": "message", "text": "what is a PM', JSON),
    ("json_array", b"[1, 2, 3]", JSON),
    ("json_string", b'"message"', JSON),
    ("deeply_nested_json", _NESTED, JSON),
    ("form_body", b"type=message&text=hello", FORM),
    ("wrong_field_types", b'{"type": "message", "text": 5, "from": "x", "conversation": []}', JSON),
    ("nul_bytes", b"\x00" * 32, JSON),
)


# -- what could notify people ------------------------------------------------------------

# Slack: special mentions (<!channel>, <!here>, <!everyone>, <!subteam^..>), user mentions
# (<@U..>, <@W..>) and channel links; "@here" as plain text only pings with link_names.
_SLACK_PING = re.compile(r"<\s*[!@#]")
# Teams: a mention is an <at> tag (with a matching mention entity).
_TEAMS_AT = re.compile(r"<\s*at[\s>]", re.IGNORECASE)


def _strings(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, str):
        found.append(node)
    elif isinstance(node, dict):
        for value in node.values():
            found.extend(_strings(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_strings(item))
    return found


def slack_ping_tokens(message: dict[str, Any]) -> list[str]:
    """Mention or broadcast markup in an outgoing Slack message (text, blocks, attachments),
    and the options that would turn plain "@here" into a ping."""
    problems = [
        s
        for key in ("text", "blocks", "attachments")
        for s in _strings(message.get(key))
        if _SLACK_PING.search(s)
    ]
    if str(message.get("link_names", "")).lower() in ("1", "true"):
        problems.append("link_names is on")
    if message.get("parse") == "full":
        problems.append("parse=full")
    return problems


def teams_ping_tokens(activity: dict[str, Any]) -> list[str]:
    """``<at>`` tags anywhere in an outgoing Teams activity, and mention entities."""
    problems = [s for s in _strings(activity) if _TEAMS_AT.search(s)]

    def mentions(node: Any) -> None:
        if isinstance(node, dict):
            if str(node.get("type", "")).lower() == "mention":
                problems.append(f"mention entity: {node}")
            for value in node.values():
                mentions(value)
        elif isinstance(node, list):
            for item in node:
                mentions(item)

    mentions(activity)
    return problems
