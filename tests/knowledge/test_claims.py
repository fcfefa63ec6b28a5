"""Claims from hand-made documents: one test per way a document says something about a role."""

import pytest

from tests.knowledge.documents_kit import Document, about, build_documents, claims_of

WIKI = """# Roles at Example Rail

## Project sponsor

The project sponsor is the senior manager who answers for the outcome.

- Owns the business case.
- Chairs the project board.

### Skills

- Sound judgement about money.

**Reports to:** the portfolio manager.

## Project controller

- Compares actual spend with the baseline.

**Reports to:** the project manager day to day, and professionally to the PMO manager.

The office is open from 8:00 to 18:00.
"""


@pytest.fixture
def wiki(tmp_path, intents):
    return build_documents(tmp_path, intents, Document("roles.md", WIKI))


def test_list_items_under_a_role_heading_are_its_duties(wiki):
    duties = [c["duty"] for c in about(wiki, "project_sponsor", "responsibilities")]
    assert "Owns the business case" in duties


def test_a_skills_sub_heading_makes_its_items_skills(wiki):
    skills = [c["text"] for c in about(wiki, "project_sponsor", "skills")]
    assert skills == ["Sound judgement about money."]


def test_a_definitional_sentence_is_a_definition(wiki):
    [definition] = about(wiki, "project_sponsor", "definition")
    assert definition["text"].startswith("The project sponsor is the senior manager")


def test_a_reports_to_label_gives_the_section_role_a_reporting_line(wiki):
    [line] = about(wiki, "project_sponsor", "reporting")
    assert line["relation"] == ["project_sponsor", "reports_to", "portfolio_manager"]
    relations = {tuple(c["relation"]) for c in about(wiki, "project_controller", "reporting")}
    assert relations == {
        ("project_controller", "reports_to", "project_manager"),
        ("project_controller", "reports_to", "pmo_manager"),
    }


def test_a_chairs_duty_carries_its_relation_only_for_a_role_object(wiki):
    [chairs] = [c for c in about(wiki, "project_sponsor") if "Chairs" in c["text"]]
    assert chairs["facet"] == "responsibilities" and chairs["relation"] is None


def test_office_clutter_is_no_claim(wiki):
    assert not any("open from" in c["text"] for c in claims_of(wiki))


def test_every_claim_names_its_passage_section_and_trust(wiki):
    for claim in claims_of(wiki):
        assert claim["id"].startswith(claim["passage"] + "/c")
        assert claim["passage"].startswith("roles#")
        assert claim["trust"] == 2 and claim["language"] == "en"
    assert {c["section"] for c in about(wiki, "project_sponsor")} >= {"Project sponsor", "Skills"}


