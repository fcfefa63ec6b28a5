"""Common page layouts a company's documents come in: lettered duty lists in method manuals,
labelled lines in job families, bold role labels on team pages, French job postings and
reStructuredText grid tables. Each test is one layout, written small."""

from bot.knowledge.build import run_build
from bot.knowledge.formats import parse
from bot.knowledge.formats.blocks import ITEM, TABLE
from tests.knowledge.documents_kit import Document, about, build_documents, claims_of


def _texts(claims):
    return {c["text"] for c in claims}


def test_lettered_items_on_their_own_lines_are_list_items_in_plain_text():
    text = "5.2 Sponsor\n\nThe sponsor shall:\n\n(a) own the case;\nb) fund it;\n(iv) end it."
    items = [b.text for b in parse("text", text).blocks if b.kind == ITEM]
    assert items == ["own the case;", "fund it;", "end it."]


def test_a_lettered_list_under_a_numbered_role_heading_gives_one_duty_per_letter(tmp_path, intents):
    text = (
        "CHAPTER 3 ORGANISATION\n\n3.1 Project Controller\n\n"
        "The Project Controller keeps the numbers. Duties:\n\n"
        "(a) maintain the cost baseline;\n(b) forecast the outturn cost.\n"
    )
    result = build_documents(tmp_path, intents, Document("manual.txt", text, kind="standard"))
    duties = {c["duty"] for c in about(result, "project_controller", "responsibilities")}
    assert {"maintain the cost baseline", "forecast the outturn cost"} <= duties


def test_a_lettered_list_run_into_a_paragraph_is_split_into_duties(tmp_path, intents):
    text = (
        "3.2 Project Manager\n\nThe Project Manager runs the project day to day. The Project "
        "Manager is expected to (a) write the plans; (b) keep the risk register; and (c) report "
        "every month. The Project Manager reports to the sponsor.\n"
    )
    result = build_documents(tmp_path, intents, Document("manual.txt", text, kind="standard"))
    pm = about(result, "project_manager")
    assert {"write the plans", "keep the risk register", "report every month"} <= _texts(pm)
    assert any(c["relation"] == ["project_manager", "reports_to", "project_sponsor"] for c in pm)
    # "(PMO)" or a single "(a)" is no list
    assert not any(c["text"].startswith("(a)") for c in pm)


def test_labelled_lines_of_a_job_family_give_their_facets(tmp_path, intents):
    text = (
        "# Career framework: delivery job family\n\n## Level 2\n\n### PMO Analyst\n\n"
        "Scope: Turns project data into a monthly picture of the portfolio.\n\n"
        "**You will:**\n\n- build the portfolio dashboard\n- check forecasts against plans\n\n"
        "**Reports to:** the PMO Manager.\n\n"
        "Requirements: strong spreadsheet skills and a clear way of writing.\n\n"
        "Nice to have: the P3O Foundation certificate.\n"
    )
    result = build_documents(tmp_path, intents, Document("family.md", text, kind="handbook"))
    facets = {c["text"]: c["facet"] for c in about(result, "pmo_analyst")}
    assert facets["Scope: Turns project data into a monthly picture of the portfolio."] == (
        "definition"
    )
    assert facets["build the portfolio dashboard"] == "responsibilities"
    assert facets["Requirements: strong spreadsheet skills and a clear way of writing."] == (
        "skills"
    )
    assert facets["Nice to have: the P3O Foundation certificate."] == "certification"
    assert facets["Reports to: the PMO Manager."] == "reporting"
    assert "career" not in facets.values()  # the page title is no career move


def test_later_sentences_of_a_bold_label_item_are_about_its_role(tmp_path, intents):
    text = (
        "## Staff roles\n\n- **Project coordinator**: keeps the release calendar and chases "
        "reviews. The project coordinator does not merge code.\n"
        "- **Release captain**: tags the release. Rotates every cycle.\n"
    )
    result = build_documents(tmp_path, intents, Document("team.md", text))
    coordinator = about(result, "project_coordinator")
    denial = [c for c in coordinator if c["negated"]]
    assert [c["text"] for c in denial] == ["The project coordinator does not merge code."]
    assert len(claims_of(result)) == 2  # the release captain is no known role
    candidates = {c["id"] for c in result.report["candidate_roles"]}
    assert candidates == {"release_captain"}  # proposed from its label


