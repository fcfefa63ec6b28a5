"""Sources are credited once per document: publisher, kind, date, trust, a few authors."""

from __future__ import annotations

from bot.core.answer import Source
from bot.core.credits import credit_lines, document_credits
from bot.core.engine import Engine
from bot.platforms.slack.render import escape, render_answer
from bot.platforms.teams.render import answer_card


def source(doc: str, author: str | None, *, kind: str = "qa_thread", trust: int = 3) -> Source:
    return Source(
        id=f"{doc}#a{author}",
        title=f"Title of {doc}",
        publisher="Forum.example (community Q&A)",
        author=author,
        date="2021-05-06",
        quote="A quote.",
        kind=kind,
        trust=trust,
    )


def test_one_line_per_document_naming_three_authors_and_a_count_of_the_rest() -> None:
    sources = [source("thread", f"Person {i}") for i in range(6)]
    sources.append(source("page", None, kind="compiled_page", trust=1))
    assert credit_lines(sources) == (
        "Forum.example (Q&A thread), 2021-05-06: answers by Person 0, Person 1, Person 2"
        " and 3 others",
        "Forum.example (compiled web page, low trust), 2021-05-06",
    )


def test_authors_are_listed_once_in_the_order_they_are_cited() -> None:
    sources = [source("t", "B"), source("t", "A"), source("t", "B")]
    [credit] = document_credits(sources)
    assert credit.authors == ("B", "A")
    assert credit_lines(sources)[0].endswith("answers by B and A")


def test_french_lines_use_french_words_and_punctuation() -> None:
    sources = [source("t", f"P{i}") for i in range(4)]
    sources.append(source("x", None, kind="compiled_page", trust=1))
    lines = credit_lines(sources, "fr")
    assert lines[0].endswith(": réponses de P0, P1, P2 et 1 autre")
    assert " :" in lines[0]
    assert "fiabilité faible" in lines[1]


def test_a_document_of_unknown_kind_and_no_date_is_still_named() -> None:
    plain = Source("wiki#1", "Team roles", "Acme intranet", None, None, "q", kind="new_kind")
    assert credit_lines([plain]) == ("Acme intranet",)


def test_the_comparison_reply_credits_its_sources_in_at_most_three_lines(engine: Engine) -> None:
    answer = engine.ask("pmo vs pm?")
    docs = {s.doc for s in answer.sources}
    assert len(docs) >= 2
    # terminal and JSON text
    text = answer.text.splitlines()
    start = next(i for i, line in enumerate(text) if line.startswith("Sources:"))
    section = [line for line in text[start:] if not line.startswith("You can ask")]
    assert len(section) <= 3
    # Slack: one context block, label plus one element per document
    [context] = [
        b
        for b in render_answer(answer)["blocks"]
        if b["type"] == "context" and b["elements"][0]["text"].startswith("*Sources")
    ]
    assert len(context["elements"]) <= 3
    # Teams: the heading plus one line per document
    body = answer_card(answer)["body"]
    start = next(i for i, b in enumerate(body) if b.get("text") == "Sources")
    after = [b for b in body[start + 1 :] if b.get("size") == "Small" and b.get("isSubtle")]
    assert 1 + len(after) <= 3
    for credit in document_credits(answer.sources):
        assert credit.line("en") in answer.text
        assert any(escape(credit.line("en")) == e["text"] for e in context["elements"])