@pytest.mark.parametrize(
    ("sentence", "subject", "facet", "relation"),
    [
        (
            "The project controller reconciles the ledger every month.",
            "project_controller",
            "responsibilities",
            None,
        ),
        ("Coordinators raise blockers to the project manager.", None, None, None),
        (
            "Project coordinators raise blockers at the daily meeting.",
            "project_coordinator",
            "responsibilities",
            None,
        ),
        (
            "A business analyst (BA) is a person who studies how a service works.",
            "business_analyst",
            "definition",
            None,
        ),
        ("PMO stands for project management office.", "pmo", "definition", None),
        (
            "The project analyst reports to the project manager.",
            "project_analyst",
            "reporting",
            ("project_analyst", "reports_to", "project_manager"),
        ),
        (
            "The business analyst is accountable to the project manager for the requirements.",
            "business_analyst",
            "reporting",
            ("business_analyst", "reports_to", "project_manager"),
        ),
        (
            "The PMO works under the project manager.",
            "pmo",
            "reporting",
            ("pmo", "reports_to", "project_manager"),
        ),
        (
            "The project sponsor appoints the project manager.",
            "project_sponsor",
            "responsibilities",
            ("project_sponsor", "appoints", "project_manager"),
        ),
        (
            "The programme manager leads and coaches the project managers.",
            "program_manager",
            "responsibilities",
            ("program_manager", "manages", "project_manager"),
        ),
        (
            "The PMO is chaired by the portfolio manager.",
            "pmo",
            "reporting",
            ("portfolio_manager", "chairs", "pmo"),
        ),
        (
            "The PMO analyst is responsible for the portfolio dashboard.",
            "pmo_analyst",
            "responsibilities",
            None,
        ),
        (
            "A PMO coordinator needs to be organised and good with a spreadsheet.",
            "pmo_coordinator",
            "skills",
            None,
        ),
        (
            "A project coordinator can become a project manager after three years.",
            "project_coordinator",
            "career",
            None,
        ),
        (
            "Le chef de projet rend compte au sponsor de projet.",
            "project_manager",
            "reporting",
            ("project_manager", "reports_to", "project_sponsor"),
        ),
        (
            "Le chef de projet est responsable du planning.",
            "project_manager",
            "responsibilities",
            None,
        ),
        (
            "PMO analysts and project controllers report to the PMO manager.",
            "pmo_analyst",
            "reporting",
            ("pmo_analyst", "reports_to", "pmo_manager"),
        ),
    ],
)
def test_a_sentence_about_a_role(tmp_path, intents, sentence, subject, facet, relation):
    result = build_documents(tmp_path, intents, Document("page.md", f"# Notes\n\n{sentence}\n"))
    claims = claims_of(result)
    if subject is None:
        assert not claims  # "coordinators" alone names no known role
        return
    first = next(c for c in claims if c["roles"][0] == subject)
    assert first["facet"] == facet
    assert first["text"] == sentence
    assert (tuple(first["relation"]) if first["relation"] else None) == relation


def test_a_compound_subject_gives_each_role_its_claim(tmp_path, intents):
    text = "# Lines\n\nPMO analysts and project controllers report to the PMO manager.\n"
    result = build_documents(tmp_path, intents, Document("lines.md", text))
    assert {c["roles"][0] for c in claims_of(result)} == {"pmo_analyst", "project_controller"}


@pytest.mark.parametrize(
    ("sentence", "duty"),
    [
        ("The PMO analyst does not approve changes to scope.", "does not approve changes to scope"),
        (
            "The PMO is not responsible for project budgets.",
            "is not responsible for project budgets",
        ),
        ("Le PMO ne valide pas les budgets.", "ne valide pas les budgets"),
    ],
)
def test_a_denial_is_a_negated_claim(tmp_path, intents, sentence, duty):
    result = build_documents(tmp_path, intents, Document("page.md", f"# Notes\n\n{sentence}\n"))
    [claim] = claims_of(result)
    assert claim["negated"] and claim["duty"] == duty


def test_a_negated_reporting_line_is_kept_negated(tmp_path, intents):
    text = "# PMO\n\nLe PMO n'est pas le supérieur hiérarchique des chefs de projet.\n"
    result = build_documents(tmp_path, intents, Document("page.md", text, kind="wiki"))
    [claim] = claims_of(result)
    assert claim["relation"] == ["pmo", "manages", "project_manager"] and claim["negated"]


def test_a_pronoun_stands_for_the_section_role(tmp_path, intents):
    text = "## Chef de projet\n\n- Il anime l'équipe projet.\n\n## PMO\n\nIt keeps the register.\n"
    result = build_documents(tmp_path, intents, Document("page.md", text))
    assert [c["roles"][0] for c in claims_of(result)] == ["project_manager", "pmo"]
    assert claims_of(result)[0]["language"] == "fr"


def test_a_heading_naming_two_roles_as_a_move_is_about_the_career(tmp_path, intents):
    text = "## From project coordinator to project manager\n\n1. Run one small project.\n"
    result = build_documents(tmp_path, intents, Document("paths.md", text))
    [claim] = claims_of(result)
    assert claim["facet"] == "career"
    assert claim["roles"] == ["project_coordinator", "project_manager"]