def test_a_second_clause_reporting_to_an_unknown_body_is_its_subjects_reporting_line(
    tmp_path, intents
):
    text = (
        "## Who reports to whom\n\nThe product manager reports to the executive director, "
        "and the programme manager reports to the foundation board.\n"
    )
    result = build_documents(tmp_path, intents, Document("team.md", text))
    assert about(result, "program_manager", "reporting")
    assert about(result, "product_manager", "reporting")


def test_a_french_job_posting_names_its_role_after_the_posting_label(tmp_path, intents):
    text = (
        "<html><body><main><h1>Fiche de poste : Analyste PMO (H/F)</h1>"
        "<h2>Activités principales</h2><ul><li>Consolider les indicateurs des projets.</li></ul>"
        "<h2>Profil recherché</h2><p>Formation en gestion et goût pour les chiffres.</p>"
        "<h2>Rattachement hiérarchique</h2><p>Le poste est rattaché au responsable du PMO.</p>"
        "<h2>Rémunération</h2><p>Selon profil, titres-restaurant et télétravail.</p>"
        "</main></body></html>"
    )
    result = build_documents(
        tmp_path, intents, Document("fiche.html", text, kind="job_description")
    )
    facets = {c["text"]: (c["facet"], c["relation"]) for c in about(result, "pmo_analyst")}
    assert facets["Consolider les indicateurs des projets."][0] == "responsibilities"
    assert facets["Formation en gestion et goût pour les chiffres."][0] == "skills"
    assert facets["Le poste est rattaché au responsable du PMO."] == (
        "reporting",
        ["pmo_analyst", "reports_to", "pmo_manager"],
    )
    assert len(facets) == 3  # pay is no role content


RST_GRID = """Roles
=====

+----------------------+-----------+-------------+
| Activity             | Project   | PMO analyst |
|                      | sponsor   |             |
+======================+===========+=============+
| Approve the funding  | A         | I           |
+----------------------+-----------+-------------+
| Compile the          |           | R/A         |
| programme dashboard  |           |             |
+----------------------+-----------+-------------+

Lines
=====

+--------------------+----------------------------+------------------------+
| Role               | Main purpose               | Reports to             |
+====================+============================+========================+
| PMO analyst        | Gathers progress data.     | The programme manager  |
+--------------------+----------------------------+------------------------+
"""


def test_a_restructuredtext_grid_table_is_read_with_its_wrapped_cells():
    [raci, _] = [b for b in parse("rst", RST_GRID).blocks if b.kind == TABLE]
    assert [r.cells for r in raci.rows] == [
        ("Activity", "Project sponsor", "PMO analyst"),
        ("Approve the funding", "A", "I"),
        ("Compile the programme dashboard", "", "R/A"),
    ]
    assert raci.rows[0].header and not raci.rows[1].header


def test_grid_tables_give_raci_claims_and_reporting_lines(tmp_path, intents):
    result = build_documents(tmp_path, intents, Document("roles.rst", RST_GRID, kind="rst"))
    cells = {(c["duty"], c["roles"][0], c["raci"]) for c in claims_of(result) if c["raci"]}
    assert ("Compile the programme dashboard", "pmo_analyst", "R") in cells
    assert ("Approve the funding", "project_sponsor", "A") in cells
    [line] = about(result, "pmo_analyst", "reporting")
    assert line["relation"] == ["pmo_analyst", "reports_to", "program_manager"]
    [purpose] = about(result, "pmo_analyst", "definition")
    assert purpose["text"] == "Gathers progress data."


def test_a_restructuredtext_simple_table_is_read():
    text = (
        "=================  ========  ===\nActivity           Sponsor   PMO\n"
        "=================  ========  ===\nApprove the budget A         C\n"
        "Set the standards  I         R/A\n                   \n"
        "=================  ========  ===\n"
    )
    [table] = [b for b in parse("rst", text).blocks if b.kind == TABLE]
    assert table.rows[0].cells == ("Activity", "Sponsor", "PMO")
    assert table.rows[-1].cells == ("Set the standards", "I", "R/A")


