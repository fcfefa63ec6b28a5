"""Duty terms and duty owners, on hand-made word groups and claims (no shipped YAML), then on
the shipped ``intents/duties.yml``."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.compose.duties import has_phrase
from bot.core.compose.duty_terms import (
    MODIFIER,
    OBJECT,
    ROLE,
    VERB,
    DutyGroup,
    DutyTerms,
    duty_stem,
    groups_from,
)
from bot.core.compose.owners import DutyClaims, DutyQuestion, first_compound
from bot.core.knowledge import Knowledge
from bot.core.text import words
from bot.data.errors import ValidationError
from bot.data.intents_loader import load_intents
from bot.data.paths import default_intents_dir
from tests.core.claims_kit import Doc, claim, extend

GROUPS = (
    DutyGroup("approve", VERB, ("approve", "sign off", "valider")),
    DutyGroup("maintain", VERB, ("maintain", "keep", "kept", "tenir a jour")),
    DutyGroup("chair", VERB, ("chair",)),
    DutyGroup("budget", OBJECT, ("budget", "funding")),
    DutyGroup("register", OBJECT, ("register", "log")),
    DutyGroup("risk", OBJECT, ("risk", "risque")),
    DutyGroup("weekly", MODIFIER, ("weekly",)),
    DutyGroup("duty_ignore", "", ("in charge", "take")),
    DutyGroup("duty_boundary", "", ("before",)),
    DutyGroup("duty_question", "", ("who", "qui")),
    DutyGroup("duty_break", "", ("and", "for", "at")),
    DutyGroup("duty_auxiliary", "", ("should",)),
)
ROLE_NAMES = (
    ("project_manager", ("project", "manager")),
    ("project_manager", ("pm",)),
    ("pmo", ("pmo",)),
    ("steering_committee", ("project", "board")),
)
READER = DutyTerms(GROUPS, ROLE_NAMES)


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("approves", "approv"),
        ("approval", "approval"),
        ("approuver", "approuv"),
        ("standardisation", "standard"),
        ("standards", "standard"),
        ("planning", "plan"),
        ("filling", "fill"),
        ("process", "process"),
        ("processes", "process"),
        ("status", "status"),
        ("dependencies", "dependenc"),
        ("dependency", "dependenc"),
        ("validee", "valid"),
        ("pmo's", "pmo"),
    ],
)
def test_the_light_stem_gives_one_form_to_a_words_inflections(word: str, stem: str) -> None:
    assert duty_stem(word) == stem


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("who signs off the funding?", [("approve", VERB), ("budget", OBJECT)]),
        ("qui valide le budget", [("approve", VERB), ("budget", OBJECT)]),
        # a form the group does not list is read word by word
        ("tient à jour le registre", [("tient", OBJECT), ("jour", OBJECT), ("registr", OBJECT)]),
        (
            "tenir à jour le log des risques",
            [("maintain", VERB), ("register", OBJECT), ("risk", OBJECT)],
        ),
        (
            "who is in charge of the weekly risk log",
            [("weekly", MODIFIER), ("risk", OBJECT), ("register", OBJECT)],
        ),
        (
            "who keeps the risk log, the PM?",
            [
                ("maintain", VERB),
                ("risk", OBJECT),
                ("register", OBJECT),
                ("@project_manager", ROLE),
            ],
        ),
        ("who chairs the project board", [("chair", VERB), ("@steering_committee", ROLE)]),
        ("the project managers' budget", [("@project_manager", ROLE), ("budget", OBJECT)]),
        ("who takes the minutes", [("minut", OBJECT)]),
        ("who approves it actually", [("approve", VERB)]),
    ],
)
def test_words_become_group_terms_roles_and_objects(text: str, terms: list) -> None:
    found = [(t.key, t.kind) for t in READER.terms(words(text))]
    assert found == terms


def test_words_after_a_boundary_or_before_the_asking_word_are_secondary() -> None:
    found = READER.question_terms(
        words("the pmo is new and who approves the budget before go-live")
    )
    assert [(t.key, t.secondary) for t in found] == [
        ("approve", False),
        ("budget", False),
        ("live", True),
        ("@pmo", True),
        ("new", True),
    ]


@pytest.mark.parametrize(
    ("text", "verb", "compound"),
    [
        # the word after the asking word is the verb, listed in a group or not
        ("who reconciles the costs", "reconcil", ["cost"]),
        ("who should reconcile the ledger", "reconcil", ["ledg"]),
        # objects named together are one compound, up to a break word
        ("who keeps the supplier register", "maintain", ["suppli", "register"]),
        ("who keeps the risk and issue logs", "maintain", ["risk"]),
        ("who chairs the review for the board", "chair", ["review"]),
    ],
)
def test_a_question_reads_its_verb_and_its_first_compound(
    text: str, verb: str, compound: list[str]
) -> None:
    found = READER.question_terms(words(text))
    assert found[0].key == verb and found[0].kind == VERB
    assert sorted(t.key for t in first_compound(found)) == sorted(compound)


def test_two_groups_sharing_a_stemmed_phrase_are_reported() -> None:
    reader = DutyTerms((DutyGroup("a", VERB, ("organise",)), DutyGroup("b", OBJECT, ("organ",))))
    assert reader.collisions() == [("organ",)]
    assert READER.collisions() == []


# -- owners, on hand-made claims ---------------------------------------------------------
WIKI = Doc("oakfield-roles", "Roles", "Oakfield Water (wiki)")
RACI = Doc("oakfield-raci", "RACI", "Oakfield Water, PMO", trust=3, kind="raci")
OTHER = Doc("birchway-roles", "Roles", "Birchway Rail (wiki)")


def _duty(doc: Doc, unit: str, role: str, text: str, raci: str = "", n: int = 1):
    return claim(doc, unit, n, (role,), "responsibilities", text, duty=text, raci=raci)


CLAIMS = [
    _duty(WIKI, "s1", "project_manager", "Maintains the risk register and the issue log"),
    _duty(WIKI, "s2", "pmo", "Keeps the corporate project register"),
    _duty(WIKI, "s3", "project_coordinator", "Books the meetings and takes the minutes"),
    _duty(RACI, "t1", "project_sponsor", "Approve the project budget", "A"),
    _duty(RACI, "t1", "project_manager", "Approve the project budget", "R", 2),
    _duty(RACI, "t1", "pmo", "Approve the project budget", "C", 3),
    _duty(WIKI, "s4", "pmo_manager", "Chairs the stage reviews"),
    _duty(OTHER, "s1", "pmo_analyst", "Chairs the stage reviews"),
    _duty(OTHER, "s2", "project_sponsor", "Chairs the project board"),
    _duty(
        OTHER,
        "s3",
        "project_coordinator",
        "Keeps the plan and the action log current, approves the supplier contracts",
    ),
    _duty(OTHER, "s4", "pmo_manager", "Approves the method, the templates and the stage budget"),
]
EMPTY = Knowledge({}, (), {}, (), {}, {}, {})
OWNERS = DutyClaims(extend(EMPTY, [WIKI, RACI, OTHER], CLAIMS), READER)


@pytest.mark.parametrize(
    ("question", "among", "roles"),
    [
        ("who signs off the funding", (), ("project_sponsor",)),  # accountable: A
        ("qui valide le budget", (), ("project_sponsor",)),
        ("who keeps the risk log", (), ("project_manager",)),
        (
            "who is in charge of the risk log, the PM or the PMO",
            ("project_manager", "pmo"),
            ("project_manager",),
        ),
        ("who chairs the project board", (), ("project_sponsor",)),
        # two documents give one duty to two roles: both are named
        ("who chairs the stage reviews", (), ("pmo_manager", "pmo_analyst")),
        # a verb alone, or an object nobody is said to handle, names nobody
        ("who approves the holiday requests", (), None),
        ("who maintains the supplier register", (), None),
        ("who keeps the fire safety log", (), None),
        ("who approves", (), None),
        # a duty is found within one clause of a line; a clause without a verb is a list
        ("who keeps the supplier log", (), None),
        ("who approves the templates and the stage budget", (), ("pmo_manager",)),
    ],
)
def test_a_duty_names_its_owner_only_when_its_object_matches(
    question: str, among: tuple[str, ...], roles: tuple[str, ...] | None
) -> None:
    asked = DutyQuestion.read(words(question), READER, among)
    found = OWNERS.match(asked, among)
    assert (sorted(found.roles) if found else None) == (sorted(roles) if roles else None)


def test_a_question_naming_a_document_is_answered_from_it_first() -> None:
    asked = DutyQuestion.read(words("who chairs the stage reviews"), READER)
    found = OWNERS.match(asked, context=frozenset({"birchway-roles"}))
    assert found is not None and found.roles == ("pmo_analyst",)


def test_a_lines_own_role_is_not_the_role_a_duty_is_about() -> None:
    board = _duty(OTHER, "s9", "steering_committee", "The project board directs the work")
    owners = DutyClaims(extend(EMPTY, [WIKI, RACI, OTHER], [*CLAIMS, board]), READER)
    found = owners.match(DutyQuestion.read(words("who chairs the project board"), READER))
    assert found is not None and found.roles == ("project_sponsor",)


def test_a_duty_three_documents_give_to_three_roles_names_nobody() -> None:
    third = Doc("cedarhold-roles", "Roles", "Cedarhold Energy (wiki)")
    claims = [*CLAIMS, _duty(third, "s1", "project_coordinator", "Chairs the stage reviews")]
    owners = DutyClaims(extend(EMPTY, [WIKI, RACI, OTHER, third], claims), READER)
    assert owners.match(DutyQuestion.read(words("who chairs the stage reviews"), READER)) is None


def test_a_tie_keeps_one_claim_per_role_as_its_source() -> None:
    found = OWNERS.match(DutyQuestion.read(words("who chairs the stage reviews"), READER))
    assert found is not None
    assert sorted((c.roles[0], c.doc) for c in found.claims) == [
        ("pmo_analyst", "birchway-roles"),
        ("pmo_manager", "oakfield-roles"),
    ]


# -- the shipped word groups -------------------------------------------------------------
SHIPPED = load_intents(default_intents_dir())
SHIPPED_READER = DutyTerms(
    groups_from(SHIPPED.duties), ((n.role, n.tokens) for n in SHIPPED.role_names)
)


def test_the_shipped_groups_load_without_stem_collisions() -> None:
    assert len(groups_from(SHIPPED.duties)) > 30
    assert SHIPPED_READER.collisions() == []


def _keys(text: str) -> list[str]:
    return [t.key for t in SHIPPED_READER.question_terms(words(text)) if t.kind != ROLE]


@pytest.mark.parametrize(
    ("question", "duty"),
    [
        ("who signs off the project budget?", "Approves the project budget"),
        ("qui valide le budget ?", "approves the budget"),
        ("who keeps the risk log?", "Maintains the risk register"),
        ("qui tient à jour le registre des risques ?", "maintains the risk register"),
        ("who puts together the weekly progress report?", "Prepares the weekly status report"),
        ("who predicts the final cost?", "Forecasts the cost at completion"),
    ],
)
def test_shipped_groups_read_a_paraphrase_as_the_duty_it_names(question: str, duty: str) -> None:
    assert set(_keys(question)) == set(_keys(duty))


def test_a_phrase_in_two_duty_groups_is_refused_with_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "intents"
    folder.mkdir()
    (folder / "duties.yml").write_text(
        'version: "3.1"\nnlu:\n'
        "  - lookup: duty_verb_approve\n    examples: |\n      - sign off\n"
        "  - lookup: duty_verb_close\n    examples: |\n      - Sign off\n"
        "  - lookup: duty_thing_budget\n    examples: |\n      - budget\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        load_intents(folder)
    found = [str(p) for p in caught.value.problems]
    assert any(
        "duties.yml:8" in p and "already in duty_verb_approve (duties.yml:5)" in p for p in found
    ), found
    assert any(
        "duties.yml:9" in p and "unknown lookup table 'duty_thing_budget'" in p for p in found
    ), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("who owns the templates every project uses", True),
        ("across all our projects who tracks it", True),
        ("who keeps the project's risk register", False),
        ("every week the project", False),  # the words are there, not in a row
    ],
)
def test_a_phrase_scoping_a_duty_across_projects_is_found_in_a_row(text, expected):
    phrases = (("every", "project"), ("across", "all", "our", "projects"))
    assert has_phrase(words(text), phrases) is expected