def test_a_comparison_heading_scopes_no_role(tmp_path, intents):
    text = "## Product manager or project manager?\n\n- Ships the release.\n"
    result = build_documents(tmp_path, intents, Document("cmp.md", text))
    assert not claims_of(result)


def test_an_faq_question_naming_a_role_scopes_its_answer(tmp_path, intents):
    text = (
        "Learning hub\n\nQ: Which certification should a new project coordinator take?\n"
        "A: Start with CAPM from PMI or PRINCE2. It asks for 23 hours of education.\n"
    )
    result = build_documents(tmp_path, intents, Document("faq.txt", text, kind="faq"))
    assert [c["facet"] for c in about(result, "project_coordinator")] == [
        "certification",
        "certification",
    ]


def test_a_signed_answer_in_the_first_person_is_about_the_authors_role(tmp_path, intents):
    text = (
        "Who do you report to?\n\nAnswered by Ana Diaz (PMO coordinator) on 6 Feb 2023\n"
        "I report to the PMO manager.\n"
    )
    result = build_documents(tmp_path, intents, Document("thread.txt", text, kind="qa_thread"))
    [claim] = about(result, "pmo_coordinator", "reporting")
    assert claim["relation"] == ["pmo_coordinator", "reports_to", "pmo_manager"]


def test_an_alias_the_document_states_is_used_for_its_claims(tmp_path, intents):
    text = (
        "# Office\n\nThe Engineering Delivery Office (EDO) is Quillsoft's project management "
        "office.\n\nThe EDO sets the delivery standards.\n"
    )
    result = build_documents(tmp_path, intents, Document("edo.md", text))
    duties = [c["duty"] for c in about(result, "pmo", "responsibilities")]
    assert duties == ["sets the delivery standards"]


def test_a_role_merely_mentioned_is_not_what_the_claim_is_about(tmp_path, intents):
    text = "# Notes\n\nA PMO analyst lends support to the PMO coordinator.\n"
    result = build_documents(tmp_path, intents, Document("n.md", text))
    assert [c["roles"] for c in claims_of(result)] == [["pmo_analyst"]]


def test_a_rebuild_is_byte_identical(tmp_path, intents):
    build_documents(tmp_path, intents, Document("roles.md", WIKI))
    generated = tmp_path / "generated"
    before = {p.name: p.read_bytes() for p in generated.iterdir()}
    build_documents(tmp_path, intents, Document("roles.md", WIKI))
    assert {p.name: p.read_bytes() for p in generated.iterdir()} == before


def test_a_role_named_as_a_label_is_the_subject_of_what_follows(tmp_path, intents):
    text = (
        "## Skills we hire for\n\nFor product managers: customer research and comfort with data.\n"
    )
    result = build_documents(tmp_path, intents, Document("hire.md", text))
    [claim] = claims_of(result)
    assert (claim["roles"], claim["facet"]) == (["product_manager"], "skills")


def test_a_reporting_verb_after_a_role_mid_sentence_is_a_reporting_claim(tmp_path, intents):
    text = (
        "Staff news\n\nFrom May, the three offices merge into a single Enterprise PMO (EPMO) "
        "reporting to the Chief Financial Officer.\n"
    )
    result = build_documents(tmp_path, intents, Document("news.txt", text, kind="article"))
    [claim] = claims_of(result)
    assert (claim["roles"], claim["facet"], claim["relation"]) == (["pmo"], "reporting", None)


def test_a_certification_recommended_for_roles_is_about_each_of_them(tmp_path, intents):
    text = "# Courses\n\nIt is the certification we recommend for PMO analysts and PMO managers.\n"
    result = build_documents(tmp_path, intents, Document("faq.md", text))
    assert [(c["roles"], c["facet"]) for c in claims_of(result)] == [
        (["pmo_analyst"], "certification"),
        (["pmo_manager"], "certification"),
    ]