def test_a_job_postings_title_names_the_role_of_its_unscoped_sections(tmp_path, intents):
    text = (
        "VALDEN SA\nOffre d'emploi\n\nMISSIONS\n\n• Tenir le planning des projets.\n\n"
        "RATTACHEMENT\n\nLe poste est rattaché au chef de projet.\n"
    )
    doc = Document("fiche.txt", text, kind="job_description")
    result = build_documents(tmp_path, intents, doc)
    assert not claims_of(result)  # the catalogue title is the file name here: no role
    sources = tmp_path / "sources" / "sources.yaml"
    sources.write_text(
        sources.read_text().replace(
            'title: "fiche.txt"', 'title: "Fiche de poste : Coordinateur(trice) de projet"'
        )
    )
    result = run_build(tmp_path, intents)
    facets = {c["text"]: c["facet"] for c in about(result, "project_coordinator")}
    assert facets == {
        "Tenir le planning des projets.": "responsibilities",
        "Le poste est rattaché au chef de projet.": "reporting",
    }


def test_inclusive_french_forms_name_the_role(tmp_path, intents):
    text = (
        "## Rattachement\n\nLe/la coordinateur(trice) PMO est rattaché(e) au responsable du PMO.\n"
    )
    result = build_documents(tmp_path, intents, Document("fiche.md", text))
    [claim] = about(result, "pmo_coordinator")
    assert claim["relation"] == ["pmo_coordinator", "reports_to", "pmo_manager"]


def test_a_role_introduced_with_who_is_the_subject_of_its_clause(tmp_path, intents):
    text = (
        "## Support\n\nThe programme also employs a full-time project controller who keeps "
        "the cost plan for every project.\n\nThe acronym PMO, which many people misread, "
        "means project management office.\n"
    )
    result = build_documents(tmp_path, intents, Document("roles.md", text))
    [claim] = about(result, "project_controller")
    assert claim["facet"] == "responsibilities" and "cost plan" in claim["duty"]


def test_a_paragraph_opening_with_a_role_label_is_about_that_role(tmp_path, intents):
    html = (
        "<html><body><main><h2>Programme roles</h2><p><strong>Programme manager.</strong> "
        "Runs the programme day to day. She chairs the delivery meeting and reports to the "
        "Harbour Board.</p><p>The portfolio manager looks across all programmes. He is not "
        "involved in running the projects.</p></main></body></html>"
    )
    result = build_documents(tmp_path, intents, Document("roles.html", html))
    programme = about(result, "program_manager")
    assert "Runs the programme day to day." in _texts(programme)
    assert any(c["facet"] == "reporting" for c in programme)
    portfolio = about(result, "portfolio_manager")
    assert [c["negated"] for c in portfolio] == [False, True]  # "He" is the portfolio manager


def test_items_indented_under_a_bold_label_item_are_its_duties(tmp_path, intents):
    text = (
        "Paid roles\n==========\n\n* **Project coordinator** (part time)\n\n"
        "  * runs the weekly triage meeting\n  * tracks the milestones\n\n"
        "  The coordinator has no say over which changes are merged.\n\n"
        "* **Release captain** (volunteer)\n\n  * tags the release\n"
    )
    result = build_documents(tmp_path, intents, Document("team.rst", text, kind="rst"))
    coordinator = about(result, "project_coordinator")
    assert {"runs the weekly triage meeting", "tracks the milestones"} <= _texts(coordinator)
    assert [c["negated"] for c in coordinator if "no say" in c["text"]] == [True]
    assert len(claims_of(result)) == 3  # the release captain is no known role


def test_a_section_named_in_the_methods_own_words_is_the_known_role_it_says_it_is(
    tmp_path, intents
):
    text = (
        "2 ROLES\n\n2.1 Investment Owner\n\nIn this method, the Investment Owner is the "
        "project sponsor.\n\nDuties of the Investment Owner\na. Release funding one phase at a "
        "time.\nb. Appoint the Change Lead.\n\n2.2 Requirements Lead\n\nThe Requirements Lead "
        "(the business analyst in other methods) writes the user stories.\n\n2.3 Support Officer"
        "\n\nThe officer keeps the document library.\n\n2.4 The Gate Panel\n\nIt meets at "
        "each gate.\n\n2.5 Mapping\n\nStaff who know other methods will find that the Support "
        "Officer plays the part of a project coordinator and the Gate Panel is the steering "
        "committee.\n"
    )
    result = build_documents(tmp_path, intents, Document("method.txt", text, kind="standard"))
    duties = {c["duty"] for c in about(result, "project_sponsor", "responsibilities")}
    assert {"Release funding one phase at a time", "Appoint the Change Lead"} <= duties
    assert about(result, "business_analyst", "responsibilities")
    aliases = {a["role"]: a["names"] for a in result.report["proposed_aliases"]}
    assert aliases["project_sponsor"] == ["Investment Owner"]
    assert aliases["business_analyst"] == ["Requirements Lead"]
    assert aliases["project_coordinator"] == ["Support Officer"]
    candidates = {c["id"] for c in result.report["candidate_roles"]}
    assert not any(c.startswith("duties_of") for c in candidates)


