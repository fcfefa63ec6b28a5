"""Answers composed from claims: hand-made documents and claims added to the shipped
knowledge, asked the way a user would."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from bot.core.knowledge import Dispute
from bot.data.intents_loader import load_intents
from bot.data.paths import default_intents_dir, default_knowledge_dir
from bot.knowledge.curated import load_knowledge
from tests.core.claims_kit import Doc, claim, extend

WIKI = Doc("northwind-roles", "Project roles", "Northwind Logistics (intranet wiki)")
RACI = Doc("northwind-raci", "Delivery RACI", "Northwind Logistics, PMO", trust=3, kind="raci")
ATLAS = Doc("atlas-handbook", "Atlas programme handbook", "Atlas programme office")
FORUM = Doc("chat-forum", "Who reports to whom?", "Some forum", trust=1, kind="qa_thread")
CLAIMS = [
    claim(
        WIKI,
        "s1",
        1,
        ("program_manager",),
        "definition",
        "A programme manager leads a group of related projects towards one set of benefits.",
    ),
    claim(
        WIKI,
        "s2",
        1,
        ("program_manager",),
        "responsibilities",
        "Coordinates the projects of the programme and manages the dependencies between them.",
        duty="Coordinates the projects of the programme and manages the dependencies between them.",
    ),
    claim(
        WIKI,
        "s2",
        2,
        ("program_manager",),
        "responsibilities",
        "Reports benefits to the programme board every quarter.",
        duty="Reports benefits to the programme board every quarter.",
    ),
    claim(
        WIKI,
        "s3",
        1,
        ("portfolio_manager",),
        "responsibilities",
        "Ranks the project proposals against the strategy and balances the portfolio.",
        duty="Ranks the project proposals against the strategy and balances the portfolio.",
    ),
    claim(
        WIKI,
        "s4",
        1,
        ("pmo_analyst", "pmo"),
        "responsibilities",
        "The PMO analyst does not approve scope changes.",
        duty="approve scope changes",
        negated=True,
    ),
    claim(
        WIKI,
        "s5",
        1,
        ("project_manager", "pmo"),
        "reporting",
        "Project managers report to the PMO.",
        relation=("project_manager", "reports_to", "pmo"),
    ),
    claim(
        FORUM,
        "a1",
        1,
        ("pmo", "project_manager"),
        "reporting",
        "The PMO reports to the project manager.",
        relation=("pmo", "reports_to", "project_manager"),
    ),
    claim(
        RACI,
        "t1",
        1,
        ("project_sponsor",),
        "responsibilities",
        "Approve the project budget",
        duty="Approve the project budget",
        raci="A",
    ),
    claim(
        RACI,
        "t1",
        2,
        ("project_manager",),
        "responsibilities",
        "Approve the project budget",
        duty="Approve the project budget",
        raci="R",
    ),
    claim(
        RACI,
        "t2",
        1,
        ("pmo",),
        "responsibilities",
        "Review the vendor shortlist",
        duty="Review the vendor shortlist",
        raci="C",
    ),
    claim(
        RACI,
        "t2",
        2,
        ("project_sponsor",),
        "responsibilities",
        "Review the vendor shortlist",
        duty="Review the vendor shortlist",
        raci="I",
    ),
    claim(
        ATLAS,
        "p1",
        1,
        ("project_manager",),
        "responsibilities",
        "On Atlas the project manager also chairs the weekly risk review.",
        duty="chairs the weekly risk review",
    ),
]
DISPUTES = [
    Dispute(
        "d1",
        ("project_manager", "pmo"),
        "reporting",
        "inverse_relation",
        ("northwind-roles#s5/c1",),
        ("chat-forum#a1/c1",),
    )
]


@pytest.fixture(scope="module")
def bot() -> Engine:
    knowledge, _ = load_knowledge(default_knowledge_dir())
    knowledge = extend(knowledge, [WIKI, RACI, ATLAS, FORUM], CLAIMS, DISPUTES)
    return Engine(load_intents(default_intents_dir()), knowledge)


def _verbatim(bot: Engine, answer) -> None:
    for source in answer.sources:
        _, text = bot.knowledge.quote(source.id)
        assert " ".join(source.quote.split()) in " ".join(text.split()), source


def test_a_role_only_a_document_describes_is_answered_from_its_claims(bot):
    answer = bot.ask("What does a programme manager do?")
    assert (answer.intent, answer.roles, answer.answered) == (
        "responsibilities",
        ("program_manager",),
        True,
    )
    assert "dependencies between them" in answer.text
    assert [s.id for s in answer.sources] == ["northwind-roles#s2"]
    assert answer.sources[0].quote.startswith("Coordinates the projects")
    _verbatim(bot, answer)
    assert len(answer.text) <= 600


def test_a_definition_comes_from_the_definition_claim(bot):
    answer = bot.ask("what is a programme manager?")
    assert answer.answered and "related projects" in answer.text


def test_curated_statements_stay_first_and_other_documents_follow(bot):
    answer = bot.ask("what does the PMO do?")
    assert answer.answered
    assert answer.lines[0].startswith("Manages methodologies")
    docs = {s.doc for s in answer.sources}
    assert "bayt-pmo-vs-project-manager" in docs
    # consulted only (RACI C): not a duty of the PMO; denied duties of another role neither
    assert "vendor shortlist" not in answer.text
    assert "does not approve" not in answer.text


def test_which_role_names_the_accountable_role_of_a_raci_row(bot):
    answer = bot.ask("who approves the project budget?")
    assert (answer.intent, answer.roles, answer.answered) == (
        "which_role",
        ("project_sponsor",),
        True,
    )
    assert answer.sources[0].id == "northwind-raci#t1"
    _verbatim(bot, answer)


def test_consulted_and_informed_cells_name_no_owner(bot):
    answer = bot.ask("who reviews the vendor shortlist?")
    assert "project_sponsor" not in answer.roles
    assert not any(s.doc == "northwind-raci" for s in answer.sources)


def test_a_denied_duty_names_no_owner(bot):
    answer = bot.ask("who approves scope changes?")
    assert "pmo_analyst" not in answer.roles


def test_a_dispute_names_both_sides_higher_trust_first(bot):
    answer = bot.ask("who does a project manager report to?")
    flagged = [w for w in answer.warnings if "Some forum" in w]
    assert flagged, answer.text
    assert flagged[0].index("Northwind") < flagged[0].index("Some forum")
    docs = {s.doc for s in answer.sources}
    assert {"northwind-roles", "chat-forum"} <= docs
    _verbatim(bot, answer)


def test_a_context_the_question_names_picks_that_document(bot):
    answer = bot.ask("what does the project manager do on Atlas?")
    assert answer.answered
    assert [s.doc for s in answer.sources] == ["atlas-handbook"]


def test_a_role_no_document_describes_is_not_covered(bot):
    answer = bot.ask("what does a product manager do?")
    assert answer.answered is False and answer.sources == ()


def test_a_facet_the_documents_leave_open_is_refused_with_answerable_suggestions(bot):
    answer = bot.ask("what skills does a programme manager need?")
    assert answer.answered is False
    assert "What does a programme manager do?" in answer.suggestions
    for suggestion in answer.suggestions:
        assert bot.ask(suggestion).answered, suggestion


def test_a_comparison_is_composed_from_each_roles_claims(bot):
    answer = bot.ask("programme manager vs portfolio manager")
    assert answer.answered and answer.comparison is not None
    row = answer.comparison.rows[0]
    assert "dependencies" in row.left and "portfolio" in row.right
    assert {s.doc for s in answer.sources} == {"northwind-roles"}
    _verbatim(bot, answer)


def test_a_role_added_as_data_is_recognised_and_answered_from_its_claims(tmp_path):
    import shutil

    intents = tmp_path / "intents"
    shutil.copytree(default_intents_dir(), intents)
    (intents / "roles.added.yml").write_text(
        'version: "3.1"\nnlu:\n  - synonym: steering_committee\n    examples: |\n'
        "      - steering committee\n      - project board\n",
        encoding="utf-8",
    )
    board = claim(
        WIKI,
        "s9",
        1,
        ("steering_committee",),
        "responsibilities",
        "The steering committee settles the issues a project manager cannot settle alone.",
        duty="settles the issues a project manager cannot settle alone",
    )
    chair = claim(
        WIKI,
        "s9",
        2,
        ("project_sponsor", "steering_committee"),
        "responsibilities",
        "The project sponsor chairs the steering committee.",
        duty="chairs the steering committee",
    )
    gates = claim(
        RACI,
        "s10",
        1,
        ("pmo_manager",),
        "responsibilities",
        "Chairs the stage-gate reviews.",
        duty="Chairs the stage-gate reviews.",
    )
    knowledge, _ = load_knowledge(default_knowledge_dir())
    engine = Engine(load_intents(intents), extend(knowledge, [WIKI, RACI], [gates, board, chair]))
    answer = engine.ask("what does the project board do?")
    assert (answer.roles, answer.answered) == (("steering_committee",), True)
    assert "settles the issues" in answer.text
    assert answer.title.startswith("Steering committee")
    # the role the duty is about is part of the duty: not whoever chairs anything
    owner = engine.ask("who chairs the project board?")
    assert (owner.intent, owner.roles) == ("which_role", ("project_sponsor",))
