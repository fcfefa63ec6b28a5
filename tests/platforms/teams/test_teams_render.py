"""Adaptive Card rendering of answers (pure functions, no server)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from bot.core.answer import Answer, Comparison, ComparisonRow, Source
from bot.platforms.teams.render import (
    CARD_CONTENT_TYPE,
    COMMENT_INPUT,
    MAX_REASON,
    REASON_INPUT,
    CardAction,
    answer_activity,
    answer_card,
    escape_markdown,
    label,
    parse_action,
    quotes_activity,
    quotes_card,
)
from tests.platforms.teams.cards import elements, shown_texts, submits, unescape

ELEMENT_TYPES = {
    "AdaptiveCard",
    "TextBlock",
    "ColumnSet",
    "Column",
    "Container",
    "ActionSet",
    "Input.ChoiceSet",
    "Input.Text",
    "Action.Submit",
    "Action.Execute",
    "Action.ShowCard",
}

SOURCES = (
    Source(
        id="bayt-pmo-vs-project-manager#a1",
        title="PMO vs Project Manager",
        publisher="Bayt",
        author="Ramy Zakher",
        date="2014-01-17",
        quote="The PMO sets the standards; the project manager delivers the project.",
    ),
    Source(
        id="pmi-roles#p3",
        title="Roles in project management",
        publisher="PMI",
        author=None,
        date=None,
        quote="A PMO *standardises* governance [see appendix].",
        author_title="Editor",
        organisation="PMI",
    ),
)


def make_answer(**overrides: Any) -> Answer:
    values: dict[str, Any] = {
        "question": "pmo vs pm?",
        "language": "en",
        "intent": "compare",
        "roles": ("pmo", "project_manager"),
        "confidence": 0.9,
        "answered": True,
        "kind": "answer",
        "title": "PMO vs project manager",
        "lines": ("A PMO serves many projects.", "A project manager runs one."),
        "sources": SOURCES,
    }
    values.update(overrides)
    return Answer(**values)


COMPARISON = Comparison(
    left="PMO",
    right="Project manager",
    rows=(
        ComparisonRow("Scope", "All projects", "One project"),
        ComparisonRow("Authority", "Sets standards", "Runs delivery"),
    ),
)


def assert_well_formed(card: dict[str, Any]) -> None:
    assert card["type"] == "AdaptiveCard"
    assert card["version"] == "1.5"
    assert card["$schema"].startswith("http://adaptivecards.io/schemas/")
    for element in elements(card):
        assert element["type"] in ELEMENT_TYPES, element
        if element["type"] == "TextBlock":
            assert isinstance(element["text"], str) and element["text"]
        if element["type"] in ("Action.Submit", "Action.Execute"):
            assert element["title"] and isinstance(element["data"], dict)
        if element["type"] == "Action.Execute":
            assert element["verb"] == "rolebot_feedback"
    json.dumps(card)


def test_comparison_is_two_columns_with_one_row_per_facet() -> None:
    card = answer_card(make_answer(comparison=COMPARISON, lines=()))
    assert_well_formed(card)

    column_sets = [e for e in card["body"] if e["type"] == "ColumnSet"]
    assert len(column_sets) == 1 + len(COMPARISON.rows)
    rows = [[shown_texts(column) for column in cs["columns"]] for cs in column_sets]
    assert rows[0] == [["PMO"], ["Project manager"]]
    assert rows[1:] == [
        [["All projects"], ["One project"]],
        [["Sets standards"], ["Runs delivery"]],
    ]
    shown = shown_texts(card)
    assert "Scope" in shown and "Authority" in shown


def test_lines_warnings_and_sources_are_shown() -> None:
    answer = make_answer(warnings=("Sources disagree on seniority.",))
    card = answer_card(answer)
    assert_well_formed(card)
    shown = shown_texts(card)

    assert shown[0] == answer.title
    for line in answer.lines:
        assert f"• {line}" in shown
    assert "⚠ Sources disagree on seniority." in shown
    assert "Sources" in shown
    # one line per document, naming its publisher, date and authors
    assert "Bayt, 2014-01-17: by Ramy Zakher" in shown
    assert "PMI" in shown


def test_plain_text_fallback_is_always_present() -> None:
    for answer in (make_answer(), make_answer(comparison=COMPARISON), make_answer(sources=())):
        activity = answer_activity(answer)
        assert activity["summary"] == answer.text
        [attachment] = activity["attachments"]
        assert attachment["contentType"] == CARD_CONTENT_TYPE
        assert attachment["content"]["fallbackText"] == answer.text


def test_show_quotes_and_feedback_buttons_round_trip() -> None:
    answer = make_answer()
    card = answer_card(answer)
    titles = [a["title"] for a in card["actions"]]
    assert titles == [label("quotes", "en"), label("helpful", "en"), label("not_helpful", "en")]

    quotes, helpful, not_helpful = card["actions"]
    assert parse_action(quotes["data"]) == CardAction(kind="quotes", question="pmo vs pm?")
    assert parse_action(helpful["data"]) == CardAction(
        kind="feedback",
        question="pmo vs pm?",
        helpful=True,
        intent="compare",
        roles=("pmo", "project_manager"),
    )
    # 👎 opens a short form; its inputs are merged into the submitted data by Teams.
    assert not_helpful["type"] == "Action.ShowCard"
    form = not_helpful["card"]
    inputs = {e["id"]: e for e in form["body"]}
    assert set(inputs) == {REASON_INPUT, COMMENT_INPUT}
    reason = inputs[REASON_INPUT]["choices"][1]["value"]
    [send] = form["actions"]
    submitted = {**send["data"], REASON_INPUT: reason, COMMENT_INPUT: "no   sponsor"}
    action = parse_action(submitted)
    assert action is not None
    assert (action.kind, action.helpful, action.reason) == (
        "feedback",
        False,
        f"{reason}: no sponsor",
    )


def test_feedback_without_a_reason_is_still_recorded_as_negative() -> None:
    [_, _, not_helpful] = answer_card(make_answer())["actions"]
    action = parse_action(not_helpful["card"]["actions"][0]["data"])
    assert action is not None and action.helpful is False and action.reason is None


def test_no_quotes_button_without_quotes_and_no_feedback_on_help() -> None:
    no_sources = answer_card(make_answer(sources=()))
    assert label("quotes", "en") not in [a["title"] for a in no_sources["actions"]]

    help_card = answer_card(
        make_answer(kind="help", intent="help", sources=(), suggestions=("What is a PMO?",))
    )
    assert "actions" not in help_card
    [choice] = submits(help_card)
    assert parse_action(choice["data"]) == CardAction(kind="ask", question="What is a PMO?")


def test_did_you_mean_offers_each_question_as_a_button() -> None:
    answer = make_answer(
        kind="did_you_mean",
        answered=False,
        sources=(),
        lines=(),
        did_you_mean=("What is a PMO analyst?", "What is a project analyst?"),
        suggestions=("ignored while did_you_mean is set",),
    )
    card = answer_card(answer)
    assert_well_formed(card)

    assert label("did_you_mean", "en") in shown_texts(card)
    asks = [parse_action(a["data"]) for a in submits(card) if a["data"]["rolebot"] == "ask"]
    assert [a.question for a in asks if a] == list(answer.did_you_mean)


def test_french_answers_get_french_labels() -> None:
    card = answer_card(make_answer(language="fr"))
    assert card["actions"][0]["title"] == "Voir les citations"
    assert parse_action(card["actions"][1]["data"]).language == "fr"  # type: ignore[union-attr]


def test_quotes_card_shows_every_quote_with_its_credit() -> None:
    answer = make_answer()
    card = quotes_card(answer)
    assert_well_formed(card)
    shown = shown_texts(card)

    for source in SOURCES:
        assert f"“{source.quote}”" in shown
    assert "— Ramy Zakher, 2014-01-17" in shown
    assert "— PMI (Editor, PMI)" in shown
    activity = quotes_activity(answer)
    assert all(s.quote in activity["summary"] for s in SOURCES)


def test_quotes_card_without_quotes_says_so() -> None:
    card = quotes_card(make_answer(sources=()))
    assert label("no_quotes", "en") in shown_texts(card)


def test_long_quotes_are_clipped_to_keep_cards_small() -> None:
    long = Source("x#1", "Long", "P", "A", None, "word " * 2000)
    card = quotes_card(make_answer(sources=(long,) * 20))
    assert len(json.dumps(card)) < 28_000


UNSAFE = [
    "<at>Everyone</at> look",
    "**bold** and _italic_",
    "[click](https://evil.example)",
    "- not a list\n1. not numbered",
    "{{DATE(2017-02-14T06:00:00Z, SHORT)}}",
    "back\\slash `code` ~strike~ # heading > quote | pipe",
]


@pytest.mark.parametrize("text", UNSAFE)
def test_escaping_leaves_no_live_markup(text: str) -> None:
    escaped = escape_markdown(text)

    assert unescape(escaped) == text
    assert re.search(r"(?<!\\)[*_\[\]<>`~#|]", escaped.replace("\\\\", "")) is None
    assert re.search(r"(?m)^\s*([-+]|\d+[.)])\s", escaped) is None
    assert "{{" not in escaped


def test_text_in_cards_cannot_mention_or_link() -> None:
    """Markdown is rendered in TextBlocks only (titles, summary and fallback are plain text)."""
    answer = make_answer(
        title="About <at>Everyone</at>",
        lines=("[click](https://evil.example) **now**",),
        comparison=Comparison("<at>A</at>", "B", (ComparisonRow("f", "_x_", "[y](z)"),)),
        warnings=("<at>CEO</at>",),
    )
    markup = [e["text"] for e in elements(answer_card(answer)) if e["type"] == "TextBlock"]

    assert not any(re.search(r"(?<!\\)<at>", text) for text in markup)
    assert not any(re.search(r"(?<!\\)\]\(", text) for text in markup)
    assert "About <at>Everyone</at>" in [unescape(text) for text in markup]


@pytest.mark.parametrize(
    "data",
    [
        None,
        "ask",
        [],
        {},
        {"rolebot": "delete_everything", "question": "x"},
        {"rolebot": "ask"},
        {"rolebot": "ask", "question": "   "},
        {"rolebot": "ask", "question": 3},
        {"rolebot": "feedback", "question": "q"},
        {"rolebot": "feedback", "question": "q", "helpful": "yes"},
    ],
)
def test_foreign_or_broken_submit_data_is_not_an_action(data: object) -> None:
    assert parse_action(data) is None


def test_submitted_values_are_bounded() -> None:
    action = parse_action(
        {
            "rolebot": "feedback",
            "question": "q" * 5000,
            "helpful": False,
            "intent": 42,
            "roles": ["pmo", 7, "x" * 500],
            "lang": "xx",
            REASON_INPUT: "other",
            COMMENT_INPUT: "c" * 5000,
        }
    )
    assert action is not None
    assert len(action.question) <= 500
    assert action.intent == ""
    assert action.roles == ("pmo", "x" * 100)
    assert action.language == "en"
    assert action.reason is not None and len(action.reason) == MAX_REASON
