"""Contradictions found between documents, the more trusted side first."""

from tests.knowledge.documents_kit import Document, build_documents

FRAMEWORK = Document(
    "framework.txt",
    "Reporting\n\nProject managers report to the PMO for method.\n\n"
    "The PMO does not approve project budgets.\n",
    kind="governance_guide",
    trust="high",
)
FORUM = Document(
    "forum.txt",
    "Who is the boss?\n\nAnswered by Sam Lee (Project manager) on 5 Feb 2023\n"
    "Where I work the PMO reports to the project manager. Also, the PMO approves the "
    "project budget before it goes to the sponsor.\n",
    kind="qa_thread",
    trust="low",
)
WIKI = Document(
    "wiki.md",
    "## PMO\n\nLe PMO n'est pas le supérieur hiérarchique des chefs de projet.\n",
)


def _disputes(result):
    return {(d["kind"], tuple(d["roles"])): d for d in result.disputes}


def test_opposite_reporting_lines_are_an_inverse_relation_dispute(tmp_path, intents):
    result = build_documents(tmp_path, intents, FORUM, FRAMEWORK)
    dispute = _disputes(result)[("inverse_relation", ("pmo", "project_manager"))]
    assert all(i.startswith("framework#") for i in dispute["first"])
    assert all(i.startswith("forum#") for i in dispute["second"])
    assert dispute["facet"] == "reporting"


def test_a_denied_duty_against_an_asserted_one_is_a_denial(tmp_path, intents):
    result = build_documents(tmp_path, intents, FORUM, FRAMEWORK)
    dispute = _disputes(result)[("denial", ("pmo",))]
    claims = {c["id"]: c for c in result.claims}
    assert [claims[i]["text"] for i in dispute["first"]] == [
        "The PMO does not approve project budgets."
    ]
    assert all(not claims[i]["negated"] for i in dispute["second"])


def test_a_denied_reporting_line_disputes_the_asserted_one_across_languages(tmp_path, intents):
    result = build_documents(tmp_path, intents, WIKI, FRAMEWORK)
    dispute = _disputes(result)[("denial", ("pmo", "project_manager"))]
    assert dispute["first"][0].startswith("framework#")
    assert dispute["second"][0].startswith("wiki#")


def test_one_document_does_not_dispute_itself(tmp_path, intents):
    text = (
        "# Lines\n\nProject managers report to the PMO.\n\nThe PMO reports to the project "
        "manager.\n"
    )
    result = build_documents(tmp_path, intents, Document("self.md", text))
    assert result.disputes == []


def test_the_report_lists_the_disputes(tmp_path, intents):
    result = build_documents(tmp_path, intents, FORUM, FRAMEWORK)
    assert {d["id"] for d in result.report["disputes"]} == {d["id"] for d in result.disputes}