def test_a_wrapped_lettered_item_goes_on_until_its_sentence_ends():
    text = (
        "The sponsor shall:\n\n(a) own the business case and keep it\ncurrent for the whole "
        "scheme;\n(b) secure the funding.\nThe board meets monthly.\n"
    )
    blocks = [(b.kind, b.text) for b in parse("text", text).blocks]
    assert blocks[1:] == [
        (ITEM, "own the business case and keep it current for the whole scheme;"),
        (ITEM, "secure the funding."),
        ("paragraph", "The board meets monthly."),
    ]


def test_a_run_on_line_of_duties_gives_one_duty_per_clause(tmp_path, intents):
    text = (
        "## B3 – Lead Business Analyst\n\nYou will set the analysis standards, assign analysts "
        "to projects, review their work and coach them.\n"
    )
    result = build_documents(tmp_path, intents, Document("family.md", text, kind="handbook"))
    duties = {c["duty"] for c in about(result, "business_analyst", "responsibilities")}
    assert duties == {
        "set the analysis standards",
        "assign analysts to projects",
        "review their work and coach them",
    }


def test_a_french_role_profile_with_labelled_fields(tmp_path, intents):
    text = (
        "FICHE MÉTIER\nDirecteur / Directrice de programme\n\n"
        "Famille : Pilotage de projets\nN+1 : Gestionnaire de portefeuille\n"
        "Finalité du poste : Conduire un programme de projets liés.\n\n"
        "Principales activités :\n– Présider le comité de programme.\n"
        "– Arbitrer les ressources partagées.\n\n"
        "Évolutions possibles : gestionnaire de portefeuille.\n"
    )
    result = build_documents(tmp_path, intents, Document("fiche.txt", text, kind="job_description"))
    sources = tmp_path / "sources" / "sources.yaml"
    sources.write_text(
        sources.read_text().replace(
            'title: "fiche.txt"', 'title: "Fiche métier : Directeur / Directrice de programme"'
        )
    )
    result = run_build(tmp_path, intents)
    facets = {c["text"]: (c["facet"], c["relation"]) for c in about(result, "program_manager")}
    assert facets["N+1 : Gestionnaire de portefeuille"] == (
        "reporting",
        ["program_manager", "reports_to", "portfolio_manager"],
    )
    assert facets["Finalité du poste : Conduire un programme de projets liés."][0] == "definition"
    assert facets["Présider le comité de programme."][0] == "responsibilities"
    assert facets["Évolutions possibles : gestionnaire de portefeuille."][0] == "career"


def test_restructuredtext_list_and_csv_tables(tmp_path, intents):
    text = (
        "Roles\n=====\n\n.. list-table:: Who does what\n   :header-rows: 1\n\n"
        "   * - Activity\n     - Project sponsor\n     - PMO analyst\n"
        "   * - Publish the quality\n       report\n     - A\n     - R\n\n"
        '.. csv-table:: Lines\n   :header: "Role", "Who", "What they do", "Reports to"\n\n'
        '   "PMO analyst", "Ines Varga", "Checks the quality measures.", "The PMO manager"\n'
    )
    result = build_documents(tmp_path, intents, Document("gov.rst", text, kind="rst"))
    cells = {(c["duty"], c["roles"][0], c["raci"]) for c in claims_of(result) if c["raci"]}
    assert ("Publish the quality report", "pmo_analyst", "R") in cells
    rows = {c["text"]: (c["facet"], c["relation"]) for c in claims_of(result) if not c["raci"]}
    assert rows == {
        "Checks the quality measures.": ("responsibilities", None),
        "The PMO manager": ("reporting", ["pmo_analyst", "reports_to", "pmo_manager"]),
    }  # the holder's name is no claim


