"""Evaluating a document set: answers must cite one of the documents an item names."""

import json
import shutil
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.data.errors import ValidationError
from bot.tools.evaluate import load_items

DATA = Path(__file__).parent / "data"
ENTRY = """sources:
  - file: pmo-types-notes.md
    kind: markdown
    title: "Kinds of PMO"
    publisher: "Team notes"
    author: "Knowledge team"
    published: 2025-01-10
    content_language: en
"""
ITEMS = [
    # answered by the seed documents, not by the added one: a wrong-document answer
    {
        "question": "who does a project analyst report to?",
        "intent": "reporting",
        "roles": ["project_analyst"],
        "answered": True,
        "documents": ["pmo-types-notes.md"],
    },
    {
        "question": "what's the weather in Paris?",
        "intent": "out_of_scope",
        "roles": [],
        "answered": False,
        "documents": [],
    },
]


@pytest.fixture
def extra(tmp_path: Path) -> Path:
    folder = tmp_path / "extra"
    folder.mkdir()
    shutil.copy(DATA / "pmo-types-notes.md", folder / "pmo-types-notes.md")
    (folder / "sources.yaml").write_text(ENTRY, encoding="utf-8")
    return folder


def _items(tmp_path: Path, items: list[dict]) -> Path:
    path = tmp_path / "items.jsonl"
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return path


def test_documents_and_roles_added_as_data_are_read(tmp_path):
    item = {**ITEMS[0], "roles": ["steering_committee"], "documents": ["a.md", "b.txt"]}
    path = _items(tmp_path, [item])
    with pytest.raises(ValidationError):
        load_items(path)  # not a contract role, and not known to the intents
    [loaded] = load_items(path, roles={"steering_committee"})
    assert loaded.documents == ("a", "b") and loaded.roles == ("steering_committee",)


def test_a_bad_documents_field_names_file_and_line(tmp_path):
    path = _items(tmp_path, [{**ITEMS[0], "documents": "a.md"}])
    with pytest.raises(ValidationError) as err:
        load_items(path)
    assert f"{path}:1: 'documents' must be a list of file names" in str(err.value)


def test_with_sources_evaluates_a_built_copy_and_reports_the_document_scores(
    tmp_path, extra, capsys
):
    path = _items(tmp_path, ITEMS)
    code = main(["eval", str(path), "--json", "--with-sources", str(extra)])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert report["answerable_with_documents"] == 1
    assert report["unanswerable_abstained"] == 1.0
    assert report["quotes_verbatim"] == 1.0
    assert report["median_reply_chars"] > 0
    [miss] = report["document_misses"]
    assert miss["documents"] == ["pmo-types-notes"]
    assert "pmo-types-notes" not in miss["cited"]
    assert report["answered_right_document"] == 0.0


def test_a_threshold_not_met_fails_with_its_name(tmp_path, extra, capsys):
    path = _items(tmp_path, ITEMS)
    code = main(["eval", str(path), "--with-sources", str(extra), "--min-right-document", "0.9"])
    captured = capsys.readouterr()
    assert code == 1
    assert "FAIL: answered with the right document 0.0% is below 90.0%" in captured.err


def test_the_added_documents_do_not_touch_the_knowledge_folder(tmp_path, extra, capsys):
    path = _items(tmp_path, ITEMS[1:])
    before = sorted(p.name for p in (Path("knowledge") / "sources").iterdir())
    assert main(["eval", str(path), "--with-sources", str(extra)]) == 0
    capsys.readouterr()
    assert sorted(p.name for p in (Path("knowledge") / "sources").iterdir()) == before