def test_a_copy_merged_into_another_document_keeps_its_own_sections_claim(tmp_path, intents):
    guide = Document(
        "guide.txt",
        "Roles\n\nThe project analyst supports the planning. The project analyst reports to "
        "the project manager.\n",
        kind="governance_guide",
        trust="high",
    )
    wiki = Document("wiki.md", "## Project coordinator\n\nReports to: the project manager.\n")
    result = build_documents(tmp_path, intents, guide, wiki)
    assert any(c["copy"].startswith("wiki#") for c in result.report["merged_duplicates"])
    [claim] = [c for c in claims_of(result, "wiki")]
    assert claim["relation"] == ["project_coordinator", "reports_to", "project_manager"]


def test_a_list_introduced_by_a_sentence_naming_a_role_is_its_duties(tmp_path, intents):
    text = (
        "# Our team\n\nThe project coordinator's main duties include:\n\n"
        "- Book the project meetings.\n- Keep the action log.\n"
    )
    result = build_documents(tmp_path, intents, Document("team.md", text))
    assert [(c["roles"], c["duty"]) for c in claims_of(result)] == [
        (["project_coordinator"], "Book the project meetings"),
        (["project_coordinator"], "Keep the action log"),
    ]


def test_sections_about_applying_or_pay_give_no_claims(tmp_path, intents):
    text = (
        "# PMO analyst\n\n## Hiring process\n\n- A short screening call with a recruiter.\n\n"
        "## Compensation\n\n- A yearly bonus for everyone.\n"
    )
    result = build_documents(tmp_path, intents, Document("job.md", text, kind="job_description"))
    assert claims_of(result) == []


def test_a_role_as_a_term_before_a_colon_or_dash(tmp_path, intents):
    text = (
        "# Who is who\n\n- Project sponsor: owns the business case.\n"
        "- PMO – sets the standards every project follows.\n"
    )
    result = build_documents(tmp_path, intents, Document("who.md", text))
    assert [(c["roles"], c["duty"]) for c in claims_of(result)] == [
        (["project_sponsor"], "owns the business case"),
        (["pmo"], "sets the standards every project follows"),
    ]


def test_an_html_definition_list_term_scopes_its_description(tmp_path, intents):
    html = (
        "<html><body><main><h1>Glossary</h1><dl><dt>Project sponsor</dt>"
        "<dd>A senior manager who owns the business case.</dd></dl></main></body></html>"
    )
    result = build_documents(tmp_path, intents, Document("g.html", html, kind="article"))
    [claim] = claims_of(result)
    assert (claim["roles"], claim["facet"]) == (["project_sponsor"], "definition")


def test_a_certification_item_under_qualifications_is_about_certification(tmp_path, intents):
    text = "# PMO analyst\n\n## Qualifications\n\n- PRINCE2 Foundation or CAPM is a plus.\n"
    result = build_documents(tmp_path, intents, Document("job.md", text, kind="job_description"))
    [claim] = claims_of(result)
    assert (claim["roles"], claim["facet"]) == (["pmo_analyst"], "certification")


def test_a_step_under_a_career_move_names_only_the_moves_roles(tmp_path, intents):
    text = "## From PMO analyst to PMO manager\n\n- Manage at least one PMO coordinator.\n"
    result = build_documents(tmp_path, intents, Document("paths.md", text))
    [claim] = claims_of(result)
    assert claim["roles"] == ["pmo_analyst", "pmo_manager"]


def test_a_bold_line_heads_what_follows_in_markdown_and_html(tmp_path, intents):
    md = (
        "# Project coordinator\n\n**Responsibilities**\n\n- Books the meetings.\n\n"
        "**Skills**\n\n- Organised.\n"
    )
    html = (
        "<html><body><main><h1>Project controller</h1><p><strong>Skills</strong></p>"
        "<ul><li>Cost engineering.</li></ul></main></body></html>"
    )
    result = build_documents(
        tmp_path, intents, Document("a.md", md), Document("b.html", html, kind="job_description")
    )
    assert [(c["roles"][0], c["facet"], c["text"]) for c in claims_of(result)] == [
        ("project_coordinator", "responsibilities", "Books the meetings."),
        ("project_coordinator", "skills", "Organised."),
        ("project_controller", "skills", "Cost engineering."),
    ]


