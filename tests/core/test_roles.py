import pytest

from bot.core.roles import RoleLexicon, ordered_roles
from bot.core.text import words
from bot.data.intents_loader import load_intents
from bot.data.paths import default_intents_dir


@pytest.fixture(scope="module")
def lexicon() -> RoleLexicon:
    return load_intents(default_intents_dir()).lexicon()


def roles(lexicon: RoleLexicon, text: str) -> tuple[str, ...]:
    return ordered_roles(lexicon.find(words(text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pmo vs pm??", ("pmo", "project_manager")),
        ("PM vs PMO", ("project_manager", "pmo")),
        ("what does a pmo anaylst do", ("pmo_analyst",)),
        ("project controler vs project manger", ("project_controller", "project_manager")),
        ("quelle différence entre un PMO et un chef de projet", ("pmo", "project_manager")),
        ("is a BA the same as a PM", ("business_analyst", "project_manager")),
        ("the PMO's templates and the PMs", ("pmo", "project_manager")),
        ("product PM or project manager", ("product_manager", "project_manager")),
        ("who is the head of the PMO", ("pmo_manager",)),
        ("à qui rapporte l'analyste projet", ("project_analyst",)),
        ("what does a portfolio mgr do", ("portfolio_manager",)),
        ("programme mgr or PMO mgr", ("program_manager", "pmo_manager")),
        ("compétences coordinatrice projet", ("project_coordinator",)),
        ("what does the PMO coordinator do", ("pmo_coordinator",)),
        ("is a PgMO bigger than a PpMO", ("pmo",)),
    ],
)
def test_roles_are_found_in_the_order_named(lexicon, text, expected):
    assert roles(lexicon, text) == expected


def test_longest_name_wins(lexicon):
    found = lexicon.find(words("what does a PMO analyst do"))
    assert [m.name for m in found] == ["pmo analyst"]


def test_short_acronyms_are_not_fuzzy(lexicon):
    assert roles(lexicon, "I need a PR review and a PC") == ()


def test_common_words_are_not_mistaken_for_roles(lexicon):
    assert roles(lexicon, "we manage projects in a project management tool") == ()


def test_unknown_roles_are_recognised_but_not_contract_roles(lexicon):
    found = lexicon.find(words("what does a scrum master do"))
    assert [m.role for m in found] == ["unknown_role"]
    assert ordered_roles(found) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("consultant PMO, coordinateur de projet", ("pmo", "project_coordinator")),
        ("PMO coordinateur", ("pmo_coordinator",)),
        ("the PMO; analyst work", ("pmo",)),
        ("what does a PMO analyst do?", ("pmo_analyst",)),
    ],
)
def test_punctuation_ends_a_role_name(lexicon, text, expected):
    from bot.core.text import breaks

    found = lexicon.find(words(text), breaks=breaks(text))
    assert ordered_roles(found) == expected