def test_a_table_whose_role_column_is_not_the_first(tmp_path, intents):
    text = (
        "## Team\n\n| Name | Role | What they do |\n|---|---|---|\n"
        "| Sam Okoro | Project coordinator | Keeps the release calendar.<br>Chases reviews. |\n"
    )
    result = build_documents(tmp_path, intents, Document("team.md", text))
    [claim] = claims_of(result)
    assert (claim["roles"], claim["facet"], claim["text"]) == (
        ["project_coordinator"],
        "responsibilities",
        "Keeps the release calendar. Chases reviews.",
    )


def test_a_sentence_without_a_subject_opening_with_a_duty_verb_is_the_sections_duty(
    tmp_path, intents
):
    text = (
        "## Project manager\n\nPlans the project and keeps the risk log. Chairs the weekly "
        "stand-up. Reports are due every month.\n"
    )
    result = build_documents(tmp_path, intents, Document("roles.md", text))
    duties = {c["duty"] for c in about(result, "project_manager", "responsibilities")}
    assert duties == {"Plans the project and keeps the risk log", "Chairs the weekly stand-up"}


def test_an_html_list_nested_under_a_bold_label_item_is_its_duties(tmp_path, intents):
    html = (
        "<html><body><main><h2>Staff roles</h2><ul><li><strong>Project coordinator</strong> "
        "(part time)<ul><li>runs the weekly triage meeting</li></ul></li>"
        "<li><strong>Release captain</strong><ul><li>tags the release</li></ul></li></ul>"
        "<table><tr><th>Name</th><th>Role</th><th>What they do</th></tr><tr><td>Sam</td>"
        "<td>Project coordinator</td><td><ul><li>Keeps the calendar.</li><li>Chases reviews."
        "</li></ul></td></tr></table><p>The Delivery Office is Examplia's PMO.</p>"
        "</main></body></html>"
    )
    result = build_documents(tmp_path, intents, Document("team.html", html))
    texts = {c["text"]: c["facet"] for c in claims_of(result)}
    assert texts == {
        "runs the weekly triage meeting": "responsibilities",
        "Keeps the calendar. Chases reviews.": "responsibilities",
        "The Delivery Office is Examplia's PMO.": "definition",
    }


def test_a_role_profile_names_its_role_in_a_field(tmp_path, intents):
    text = (
        "ROLE PROFILE\n\nRole title: Project Analyst\nReports to: Senior Project Manager\n"
        "Purpose of the role: To keep the team supplied with accurate figures.\n\n"
        "Key responsibilities\n1. Maintain the project schedules and update them after each\n"
        "progress meeting.\n2. Keep the risk log.\n\nPerson specification\n"
        "Essential: confident use of spreadsheets.\n\n"
        "This profile does not form part of the contract of employment.\n"
    )
    result = build_documents(tmp_path, intents, Document("profile.txt", text, kind="handbook"))
    facets = {c["text"]: (c["facet"], c["relation"]) for c in about(result, "project_analyst")}
    assert facets == {
        "Reports to: Senior Project Manager": (
            "reporting",
            ["project_analyst", "reports_to", "project_manager"],
        ),
        "Purpose of the role: To keep the team supplied with accurate figures.": (
            "definition",
            None,
        ),
        "Maintain the project schedules and update them after each progress meeting.": (
            "responsibilities",
            None,
        ),
        "Keep the risk log.": ("responsibilities", None),
        "Essential: confident use of spreadsheets.": ("skills", None),
    }


def test_a_pronoun_follows_the_role_its_previous_sentence_opened_with(tmp_path, intents):
    text = (
        "OFFICES\n\nThe Delivery Office is Examplia's PMO. It supports every project.\n\n"
        "CERTIFICATES\n\nP3O is a certificate for PMOs. It is the certification we "
        "recommend for PMO analysts.\n\nPMO ANALYSTS\n\nSubscribe to the bulletin.\n"
        "(c) Examplia. Printed copies are uncontrolled.\n"
    )
    result = build_documents(tmp_path, intents, Document("notes.txt", text, kind="article"))
    assert ("It supports every project.", "pmo") in {
        (c["text"], c["roles"][0]) for c in claims_of(result)
    }
    recommended = [c for c in claims_of(result) if c["text"].startswith("It is the cert")]
    assert [(c["roles"], c["facet"]) for c in recommended] == [(["pmo_analyst"], "certification")]
    assert not any(c["text"] == "Examplia." for c in claims_of(result))  # no "(c)" item


