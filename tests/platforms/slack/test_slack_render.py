"""Block Kit rendering: structure, Slack's limits, escaping and button values (pure functions)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.core.answer import Answer, Comparison, ComparisonRow, Source
from bot.core.engine import RoleCard
from bot.platforms.feedback import REASONS
from bot.platforms.slack.render import (
    ASK_ACTION,
    FEEDBACK_DOWN,
    FEEDBACK_UP,
    MAX_BUTTON_VALUE,
    POST,
    QUOTES,
    REASON_ACTION,
    AnswerRef,
    clip,
    escape,
    render_answer,
    render_apology,
    render_glossary,
    render_home,
    render_quotes,
    render_reason_prompt,
)

NASTY = "<!channel> <!here> <!everyone> <@U123> <#C999> <!subteam^S1> <http://evil|x> @here &"
PINGS = ("<!channel>", "<!here>", "<!everyone>", "<@U123>", "<#C999>", "<!subteam", "<http")


def source(n: int, quote: str = "A PMO sets standards.") -> Source:
    return Source(
        id=f"doc-{n}#a1",
        title=f"Document {n}",
        publisher="Publisher",
        author=f"Author {n}",
        date="2020-01-0" + str(1 + n % 9),
        quote=quote,
    )


def answer(**changes: Any) -> Answer:
    base: dict[str, Any] = {
        "question": "pmo vs pm?",
        "language": "en",
        "intent": "compare",
        "roles": ("pmo", "project_manager"),
        "confidence": 0.9,
        "answered": True,
        "kind": "answer",
        "title": "PMO vs project manager",
        "lines": ("A PMO supports many projects.", "A PM runs one project."),
        "sources": (source(1), source(2)),
    }
    base.update(changes)
    return Answer(**base)


def comparison(rows: int) -> Comparison:
    return Comparison(
        left="PMO",
        right="Project manager",
        rows=tuple(
            ComparisonRow(f"Facet {i}", f"left value {i}", f"right value {i}") for i in range(rows)
        ),
    )


def all_blocks(message: dict[str, Any]) -> list[dict[str, Any]]:
    return message["blocks"]


def texts_of(block: dict[str, Any]) -> list[str]:
    out = []
    if "text" in block and isinstance(block["text"], dict):
        out.append(block["text"]["text"])
    out.extend(f["text"] for f in block.get("fields", []))
    out.extend(
        e["text"] for e in block.get("elements", []) if "text" in e and block["type"] == "context"
    )
    return out


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        e
        for b in all_blocks(message)
        for e in [*b.get("elements", []), b.get("accessory") or {}]
        if e.get("type") == "button"
    ]


def without_values(data: Any) -> Any:
    """``data`` without button values (what Slack displays)."""
    if isinstance(data, dict):
        return {k: without_values(v) for k, v in data.items() if k != "value"}
    if isinstance(data, list):
        return [without_values(v) for v in data]
    return data


def assert_within_slack_limits(message: dict[str, Any], max_blocks: int = 50) -> None:
    blocks = all_blocks(message)
    assert 0 < len(blocks) <= max_blocks
    for block in blocks:
        if block["type"] == "section":
            if "text" in block:
                assert 0 < len(block["text"]["text"]) <= 3000
            fields = block.get("fields", [])
            assert len(fields) <= 10
            assert all(0 < len(f["text"]) <= 2000 for f in fields)
        if block["type"] == "context":
            assert 0 < len(block["elements"]) <= 10
        if block["type"] == "actions":
            assert 0 < len(block["elements"]) <= 25
            ids = [e["action_id"] for e in block["elements"]]
            assert len(ids) == len(set(ids))
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
    for button in buttons(message):
        assert len(button["text"]["text"]) <= 75
        assert len(button["value"]) <= MAX_BUTTON_VALUE
    if "text" in message:
        assert message["text"].strip()


def test_escape_neutralises_slack_control_sequences() -> None:
    assert escape("a & b <c> d") == "a &amp; b &lt;c&gt; d"
    assert "<" not in escape(NASTY) and ">" not in escape(NASTY)
    assert "@here" not in escape("ping @here and @channel")
    assert escape("@here").replace("\u2060", "") == "@here"  # still reads the same


def test_clip_never_leaves_half_an_entity() -> None:
    text = escape("x" * 10 + "&" + "y" * 10)
    cut = clip(text, 13)
    assert len(cut) <= 13 and cut.endswith("…") and "&am" not in cut


def test_a_comparison_is_two_columns_under_the_two_role_labels() -> None:
    message = render_answer(answer(comparison=comparison(3), lines=()))
    sections = [b for b in all_blocks(message) if "fields" in b]
    [table] = sections
    fields = [f["text"] for f in table["fields"]]
    assert fields[0] == "*PMO*" and fields[1] == "*Project manager*"
    for i in range(3):
        left, right = fields[2 + 2 * i], fields[3 + 2 * i]
        assert f"Facet {i}" in left and f"left value {i}" in left
        assert f"Facet {i}" in right and f"right value {i}" in right
    assert_within_slack_limits(message)


def test_a_long_comparison_continues_over_several_sections_of_ten_fields() -> None:
    message = render_answer(answer(comparison=comparison(12)))
    sections = [b for b in all_blocks(message) if "fields" in b]
    assert sum(len(s["fields"]) for s in sections) == 2 + 2 * 12
    assert all(len(s["fields"]) % 2 == 0 for s in sections)  # rows never split across sections
    assert_within_slack_limits(message)


def test_lines_warnings_and_sources_are_rendered() -> None:
    message = render_answer(answer(warnings=("Disputed: sources disagree.",)))
    text = json.dumps(message)
    assert "A PMO supports many projects." in text
    assert "Disputed: sources disagree." in text
    [credits] = [b for b in all_blocks(message) if b["type"] == "context"]
    credit_texts = [e["text"] for e in credits["elements"]]
    # one element per document: publisher, date, authors
    assert "Publisher, 2020-01-02: by Author 1" in credit_texts
    assert "Publisher, 2020-01-03: by Author 2" in credit_texts


def test_the_controls_carry_the_question_and_feedback_for_answers() -> None:
    message = render_answer(answer(), post_button=True)
    by_id = {b["action_id"]: b for b in buttons(message)}
    assert set(by_id) == {QUOTES, FEEDBACK_UP, FEEDBACK_DOWN, POST}
    ref = AnswerRef.decode(by_id[QUOTES]["value"])
    assert ref == AnswerRef("pmo vs pm?", "en", "compare", ("pmo", "project_manager"), post=True)


def test_no_quotes_button_without_sources_and_no_feedback_on_help() -> None:
    help_answer = answer(kind="help", intent="help", sources=(), suggestions=("What is a PMO?",))
    ids = [b["action_id"] for b in buttons(render_answer(help_answer, post_button=True))]
    assert QUOTES not in ids and FEEDBACK_UP not in ids and POST not in ids
    assert ids == ["rolebot_suggest_0"]


def test_did_you_mean_buttons_answer_the_alternatives() -> None:
    alternatives = ("What does a PMO manager do?", "What does a PMO analyst do?")
    message = render_answer(
        answer(kind="did_you_mean", did_you_mean=alternatives, suggestions=("ignored",))
    )
    asks = [b for b in buttons(message) if ASK_ACTION.match(b["action_id"])]
    assert [AnswerRef.decode(b["value"]).question for b in asks] == list(alternatives)
    assert all(b["action_id"].startswith("rolebot_did_you_mean_") for b in asks)
    assert "ignored" not in json.dumps(message)
    assert_within_slack_limits(message)


def test_the_question_as_asked_goes_into_the_buttons_and_the_echo() -> None:
    message = render_answer(answer(question=""), question="my question", echo_question=True)
    assert all(
        AnswerRef.decode(b["value"]).question == "my question"
        for b in buttons(message)
        if not ASK_ACTION.match(b["action_id"])
    )
    assert "my question" in all_blocks(message)[0]["elements"][0]["text"]


def test_sharing_credits_the_asker_but_only_a_real_user_id() -> None:
    shared = render_answer(answer(), echo_question=True, asked_by="U0ASKER")
    assert "<@U0ASKER>" in json.dumps(shared)
    forged = render_answer(answer(), echo_question=True, asked_by="U1> <!channel")
    assert "<!channel" not in json.dumps(forged)


def test_nothing_the_user_or_engine_wrote_can_ping_anyone() -> None:
    nasty = answer(
        question=NASTY,
        title=NASTY,
        lines=(NASTY,),
        warnings=(NASTY,),
        comparison=Comparison(NASTY, NASTY, (ComparisonRow(NASTY, NASTY, NASTY),)),
        sources=(Source("x", NASTY, NASTY, NASTY, NASTY, NASTY, NASTY, NASTY),),
        suggestions=(NASTY,),
        did_you_mean=(NASTY,),
    )
    messages = [
        render_answer(nasty, echo_question=True, post_button=True),
        render_quotes(nasty),
        render_reason_prompt(AnswerRef(NASTY, reason="unclear")),
        render_glossary([RoleCard("pmo", NASTY, NASTY, False, NASTY)]),
        render_home([RoleCard("pmo", NASTY, NASTY, True, NASTY)], [(NASTY, NASTY)], [NASTY]),
    ]
    for message in messages:
        sent = json.dumps(message, ensure_ascii=False)
        for token in PINGS:
            assert token not in sent
        shown = json.dumps(without_values(message), ensure_ascii=False)
        assert "@here" not in shown.replace("@\u2060here", "")  # button values are never shown
    # ... while the buttons still carry the exact question.
    [quotes] = [b for b in buttons(messages[0]) if b["action_id"] == QUOTES]
    assert AnswerRef.decode(quotes["value"]).question == NASTY


def test_huge_answers_stay_within_slack_limits_and_keep_their_buttons() -> None:
    huge = answer(
        title="T" * 5000,
        lines=tuple(f"line {i} " + "x" * 800 for i in range(300)),
        warnings=("w" * 4000,),
        comparison=Comparison(
            "L" * 3000,
            "R" * 3000,
            tuple(ComparisonRow("f" * 3000, "l" * 3000, "r" * 3000) for _ in range(40)),
        ),
        sources=tuple(source(i) for i in range(30)),
        did_you_mean=tuple("q" * 500 for _ in range(12)),
    )
    message = render_answer(huge, post_button=True)
    assert_within_slack_limits(message)
    assert len(message["text"]) <= 3000
    assert all_blocks(message)[-1]["type"] == "actions"  # feedback survives truncation
    [credits] = [
        b
        for b in all_blocks(message)
        if b["type"] == "context" and "Sources" in b["elements"][0]["text"]
    ]
    assert len(credits["elements"]) <= 10  # Slack's limit for a context block
    named = " ".join(e["text"] for e in credits["elements"])
    assert all(f"Author {i}" in named for i in range(30))  # every document still named


def test_a_very_long_question_still_fits_in_a_button_value() -> None:
    question = 'é<>&"' * 2000
    value = AnswerRef(question, "fr", "define", ("pmo",)).encode()
    assert len(value) <= MAX_BUTTON_VALUE
    ref = AnswerRef.decode(value)
    assert question.startswith(ref.question) and len(ref.question) > 100
    assert (ref.language, ref.intent, ref.roles) == ("fr", "define", ("pmo",))
    assert "<" not in value and ">" not in value and "&" not in value


@pytest.mark.parametrize(
    "value", ["", "not json", "[]", '{"x": 1}', '{"q": 5}', '{"q": "a", "r": 5}']
)
def test_foreign_button_values_are_refused(value: str) -> None:
    with pytest.raises(ValueError):
        AnswerRef.decode(value)


def test_an_empty_answer_still_has_a_text_fallback_and_a_block() -> None:
    empty = answer(title="", lines=(), sources=(), kind="smalltalk")
    message = render_answer(empty)
    assert message["text"].strip()
    assert_within_slack_limits(message)


def test_quotes_show_each_quote_with_its_credit() -> None:
    message = render_quotes(answer(sources=(source(1, "Quote one."), source(2, "Quote two."))))
    text = json.dumps(message)
    assert "Quote one." in text and "Quote two." in text
    assert "Author 1" in text and "Document 2" in text
    assert_within_slack_limits(message)
    many = render_quotes(answer(sources=tuple(source(i, "q" * 5000) for i in range(60))))
    assert_within_slack_limits(many)


def test_reason_prompt_offers_every_reason() -> None:
    message = render_reason_prompt(AnswerRef("q", "fr", "define", ("pmo",)))
    reasons = buttons(message)
    assert [AnswerRef.decode(b["value"]).reason for b in reasons] == list(REASONS)
    assert all(REASON_ACTION.match(b["action_id"]) for b in reasons)
    assert reasons[0]["text"]["text"] == "Mauvais rôle"


def test_glossary_and_home_have_a_card_and_button_per_role() -> None:
    cards = [
        RoleCard(f"r{i}", f"Role {i}", f"Summary {i}", i % 2 == 0, f"What is role {i}?")
        for i in range(13)
    ]
    glossary = render_glossary(cards)
    assert [AnswerRef.decode(b["value"]).question for b in buttons(glossary)] == [
        c.example_question for c in cards
    ]
    assert_within_slack_limits(glossary)
    home = render_home(cards, [("Standards", "PMO")], ["Q1?", "Q2?"])
    assert home["type"] == "home"
    assert_within_slack_limits(home, max_blocks=100)
    questions = [AnswerRef.decode(b["value"]).question for b in buttons(home)]
    assert questions == [c.example_question for c in cards] + ["Q1?", "Q2?"]
    big = render_home(cards * 20, [("d" * 500, "r")] * 100, ["q"] * 100)
    assert_within_slack_limits(big, max_blocks=100)


def test_french_answers_get_french_labels() -> None:
    message = render_answer(answer(language="fr"))
    labels = [b["text"]["text"] for b in buttons(message)]
    assert "Voir les citations" in labels
    assert render_apology("fr")["text"] != render_apology("en")["text"]


def test_an_echoed_question_is_one_short_line() -> None:
    long_question = "what\nis a PMO " * 10_000
    message = render_answer(answer(), question=long_question, echo_question=True)
    echo = all_blocks(message)[0]["elements"][0]["text"]
    assert "\n" not in echo and len(echo) <= 600
    [quotes] = [b for b in buttons(message) if b["action_id"] == QUOTES]
    assert long_question.startswith(AnswerRef.decode(quotes["value"]).question)