@pytest.mark.parametrize(
    ("sentence", "role", "duty"),
    [
        ("Budget approval rests with the project sponsor.", "project_sponsor", "Budget approval"),
        ("The stage plan is approved by the PMO manager.", "pmo_manager", "The stage plan"),
        (
            "The risk log is the responsibility of the project analyst.",
            "project_analyst",
            "The risk log",
        ),
        ("Le budget est validé par le sponsor de projet.", "project_sponsor", "Le budget"),
    ],
)
def test_a_duty_stated_before_its_owner(tmp_path, intents, sentence, role, duty):
    result = build_documents(tmp_path, intents, Document("n.md", f"# Notes\n\n{sentence}\n"))
    [claim] = claims_of(result)
    assert (claim["roles"], claim["facet"], claim["duty"]) == ([role], "responsibilities", duty)


@pytest.mark.parametrize(
    "sentence",
    [
        "A good project manager plans the work carefully.",
        "The role of the project manager is to plan the work.",
    ],
)
def test_a_qualified_subject_is_still_the_role(tmp_path, intents, sentence):
    result = build_documents(tmp_path, intents, Document("n.md", f"# Notes\n\n{sentence}\n"))
    [claim] = claims_of(result)
    assert (claim["roles"], claim["facet"]) == (["project_manager"], "responsibilities")


def test_a_long_introduction_keeps_the_headings_facet(tmp_path, intents):
    text = (
        "## From PMO analyst to PMO manager\n\nA PMO analyst becomes a PMO manager by widening "
        "from reporting on the work to shaping how the work is done. Typical steps:\n\n"
        "- Own the reporting process.\n"
    )
    result = build_documents(tmp_path, intents, Document("paths.md", text))
    assert [c["facet"] for c in claims_of(result)] == ["career", "career"]


def test_the_last_word_of_a_role_heading_stands_for_the_role(tmp_path, intents):
    text = "## Project sponsor\n\nThe sponsor approves the budget of each stage.\n"
    result = build_documents(tmp_path, intents, Document("s.md", text))
    [claim] = claims_of(result)
    assert (claim["roles"], claim["duty"]) == (
        ["project_sponsor"],
        "approves the budget of each stage",
    )


def test_a_members_list_gives_no_duties(tmp_path, intents):
    text = (
        "## Project sponsor\n\nIts members are:\n\n- the project manager;\n- a finance officer.\n"
    )
    result = build_documents(tmp_path, intents, Document("m.md", text))
    assert claims_of(result) == []


def test_a_passive_relation_is_about_its_subject(tmp_path, intents):
    text = "## PMO\n\nIt is chaired by the portfolio manager.\n"
    result = build_documents(tmp_path, intents, Document("p.md", text))
    [claim] = claims_of(result)
    assert claim["roles"] == ["pmo", "portfolio_manager"]
    assert claim["relation"] == ["portfolio_manager", "chairs", "pmo"]


def test_a_budget_figure_in_an_organisations_page_is_content_not_advertising(tmp_path, intents):
    text = (
        "# Change office\n\nThe Change Portfolio Office (CPO) is the bank's portfolio-level PMO. "
        "It looks after every change initiative above £250,000.\n\n"
        "Enrol this week and use code PMO30 for 30% off our PMO course!\n"
    )
    result = build_documents(tmp_path, intents, Document("cpo.md", text))
    assert [p["text"][:10] for p in result.passages] == ["The Change"]
    [alias] = result.report["proposed_aliases"]
    assert alias["names"] == ["Change Portfolio Office", "CPO"]