def test_the_ways_a_method_says_which_known_role_its_own_role_is(tmp_path, intents):
    text = (
        "3 ROLES\n\n3.1 The Gate Keeper\n\nThe Gate Keeper role is held by the project sponsor."
        "\n\n3.2 Delivery Support\n\nDelivery Support is provided by a project coordinator, or "
        "by the PMO on larger initiatives.\n\n3.3 Sponsoring Director\n\nThe Sponsoring "
        "Director is, in effect, the programme manager.\n\n3.4 Review Lead\n\nThe Review Lead "
        "is a senior manager who works with the project sponsor.\n"
    )
    result = build_documents(tmp_path, intents, Document("method.txt", text, kind="standard"))
    aliases = {a["role"]: a["names"] for a in result.report["proposed_aliases"]}
    assert aliases == {
        "project_sponsor": ["Gate Keeper"],
        "project_coordinator": ["Delivery Support"],
        "program_manager": ["Sponsoring Director"],
    }


def test_a_jobs_key_value_table_and_definition_list(tmp_path, intents):
    html = (
        "<html><body><main><h1>PMO Analyst</h1><table><tr><td>Job title</td><td>PMO Analyst"
        "</td></tr><tr><td>Reports to</td><td>PMO Manager</td></tr><tr><td>Location</td>"
        "<td>Leeds</td></tr></table><dl><dt>Scope</dt><dd>Supports three programmes.</dd>"
        "<dt>Reports to</dt><dd>the PMO manager</dd></dl></main></body></html>"
    )
    result = build_documents(tmp_path, intents, Document("job.html", html))
    lines = {(c["text"], tuple(c["relation"] or ())) for c in claims_of(result)}
    assert lines == {
        ("PMO Manager", ("pmo_analyst", "reports_to", "pmo_manager")),
        ("Supports three programmes.", ()),
        ("the PMO manager", ("pmo_analyst", "reports_to", "pmo_manager")),
    }  # "Leeds" is no knowledge


def test_a_table_of_labels_under_a_level_heading_is_about_that_level(tmp_path, intents):
    text = (
        "## Level 3\n\n### Senior Project Manager\n\n"
        "| Scope | Owns delivery of a portfolio of projects. |\n|---|---|\n"
        "| You will | Coach project managers and chair gate reviews. |\n"
        "| Reports to | The programme manager |\n| Location | Leeds |\n"
    )
    result = build_documents(tmp_path, intents, Document("family.md", text, kind="handbook"))
    rows = {(c["facet"], c["text"]) for c in about(result, "project_manager")}
    assert rows == {
        ("definition", "Owns delivery of a portfolio of projects."),
        ("responsibilities", "Coach project managers and chair gate reviews."),
        ("reporting", "The programme manager"),
    }


def test_role_cards_in_plain_text_each_scope_their_fields(tmp_path, intents):
    text = (
        "ROLE CARDS\n\nRole: Project coordinator\nPurpose: Keeps the release calendar.\n\n"
        "Role: Product manager\nPurpose: Decides the roadmap.\n"
        "Reports to: the programme manager\n"
    )
    result = build_documents(tmp_path, intents, Document("cards.txt", text, kind="handbook"))
    rows = {(c["roles"][0], c["facet"], c["text"]) for c in claims_of(result)}
    assert rows == {
        ("project_coordinator", "definition", "Purpose: Keeps the release calendar."),
        ("product_manager", "definition", "Purpose: Decides the roadmap."),
        ("product_manager", "reporting", "Reports to: the programme manager"),
    }


