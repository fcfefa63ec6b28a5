"""Behaviour a user notices: what is recognised, what is answered, what is refused."""

import pytest

from bot.core.ids import INTENT_IDS, ROLE_IDS


def test_pmo_vs_project_manager_is_a_sourced_side_by_side(engine):
    answer = engine.ask("pmo vs pm??")
    assert (answer.intent, answer.roles, answer.answered) == (
        "compare",
        ("pmo", "project_manager"),
        True,
    )
    assert answer.comparison is not None and answer.comparison.rows
    assert len(answer.text.splitlines()) <= 12
    assert answer.sources and all(s.quote for s in answer.sources)


def test_the_contradicting_claim_is_flagged_as_disputed(engine):
    answer = engine.ask("is the PMO above my project manager?")
    assert answer.intent == "reporting"
    assert answer.warnings, "the low-trust page says the opposite; the answer must say so"


def test_french_question_gets_a_french_answer(engine):
    answer = engine.ask("quelle différence entre un PMO et un chef de projet ?")
    assert answer.language == "fr"
    assert answer.roles == ("pmo", "project_manager")
    assert "Chef de projet" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "asdf qwer zxcv",
        "what's the weather like in Paris tomorrow?",
        "how many days of annual leave do I have left?",
        "my laptop won't connect to the VPN",
        "what is the average salary of a PMO analyst?",
        "what does a scrum master do?",
        "tell me a joke",
        "I've been offered a PMO analyst job at 52k and I think I'm worth 60k. should I push back?",
        "how should a PM track velocity and story points?",
    ],
)
def test_out_of_scope_and_unknown_roles_are_refused_with_suggestions(engine, question):
    answer = engine.ask(question)
    assert answer.answered is False
    assert answer.suggestions
    assert answer.sources == ()


def test_a_role_the_sources_do_not_describe_is_refused_with_related_questions(engine):
    answer = engine.ask("what does a portfolio manager do?")
    assert answer.roles == ("portfolio_manager",)
    assert answer.answered is False
    assert answer.suggestions


@pytest.mark.parametrize(
    "question",
    [
        "who orders pizza for the project team",
        "who runs the daily standup on my project",
        "who fixes my laptop",
    ],
)
def test_unrelated_duties_get_no_confident_owner(engine, question):
    assert engine.ask(question).answered is False


def test_pm_next_to_product_or_a_time_is_not_a_project_manager(engine):
    assert engine.ask("product PM vs project manager").roles == (
        "product_manager",
        "project_manager",
    )
    assert "project_manager" not in engine.ask("can I meet the PMO at 3 pm tomorrow?").roles


def test_a_bare_role_name_is_defined_not_refused(engine):
    for message in ("PMO?", "pmo analyst", "chef de projet ?"):
        answer = engine.ask(message)
        assert (answer.intent, answer.answered) == ("define", True), message


def test_what_pmo_stands_for_gives_the_three_readings(engine):
    answer = engine.ask("what does PMO stand for? is it the prime minister's office?")
    assert answer.intent == "define" and answer.answered
    text = answer.text.lower()
    assert "officer" in text and "prime minister" in text and "management office" in text


def test_a_question_about_a_prime_ministers_office_is_out_of_scope(engine):
    assert engine.ask("what does the PMO in India (Prime Minister's Office) do?").answered is False


def test_answers_are_short(engine):
    for question in ("what does the PMO do?", "pmo vs pm", "who does a project analyst report to?"):
        answer = engine.ask(question)
        rows = len(answer.comparison.rows) if answer.comparison else 0
        assert len(answer.lines) <= 5 and rows <= 8, question


def test_every_line_is_backed_by_a_listed_source(engine):
    answer = engine.ask("what does the PMO do?")
    assert len(answer.sources) >= 2
    assert len({s.id for s in answer.sources}) == len(answer.sources)


def test_a_long_preamble_does_not_hide_the_question(engine):
    answer = engine.ask("context " * 300 + "my actual question: what does a PMO analyst do?")
    assert (answer.intent, answer.roles) == ("responsibilities", ("pmo_analyst",))


def test_a_one_role_question_is_about_the_role_it_asks_about(engine):
    answer = engine.ask(
        "On most of my projects the PM does it all. So what does a project controller do?"
    )
    assert answer.roles == ("project_controller",)


