"""Roles and aliases documents name that the lexicon does not know, proposed in the report."""

from tests.knowledge.documents_kit import Document, build_documents

GOVERNANCE = """Framework

3.1 Corporate Portfolio Board

The Corporate Portfolio Board is the senior group that decides which projects are funded.

3.2 Project Steering Committee

The Project Steering Committee is a group set up for each major project; it is also
called the project board.

3.3 Senior responsible owner

The senior responsible owner (SRO) is the executive accountable for the benefits.

PSO stands for Project Support Office. The Project Support Office (PSO), also called the
Project Management Office, is the central team for project method.

The PSO keeps the project register.
"""


def test_headings_and_subjects_that_look_like_titles_are_candidate_roles(tmp_path, intents):
    result = build_documents(
        tmp_path, intents, Document("gov.txt", GOVERNANCE, kind="governance_guide")
    )
    candidates = {c["id"]: c for c in result.report["candidate_roles"]}
    assert {
        "corporate_portfolio_board",
        "project_steering_committee",
        "senior_responsible_owner",
    } <= set(candidates)
    assert candidates["senior_responsible_owner"]["names"] == ["senior responsible owner", "SRO"]
    assert candidates["project_steering_committee"]["names"] == [
        "project steering committee",
        "project board",
    ]
    yaml = candidates["senior_responsible_owner"]["yaml"]
    assert yaml.startswith("  - synonym: senior_responsible_owner\n    examples: |\n")
    assert "      - SRO\n" in yaml
    assert any(
        s.startswith("gov:") and "heading" in s
        for s in candidates["senior_responsible_owner"]["seen"]
    )


def test_aliases_a_document_states_for_a_known_role_are_proposed(tmp_path, intents):
    result = build_documents(
        tmp_path, intents, Document("gov.txt", GOVERNANCE, kind="governance_guide")
    )
    [alias] = result.report["proposed_aliases"]
    assert alias["role"] == "pmo"
    assert alias["names"] == ["Project Support Office", "PSO"]
    assert "synonym: pmo" in alias["yaml"] and "      - PSO\n" in alias["yaml"]
    assert any(c["roles"][0] == "pmo" and "register" in c["text"] for c in result.claims)


def test_known_roles_and_their_variants_are_not_proposed(tmp_path, intents):
    text = (
        "## Project manager\n\nThe senior project manager chairs the weekly review.\n\n"
        "## Business analyst\n\nA business analyst (BA) captures requirements.\n"
    )
    result = build_documents(tmp_path, intents, Document("roles.md", text))
    assert result.report["candidate_roles"] == []
    assert result.report["proposed_aliases"] == []


def test_a_shortened_name_of_a_candidate_joins_it(tmp_path, intents):
    text = (
        "Framework\n\n3.1 Corporate Portfolio Board\n\nThe Corporate Portfolio Board is the "
        "senior group that funds projects. The Portfolio Board meets monthly.\n"
    )
    result = build_documents(tmp_path, intents, Document("gov.txt", text, kind="governance_guide"))
    [candidate] = result.report["candidate_roles"]
    assert candidate["names"] == ["corporate portfolio board", "portfolio board"]


def test_a_discipline_spelled_out_for_a_role_acronym_is_no_alias(tmp_path, intents):
    text = "# Notes\n\nGood Project Management (PM) takes practice.\n"
    result = build_documents(tmp_path, intents, Document("n.md", text))
    assert result.report["proposed_aliases"] == []