def test_a_role_field_that_is_a_sentence_and_a_table_with_a_header_stay_as_they_are(
    tmp_path, intents
):
    text = "4.2 Sponsor\n\nRole: To direct the project between stages.\n"
    kinds = [(b.kind, b.text) for b in parse("text", text).blocks]
    assert kinds == [("heading", "Sponsor"), ("paragraph", text.splitlines()[2])]
    table = (
        "## Project manager\n\n| Skills | Description |\n|---|---|\n"
        "| Planning | Builds a realistic plan. |\n"
    )
    result = build_documents(tmp_path, intents, Document("skills.md", table))
    assert not any(c["text"] == "Description" for c in claims_of(result))


def test_a_methods_name_said_to_be_a_known_role_later_in_its_sentence_is_an_alias(
    tmp_path, intents
):
    text = (
        "5 ROLES\n\n5.1 Gatekeeper\n\nThe Gatekeeper is the one person who answers for the "
        "scheme; in Ullswick practice the Gatekeeper is the project sponsor. The Gatekeeper "
        "is responsible for:\n(a) releasing the money for each phase;\n(b) naming the "
        "project manager.\n\n5.2 Delivery Desk\n\nDelivery Desk is the clerical role beside "
        "the project manager. On a short project it is a project coordinator; on long ones "
        "the PMO provides it.\n"
    )
    result = build_documents(tmp_path, intents, Document("method.txt", text, kind="standard"))
    aliases = {a["role"]: a["names"] for a in result.report["proposed_aliases"]}
    assert aliases.get("project_sponsor") == ["Gatekeeper"]
    assert aliases.get("project_coordinator") == ["Delivery Desk"]
    duties = {c["duty"] for c in about(result, "project_sponsor", "responsibilities")}
    assert any("releasing the money" in d for d in duties)


def test_a_pronoun_naming_a_role_mid_phrase_is_no_alias(tmp_path, intents):
    text = (
        "2 ROLES\n\n2.1 Gate Review\n\nIt is a project manager's duty to book the review, "
        "and the sponsor chairs it.\n"
    )
    result = build_documents(tmp_path, intents, Document("method.txt", text, kind="standard"))
    assert not result.report["proposed_aliases"]


def test_moving_between_levels_is_a_career_claim(tmp_path, intents):
    text = (
        "# Delivery job family\n\n## Moving between levels\n\nAn Associate Project Manager "
        "usually needs two years and one delivered project before moving to Project "
        "Manager.\n\n## Combining roles\n\nA project coordinator who has run two small "
        "projects may be appointed project manager after the induction course.\n"
    )
    result = build_documents(tmp_path, intents, Document("family.md", text, kind="handbook"))
    career = [c["text"] for c in about(result, "project_manager", "career")]
    assert any("before moving to Project Manager" in t for t in career), career
    moves = [c["text"] for c in about(result, "project_coordinator", "career")]
    assert any("may be appointed project manager" in t for t in moves), moves


def test_a_reporting_line_in_a_later_clause_about_the_subject_is_a_reporting_claim(
    tmp_path, intents
):
    text = (
        "<h2>Roles</h2>\n<p><strong>Project managers</strong> send a monthly return to the "
        "PMO; they report to their project sponsor, not to the PMO.</p>\n"
    )
    result = build_documents(
        tmp_path, intents, Document("charter.html", text, kind="governance_guide")
    )
    lines = [c["text"] for c in about(result, "project_manager", "reporting")]
    assert any("they report to their project sponsor" in t for t in lines), lines


def test_a_later_sentence_naming_the_paragraphs_role_by_its_last_word_is_about_it(
    tmp_path, intents
):
    text = (
        "Subject: roles on the depot works\n\nA project coordinator supports the larger "
        "jobs. The coordinator books the crane slots and keeps the drawing register. The "
        "coordinator reports to the project manager.\n"
    )
    result = build_documents(tmp_path, intents, Document("memo.txt", text, kind="article"))
    duties = [c["text"] for c in about(result, "project_coordinator", "responsibilities")]
    assert any("books the crane slots" in t for t in duties), duties
    lines = [c["text"] for c in about(result, "project_coordinator", "reporting")]
    assert any("reports to the project manager" in t for t in lines), lines


def test_a_definition_list_entry_opening_with_works_is_a_duty(tmp_path, intents):
    text = (
        "<h1>Project roles</h1>\n<dl><dt>Business analyst</dt><dd>Works with branch staff "
        "to map how services run today.</dd></dl>\n"
    )
    result = build_documents(tmp_path, intents, Document("roles.html", text, kind="wiki"))
    duties = [c["text"] for c in about(result, "business_analyst", "responsibilities")]
    assert any("map how services run today" in t for t in duties), duties


