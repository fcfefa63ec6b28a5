"""Clutter rules are generic: text the team wrote, not copied from the sources, is caught."""

import pytest

from bot.knowledge import filters
from bot.knowledge.segment import segment_page, segment_qa_thread

BOOK_PAGE = """\
Grab my latest book, Deadlines Are Friends, signed by me!

The PMO keeps the portfolio dashboard current for the steering committee.

My second book on stakeholder mapping is out now and makes a thoughtful gift for any team lead.

Order your copy today, available at Harbour Street Books and online shops.

Personalize for:

Both of my books are on sale in the shop below
Calm Under Scope
The Gantt Diaries
"""

ADVERT_THREAD = """\
Who should own the risk register, the PMO or the project manager?

Asked by Lena Ortiz, Project coordinator at Brightwell

Answered by Omar Haddad, PMO lead at Castellan Bank

The project manager owns the risk register of the project. The PMO sets its template.

Hi,

In most companies the project manager owns it.

I personally recommend the PMO bootcamp from VANTORA Academy for anyone who wants to grow.

Where to start? Look at their curriculum and the sample lessons first.

The fee is only €250, and the certificate is accepted globally.

VANTORA also runs a mentoring scheme for graduates.
"""


def test_a_book_promotion_written_by_the_team_is_dropped():
    result = segment_page(BOOK_PAGE, "Running a portfolio office")
    texts = [s.text for s in result.segments]
    assert texts == ["The PMO keeps the portfolio dashboard current for the steering committee."]
    reasons = [d.reason for d in result.dropped]
    assert reasons.count(filters.SELF_PROMOTION) == 7, reasons


def test_an_advert_written_by_the_team_is_marked_promotional():
    result = segment_qa_thread(ADVERT_THREAD, "Who should own the risk register?")
    status = {s.text[:30]: s.status for s in result.segments}
    assert status["The project manager owns the r"] == "knowledge"
    assert status["In most companies the project "] == "knowledge"
    promotional = [s.text for s in result.segments if s.status == filters.PROMOTIONAL]
    assert promotional == [
        "I personally recommend the PMO bootcamp from VANTORA Academy for anyone who wants "
        "to grow.",
        # between two adverts: part of the run
        "Where to start? Look at their curriculum and the sample lessons first.",
        "The fee is only €250, and the certificate is accepted globally.",
        # repeats the advertised brand
        "VANTORA also runs a mentoring scheme for graduates.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The fee is $99 per seat.",
        "Each module costs 300 EUR.",
        "I personally suggest a structured course.",
        "We strongly recommend the vendor's package.",
        "Their certificate is affordable and valid and accepted in most countries.",
    ],
)
def test_features_of_advertising(text):
    assert filters.is_advertising(text)


@pytest.mark.parametrize(
    "text",
    [
        "I suggest the PMO starts with a simple project charter template.",
        "The PMO tracks spending across the portfolio.",
        "The certification is widely known among project managers.",
    ],
)
def test_ordinary_sentences_are_not_advertising(text):
    assert not filters.is_advertising(text)


@pytest.mark.parametrize(
    "text",
    [
        "My mentor wrote lovely books about leading teams, and her advice shaped our PMO.",
        "A clear charter was a splendid gift to the new project manager.",
        "In my columns for the staff magazine I describe how a PMO supports projects.",
        "Our PMO found the following resources most useful: a shared calendar and a risk log.",
        "The project analyst reads books on scheduling to improve estimates.",
    ],
)
def test_phrases_alone_are_not_promotion(text):
    assert filters.junk_reason(text) is None


def test_a_brand_token_of_the_title_does_not_spread_promotion():
    texts = ["I personally recommend the PMO handbook.", "A PMO sets standards for projects."]
    assert filters.promotional_flags(texts, "What is a PMO?") == [True, False]
    assert filters.promotional_flags(texts, "Project offices") == [True, True]


@pytest.mark.parametrize(
    "sentence",
    [
        "The PMO /b > sets the standards for every project.",
        "The PMO < i sets the standards for every project.",
        "The PMO sets the <em>standards</em> for every project.",
        "The PMO sets the standards&nbsp;for every project.",
    ],
)
def test_stray_markup_fragments_are_garbled(sentence):
    assert filters.fragment_reason(sentence, "Project offices") == filters.GARBLED


def test_comparisons_are_not_mistaken_for_markup():
    sentence = "Overhead should stay < 5% of the programme budget."
    assert filters.fragment_reason(sentence, "Project offices") is None


def test_a_short_title_used_in_sentences_is_not_keyword_stuffing():
    text = (
        "A PMO analyst supports the PMO with reporting. "
        "The PMO analyst works with project managers on status reports."
    )
    result = segment_page(text, "PMO analyst")
    assert [s.status for s in result.segments] == ["knowledge", "knowledge"]


@pytest.mark.parametrize(
    ("sentence", "stuffed"),
    [
        ("People who read this also like pmo analyst vs project manager today.", True),
        ("PMO analyst vs project manager is not pmo analyst vs project manager at all.", True),
        ("PMO analyst vs project manager: the analyst supports the office.", False),
        ("Our guide (pmo analyst vs project manager) explains the difference.", False),
    ],
)
def test_keyword_stuffing_needs_a_long_title_glued_or_repeated(sentence, stuffed):
    title = "pmo analyst vs project manager"
    assert filters.is_keyword_stuffed(sentence, title) is stuffed


def test_a_long_cut_sentence_with_sign_up_text_inside_is_dropped():
    cut = (
        'As a seasoned programme director once put it,…"A PMO is the memory of the '
        "organisation and the keeper of its standards, which is why it must be staffed by "
        "people who know delivery. or log in Project managers rely on the office for "
        "templates, governance and the lessons learned on earlier projects."
    )
    assert len(cut) > 200
    result = segment_page(f"The PMO sets standards for projects. {cut}", "Project offices")
    assert not any("log in" in s.text for s in result.segments)
    assert any(d.reason == filters.SIGN_UP for d in result.dropped)


def test_breadcrumbs_are_navigation():
    assert filters.junk_reason("Home > Forums > Careers in project management") == "navigation"
    assert filters.junk_reason("Careers › PMO › Analysts › Reporting lines") == "navigation"
