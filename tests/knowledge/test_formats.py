"""Each format is read into headings, paragraphs, list items and tables, whatever the kind."""

from bot.knowledge.formats import detect_format, parse
from bot.knowledge.formats.blocks import HEADING, ITEM, PARAGRAPH, TABLE


def _kinds(fmt, text):
    return [(b.kind, b.text, b.level) for b in parse(fmt, text).blocks if b.kind != TABLE]


def test_the_format_comes_from_the_extension_then_the_content():
    assert detect_format("a.md", "plain words") == "markdown"
    assert detect_format("a.rst", "Title\n=====\n") == "rst"
    assert detect_format("a.txt", "<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert detect_format("notes.txt", "# Roles\n\nSome text.\n") == "markdown"
    assert detect_format("notes.txt", "1 Purpose\n\nSome text.\n") == "text"


def test_markdown_headings_items_quotes_and_inline_markup():
    text = (
        "# Roles\n\n> **Notice:** the office\n> is closed.\n\n## Project sponsor\n\n"
        "- Owns the **business case**.\n- Secures [the funding](http://x).\n\n"
        "**Reports to:** the board.\n"
    )
    assert _kinds("markdown", text) == [
        (HEADING, "Roles", 1),
        (PARAGRAPH, "Notice: the office is closed.", 0),
        (HEADING, "Project sponsor", 2),
        (ITEM, "Owns the business case.", 0),
        (ITEM, "Secures the funding.", 0),
        (PARAGRAPH, "Reports to: the board.", 0),
    ]


def test_restructuredtext_titles_lists_fields_and_directives():
    text = (
        "=====\nTitle\n=====\n\n:Owner: someone\n\n.. contents:: On this page\n   :local:\n\n"
        "Programme manager\n=================\n\nRuns the programme.\n\n"
        "* Plans the tranches.\n\nSkills\n------\n\n* Judgement.\n\n.. note::\n\n   A note.\n"
    )
    assert _kinds("rst", text) == [
        (HEADING, "Title", 1),
        (HEADING, "Programme manager", 2),
        (PARAGRAPH, "Runs the programme.", 0),
        (ITEM, "Plans the tranches.", 0),
        (HEADING, "Skills", 3),
        (ITEM, "Judgement.", 0),
        (PARAGRAPH, "A note.", 0),
    ]


def test_html_chrome_is_dropped_and_tables_keep_their_cells():
    html = (
        "<html><head><title>T</title><script>var x;</script></head><body>"
        "<div class='cookie-banner'><p>We use cookies.</p></div><nav><a>Home</a></nav>"
        "<main><h1>PMO analyst</h1><p>About <b>the</b> role.</p><ul><li>Builds dashboards.</li>"
        "</ul><table><tr><th>Activity</th><th>PMO</th></tr><tr><td>Audit</td>"
        "<td><span>✓</span></td></tr></table></main><aside><h2>Similar jobs</h2></aside>"
        "<footer><p>© Example</p></footer></body></html>"
    )
    parsed = parse("html", html)
    assert _kinds("html", html) == [
        (HEADING, "PMO analyst", 1),
        (PARAGRAPH, "About the role.", 0),
        (ITEM, "Builds dashboards.", 0),
    ]
    table = next(b for b in parsed.blocks if b.kind == TABLE)
    assert [r.cells for r in table.rows] == [("Activity", "PMO"), ("Audit", "✓")]
    assert table.rows[0].header
    assert "cookies" not in parsed.text and "Similar jobs" not in parsed.text


def test_plain_text_numbered_and_capitalised_headings_clauses_and_faq_pairs():
    text = (
        "3 Governance bodies\n\n3.2 Project Steering Committee\n\n"
        "The committee approves the stage plans.\n\n"
        "1.1 This framework sets out how the council runs projects. It applies\nto all.\n\n"
        "WHY BOTHER?\n\nBecause.\n\nQ: Which certification should a coordinator take?\n"
        "A: Start with CAPM.\n"
    )
    assert _kinds("text", text) == [
        (HEADING, "Governance bodies", 1),
        (HEADING, "Project Steering Committee", 2),
        (PARAGRAPH, "The committee approves the stage plans.", 0),
        (PARAGRAPH, "This framework sets out how the council runs projects. It applies to all.", 0),
        (HEADING, "WHY BOTHER?", 3),
        (PARAGRAPH, "Because.", 0),
        (HEADING, "Which certification should a coordinator take?", 4),
        (PARAGRAPH, "Start with CAPM.", 0),
    ]


def test_every_block_is_verbatim_in_the_rendered_text():
    text = "# Roles\n\n- Owns the\n  **business case**.\n\n| A | B |\n|---|---|\n| x | y |\n"
    parsed = parse("markdown", text)
    rendered = " ".join(parsed.text.split())
    for block in parsed.blocks:
        assert block.text in rendered


def test_a_class_word_on_the_page_container_does_not_hide_the_page():
    html = (
        "<html><body class='page has-sidebar'><main class='content'><h1>Project manager</h1>"
        "<ul><li>Runs it.</li></ul></main><div role='navigation'><p>Home</p></div></body></html>"
    )
    assert _kinds("html", html) == [(HEADING, "Project manager", 1), (ITEM, "Runs it.", 0)]


def test_markdown_front_matter_is_not_content():
    text = (
        "---\ntitle: Project Manager\ndescription: a page\n---\n\n# Project Manager\n\n- Runs it.\n"
    )
    blocks = parse("markdown", text).blocks
    assert [(b.kind, b.text, b.line) for b in blocks] == [
        (HEADING, "Project Manager", 6),
        (ITEM, "Runs it.", 8),
    ]


def test_a_title_line_right_above_its_text_is_a_heading_in_plain_text():
    text = (
        "2.3 Project Board\nThe Project Board is accountable for the success of the project and "
        "has the\nauthority to direct it.\n\nProject Manager\nThe Project Manager has the "
        "authority to run the project day to day.\n"
    )
    assert [(k, t[:20], lv) for k, t, lv in _kinds("text", text)] == [
        (HEADING, "Project Board", 2),
        (PARAGRAPH, "The Project Board is", 0),
        (HEADING, "Project Manager", 3),
        (PARAGRAPH, "The Project Manager ", 0),
    ]