def test_a_glossary_entry_with_a_longer_noun_phrase_before_who_is_a_definition(tmp_path, intents):
    text = (
        "<h1>Project roles</h1>\n<dl><dt>Portfolio manager</dt><dd>A senior member of the "
        "finance team who keeps the list of every funded project.</dd></dl>\n"
    )
    result = build_documents(tmp_path, intents, Document("roles.html", text, kind="wiki"))
    found = [c["text"] for c in about(result, "portfolio_manager", "definition")]
    assert any("senior member of the finance team" in t for t in found), found


def test_a_bold_label_under_a_bold_role_line_keeps_the_role_for_its_list(tmp_path, intents):
    # a wiki page exported as HTML: each role a panel whose header is the role in bold, with
    # bold labels ("Responsibilities:") above lists inside it
    text = (
        "<html><body><div class='wiki-content'>"
        "<div class='panel'><div class='panelHeader'><strong>Project sponsor</strong></div>"
        "<div class='panelContent'><p><strong>Responsibilities:</strong></p>"
        "<ul><li>Approves the business case before money is spent.</li></ul>"
        "<p><strong>Reports to:</strong> the Chief Executive.</p></div></div>"
        "<div class='panel'><div class='panelHeader'><strong>PMO analyst</strong></div>"
        "<div class='panelContent'><p><strong>Responsibilities:</strong></p>"
        "<ul><li>Builds the monthly dashboard from the project returns.</li></ul>"
        "</div></div></div></body></html>"
    )
    result = build_documents(tmp_path, intents, Document("roles.html", text))
    sponsor = _texts(about(result, "project_sponsor", "responsibilities"))
    assert "Approves the business case before money is spent." in sponsor
    reporting = _texts(about(result, "project_sponsor", "reporting"))
    assert "Reports to: the Chief Executive." in reporting
    analyst = _texts(about(result, "pmo_analyst", "responsibilities"))
    assert "Builds the monthly dashboard from the project returns." in analyst
    assert "Builds the monthly dashboard from the project returns." not in sponsor


def test_reporting_progress_to_someone_is_no_career_move(tmp_path, intents):
    text = (
        "# Our PMO\n\n## What the PMO does\n\n"
        "The PMO keeps the list of all projects. It reports overall progress to the "
        "project sponsor each month.\n"
    )
    result = build_documents(tmp_path, intents, Document("pmo.md", text))
    assert not [c for c in claims_of(result) if c["facet"] == "career"]


def test_the_head_of_a_named_office_is_no_alias_of_the_office(tmp_path, intents):
    # "The head of the Change Office is our PMO manager" names who leads it; the office stays
    # the PMO the page says it is
    text = (
        "# Questions\n\n### What is the Change Office?\n\n"
        "The Change Office is Acme's PMO. It sets the templates that projects follow.\n\n"
        "### Who leads the Change Office?\n\n"
        "The head of the Change Office is our PMO manager. She reports to the COO.\n"
    )
    result = build_documents(tmp_path, intents, Document("faq.md", text))
    templates = [c for c in claims_of(result) if "templates" in c["text"]]
    assert templates and all(c["roles"][0] == "pmo" for c in templates)


def test_the_head_of_an_office_a_page_names_as_its_pmo_is_the_pmo_manager(tmp_path, intents):
    # the office is named by the organisation ("... is Acme Health's PMO"); "the head of" it
    # is then the head of the PMO, and "She" after it is that head
    text = (
        "# Questions\n\n### What is the Change Office?\n\n"
        "The Change Office is Acme Health's PMO. It sets the templates that projects follow.\n\n"
        "### Who leads the Change Office?\n\n"
        "The head of the Change Office is our PMO manager. She sets the priorities of the "
        "office and reports to the Chief Operating Officer.\n"
    )
    result = build_documents(tmp_path, intents, Document("faq.md", text))
    reporting = _texts(about(result, "pmo_manager", "reporting"))
    assert any("Chief Operating Officer" in t for t in reporting)
    defined = _texts(about(result, "pmo", "definition"))
    assert "The Change Office is Acme Health's PMO." in defined
