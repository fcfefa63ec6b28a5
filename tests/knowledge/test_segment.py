"""Segmenting threads and bylines in layouts the shipped documents do not use."""

import pytest

from bot.knowledge.segment import Byline, parse_byline, segment_qa_thread

UNSIGNED_THREAD = """\
Home > Community > Roles

Is a PMO analyst the same as a project analyst?

Hi all,

No. A project analyst works for one project manager; a PMO analyst serves the office.

Hello Sam,

In my company the PMO analyst also prepares the portfolio dashboard.

It is a good first job in a PMO.

Related questions
What does a PMO manager do?
"""


def test_a_thread_without_bylines_keeps_question_and_unsigned_answers():
    result = segment_qa_thread(UNSIGNED_THREAD, "Is a PMO analyst the same as a project analyst?")
    by_unit = {s.unit: s for s in result.segments}
    assert by_unit["q"].text == "Is a PMO analyst the same as a project analyst?"
    assert by_unit["a1"].text.startswith("No. A project analyst works for one project manager")
    assert by_unit["a2.1"].text == (
        "In my company the PMO analyst also prepares the portfolio dashboard."
    )
    assert by_unit["a2.2"].text == "It is a good first job in a PMO."
    assert all(s.byline is None for s in result.segments)
    assert not any("Home >" in s.text or "PMO manager do" in s.text for s in result.segments)
    assert [(line, message.split(":")[0]) for line, message in result.warnings] == [
        (3, "the question has no byline"),  # at the question's line
        (3, "no answer byline in this thread"),
    ]


def test_a_thread_without_bylines_or_greetings_is_one_unsigned_answer():
    text = (
        "What does a project controller watch?\n\n"
        "Cost and schedule, mostly.\n\n"
        "They warn the project manager early about overruns.\n"
    )
    result = segment_qa_thread(text, "Project controllers")
    assert [(s.unit, s.byline) for s in result.segments] == [
        ("q", None),
        ("a1.1", None),
        ("a1.2", None),
    ]
    assert result.warnings


def test_a_signed_question_with_unsigned_answers_keeps_the_answers():
    text = (
        "Who approves a change request?\n\nAsked by Ana Lima\n\n"
        "The change board, chaired by the sponsor.\n\nHi,\n\nThe project manager.\n"
    )
    result = segment_qa_thread(text, "Change requests")
    assert [(s.unit, s.text) for s in result.segments] == [
        ("q", "Who approves a change request?"),
        ("a1", "The change board, chaired by the sponsor."),
        ("a2", "The project manager."),
    ]
    assert result.segments[0].byline == Byline("Ana Lima")
    assert [m.split(":")[0] for _, m in result.warnings] == ["no answer byline in this thread"]


def test_a_signed_thread_gives_no_warning():
    text = (
        "What does a PMO coordinator do?\n\nAsked by Ana Lima\n\n"
        "Answered by Ben Cole, PMO coordinator at Vesta\n\n"
        "Hi,\n\nThey keep the PMO calendar and the project records.\n"
    )
    result = segment_qa_thread(text, "PMO coordinators")
    assert result.warnings == []
    answer = next(s for s in result.segments if s.unit == "a1")
    assert answer.text == "They keep the PMO calendar and the project records."
    assert answer.byline == Byline("Ben Cole", "PMO coordinator", "Vesta")


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Jane Doe, Head of PMO at Acme, Inc.", Byline("Jane Doe", "Head of PMO", "Acme, Inc.")),
        ("John Smith, PMP", Byline("John Smith, PMP")),
        (
            "John Smith, PMP, Programme manager at Orion",
            Byline("John Smith, PMP", "Programme manager", "Orion"),
        ),
        (
            "Ahmed Saeed , Supply Chain and Purchasing Manager , Tuff Gear Ltd.",
            Byline("Ahmed Saeed", "Supply Chain and Purchasing Manager", "Tuff Gear Ltd."),
        ),
        (
            "Mia Park , Delivery lead , Nordlys, Ltd",
            Byline("Mia Park", "Delivery lead", "Nordlys, Ltd"),
        ),
        (
            "Priya Raman (Head of Portfolio Office, Meridian Insurance)",
            Byline("Priya Raman", "Head of Portfolio Office", "Meridian Insurance"),
        ),
        ("Ramendra Sunder Sinha PMP", Byline("Ramendra Sunder Sinha PMP")),
        ("Lee Wong, CEO", Byline("Lee Wong", "CEO")),
    ],
)
def test_bylines(byline, expected):
    assert parse_byline(byline) == expected
