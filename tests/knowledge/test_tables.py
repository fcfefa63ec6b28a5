"""Responsibility tables: letters or ticks per role column become duty claims per cell."""

from tests.knowledge.documents_kit import Document, build_documents, claims_of

RACI_MD = """# Delivery RACI

| Activity | Project sponsor | PMO | Project manager |
|---|---|---|---|
| Approve the project budget | R/A | I | C |
| Keep the risk register | – | C | R/A |
| Prepare the status report | I | I | A |
"""

TICKS_HTML = """<html><body><main><h1>Who does what</h1><table>
<thead><tr><th>Activity</th><th>Portfolio manager</th><th>PMO analyst</th>
<th>PMO manager</th></tr></thead>
<tbody>
<tr><td>Produce the dashboard</td><td></td><td><span class="tick">✓</span></td><td></td></tr>
<tr><td>Chair the gate reviews</td><td></td><td><span>✓</span></td><td>✓</td></tr>
</tbody></table></main></body></html>
"""


def _cells(result):
    return {(c["duty"], c["roles"][0], c["raci"]) for c in claims_of(result)}


def test_a_markdown_raci_gives_one_claim_per_letter(tmp_path, intents):
    result = build_documents(tmp_path, intents, Document("raci.md", RACI_MD, kind="raci"))
    cells = _cells(result)
    assert ("Approve the project budget", "project_sponsor", "A") in cells
    assert ("Approve the project budget", "project_sponsor", "R") in cells
    assert ("Approve the project budget", "pmo", "I") in cells
    assert ("Prepare the status report", "project_manager", "A") in cells
    assert not any(
        role == "project_sponsor" and duty == "Keep the risk register" for duty, role, _ in cells
    )
    assert all(
        c["facet"] == "responsibilities" and c["text"] == c["duty"] for c in claims_of(result)
    )


def test_an_html_tick_table_gives_the_ticked_roles(tmp_path, intents):
    result = build_documents(tmp_path, intents, Document("who.html", TICKS_HTML, kind="raci"))
    assert _cells(result) == {
        ("Produce the dashboard", "pmo_analyst", "x"),
        ("Chair the gate reviews", "pmo_analyst", "x"),
        ("Chair the gate reviews", "pmo_manager", "x"),
    }


def test_a_table_of_text_cells_per_role_column_is_not_a_raci(tmp_path, intents):
    html = (
        "<html><body><table><tr><th></th><th>Product manager</th><th>Project manager</th></tr>"
        "<tr><td>Judged by</td><td>Customer outcomes</td><td>Delivery on time</td></tr>"
        "</table></body></html>"
    )
    result = build_documents(tmp_path, intents, Document("cmp.html", html, kind="article"))
    assert {(c["roles"][0], c["text"], c["raci"], c["section"]) for c in claims_of(result)} == {
        ("product_manager", "Customer outcomes", "", "Judged by"),
        ("project_manager", "Delivery on time", "", "Judged by"),
    }


def test_a_table_with_a_role_per_row_reads_its_columns_as_facets(tmp_path, intents):
    text = (
        "# Roles\n\n| Role | Responsibilities | Skills |\n|---|---|---|\n"
        "| Project controller | Forecasts the final cost | Cost engineering |\n"
    )
    result = build_documents(tmp_path, intents, Document("roles.md", text))
    assert {(c["roles"][0], c["facet"], c["text"]) for c in claims_of(result)} == {
        ("project_controller", "responsibilities", "Forecasts the final cost"),
        ("project_controller", "skills", "Cost engineering"),
    }


def test_a_description_column_defines_the_role_of_its_row(tmp_path, intents):
    text = (
        "| Role | Description |\n|---|---|\n"
        "| Project sponsor | The senior manager who owns the case |\n"
    )
    result = build_documents(tmp_path, intents, Document("roles.md", text))
    [claim] = claims_of(result)
    assert (claim["roles"], claim["facet"]) == (["project_sponsor"], "definition")
