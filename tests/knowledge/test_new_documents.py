"""A maintainer adds documents in other layouts; no code changes are needed."""

import json
import shutil
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.knowledge.curated import load_knowledge

DATA = Path(__file__).parent / "data"

ENTRIES = """
  - file: forum-who-runs-the-pmo.txt
    kind: qa_thread
    title: "Who does a PMO analyst report to in a large bank?"
    publisher: "Example careers forum"
    published: 2024-05-02
    content_language: en
  - file: pmo-types-notes.md
    kind: markdown
    title: "Kinds of PMO"
    publisher: "Team notes"
    author: "Knowledge team"
    published: 2025-01-10
    content_language: en
"""


@pytest.fixture
def extended(knowledge_copy: Path) -> Path:
    for name in ("forum-who-runs-the-pmo.txt", "pmo-types-notes.md"):
        shutil.copy(DATA / name, knowledge_copy / "sources" / name)
    with (knowledge_copy / "sources" / "sources.yaml").open("a", encoding="utf-8") as f:
        f.write(ENTRIES)
    assert main(["build", "--knowledge", str(knowledge_copy)]) == 0
    return knowledge_copy


def _passages(folder: Path, doc: str) -> list[dict]:
    data = json.loads((folder / "generated" / "passages.json").read_text(encoding="utf-8"))
    return [p for p in data if p["doc"] == doc]


def test_a_thread_in_another_layout_is_attributed_answer_by_answer(extended):
    thread = _passages(extended, "forum-who-runs-the-pmo")
    question = next(p for p in thread if p["unit"] == "q")
    assert question["author"] == "Dana Whitfield"
    priya = [p for p in thread if p["author"] == "Priya Raman"]
    assert priya and priya[0]["author_title"] == "Head of Portfolio Office"
    assert priya[0]["organisation"] == "Meridian Insurance"
    assert priya[0]["roles"][:2] == ["pmo_analyst", "pmo_manager"]
    assert "reporting" in priya[0]["topics"]
    tomas = [p for p in thread if p["author"] == "Tomás Greer"]
    assert tomas and tomas[0]["organisation"] == "Fernwood Systems"
    unsigned = [p for p in thread if p["author"] is None and p["unit"] != "q"]
    assert unsigned and "depends on the company" in unsigned[0]["text"]
    assert not any("Home > Forums" in p["text"] for p in thread)


def test_a_markdown_page_is_split_by_heading_and_cleaned(extended):
    notes = _passages(extended, "pmo-types-notes")
    assert {p["heading"] for p in notes} == {"Kinds of PMO", "Who works there"}
    assert all(p["author"] == "Knowledge team" for p in notes)
    strategic = next(p for p in notes if "strategic" in p["text"])
    assert strategic["roles"] == ["pmo"] and "types" in strategic["topics"]
    assert not any("newsletter" in p["text"] for p in notes)


def test_the_extended_knowledge_is_queried_with_the_same_flag(extended, capsys):
    assert main(["check", "--knowledge", str(extended)]) == 0
    capsys.readouterr()
    assert main(["ask", "--json", "--knowledge", str(extended), "pmo vs pm"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["answered"] and answer["roles"] == ["pmo", "project_manager"]


def test_the_new_passages_are_loaded_with_their_attribution(extended):
    knowledge, _ = load_knowledge(extended)
    question = knowledge.passages["forum-who-runs-the-pmo#q"]
    assert question.author == "Dana Whitfield"
    priya = [p for p in knowledge.passages.values() if p.author == "Priya Raman"]
    assert priya and priya[0].id.startswith("forum-who-runs-the-pmo#a1")
    assert (priya[0].author_title, priya[0].organisation) == (
        "Head of Portfolio Office",
        "Meridian Insurance",
    )
    passage, quote = knowledge.quote(priya[0].id)
    assert passage.id == priya[0].id
    assert quote in (extended / "sources" / "forum-who-runs-the-pmo.txt").read_text("utf-8")
    notes = [p for p in knowledge.passages.values() if p.doc == "pmo-types-notes"]
    assert notes and all(p.author == "Knowledge team" for p in notes)
    assert knowledge.documents["forum-who-runs-the-pmo"].publisher == "Example careers forum"
    assert knowledge.documents["pmo-types-notes"].title == "Kinds of PMO"