def test_an_unknown_role_in_the_question_means_no_answer(engine):
    for question in (
        "PMO vs scrum master?",
        "do we still need a PM if we have a scrum master?",
        "our PMO keeps hiring agile coaches. the PMs hardly see them. what do they even do?",
        "does a release scheduler sit inside the PMO?",
    ):
        assert engine.ask(question).answered is False, question


def test_which_role_names_the_owner_of_a_duty(engine):
    answer = engine.ask("who do I ask about shared resources?")
    assert (answer.intent, answer.roles, answer.answered) == ("which_role", ("pmo",), True)


def test_a_sum_as_the_limit_of_a_duty_still_asks_who_holds_it(engine):
    plain = engine.ask("who signs off the budget?")
    with_limit = engine.ask("who signs off a budget over $250k?")
    assert plain.answered and plain.intent == "which_role"
    assert (with_limit.intent, with_limit.roles, with_limit.answered) == (
        plain.intent,
        plain.roles,
        True,
    )


def test_empty_or_markup_only_message_gets_help_not_an_error(engine):
    for message in ("", "   ", ":wave: `` **"):  # chat markup: tests/platforms/test_markup.py
        answer = engine.ask(message)
        assert answer.kind == "help"
        assert answer.suggestions


def test_the_json_object_follows_the_contract(engine):
    data = engine.ask("what does PMO stand for?").to_dict()
    assert set(data) == {
        "question",
        "language",
        "intent",
        "roles",
        "confidence",
        "answered",
        "text",
        "sources",
        "suggestions",
    }
    assert data["intent"] in INTENT_IDS
    assert all(r in ROLE_IDS for r in data["roles"])
    assert 0.0 <= data["confidence"] <= 1.0
    for source in data["sources"]:
        assert set(source) == {"id", "title", "publisher", "author", "date", "quote"}


def test_signed_answers_are_credited_to_their_author(engine):
    answer = engine.ask("what is the difference between the PMO and a project manager")
    authors = {s.author for s in answer.sources}
    assert authors & {"Ramy Zakher", "Gaurav Khanna", "Mohammad Tohamy Hussein Hussein"}


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("would an MBA help a PMO analyst?", "certification"),
        ("which course should a PMO analyst take first?", "certification"),
        ("is ITIL useful for someone in the PMO?", "certification"),
        ("une licence pro, ça suffit pour être chef de projet ?", "certification"),
        ("of course we need the PMO, but what does it actually do?", "responsibilities"),
    ],
)
def test_degrees_courses_and_named_credentials_ask_about_certification(engine, question, intent):
    answer = engine.ask(question)
    assert answer.intent == intent
    assert answer.answered is (intent != "certification")  # the sources cover no certificate


@pytest.mark.parametrize(
    ("question", "role"),
    [
        # a duty scoped across projects belongs to the role the sources say works across them
        ("who runs the health checks across all projects?", "pmo"),
        ("who keeps the lessons learned from every project?", "pmo"),
        ("qui tient les retours d'expérience de tous les projets ?", "pmo"),
    ],
)
def test_a_duty_across_projects_belongs_to_the_office(engine, question, role):
    answer = engine.ask(question)
    assert (answer.intent, answer.roles, answer.answered) == ("which_role", (role,), True)


def test_who_approves_across_projects_is_not_read_from_the_scope(engine):
    assert engine.ask("who approves the budget across all projects?").roles != ("pmo",)


@pytest.mark.parametrize(
    "question",
    [
        "what's the best way in to a PMO for a graduate?",
        "how did you get hired as a project manager?",
        "should I apply for PMO analyst roles with no experience?",
        "how do I find a position in a PMO?",
    ],
)
def test_looking_for_a_job_in_a_role_is_a_career_question(engine, question):
    assert engine.ask(question).intent == "career"


@pytest.mark.parametrize(
    ("question", "roles"),
    [
        ("le PMO a-t-il de l'autorité sur les chefs de projet ?", ("pmo", "project_manager")),
        ("does the PMO have control over the project managers?", ("pmo", "project_manager")),
        ("un analyste PMO travaille sous les ordres de qui ?", ("pmo_analyst",)),
    ],
)
def test_authority_and_control_ask_about_the_reporting_line(engine, question, roles):
    answer = engine.ask(question)
    assert (answer.intent, answer.roles) == ("reporting", roles)
