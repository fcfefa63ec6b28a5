import json
import re
import shutil
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.data.errors import ValidationError
from bot.data.paths import default_knowledge_dir
from bot.knowledge.build import GENERATED, run_build


def _generated(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / GENERATED).iterdir())}


def test_a_fresh_build_is_byte_identical_to_the_committed_one(knowledge_copy, intents):
    shutil.rmtree(knowledge_copy / GENERATED)
    run_build(knowledge_copy, intents)
    first = _generated(knowledge_copy)
    assert first == _generated(default_knowledge_dir())
    run_build(knowledge_copy, intents)
    assert _generated(knowledge_copy) == first


@pytest.fixture(scope="module")
def built() -> tuple[list[dict], dict]:
    folder = default_knowledge_dir() / GENERATED
    passages = json.loads((folder / "passages.json").read_text(encoding="utf-8"))
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    return passages, report


@pytest.mark.parametrize(
    "clutter",
    [
        "Skip to content",
        "Inscrivez-vous",
        "Cookie Policy",
        "Privacy Statement",
        "Retro Vinyl Sheet Flooring",
        "Hanging Ferns Outdoors",
        "Azure Data Explorer",
        "Lather, Rage, Repeat",
        "Chaucer",
        "SPLENDID gift",
        "Get Fresh Updates",
        "GSDC",
        "$400",
        "job seekers",
        "log in",
        "sign up",
        "cookie",
        "©",
        "Wife on the Edge",
        "found the following resources",
    ],
)
def test_no_generated_file_contains_spam_navigation_or_promotion(clutter):
    for path in (default_knowledge_dir() / GENERATED).iterdir():
        assert clutter.lower() not in path.read_text(encoding="utf-8").lower(), path.name


def test_no_generated_file_contains_a_currency_amount():
    amount = re.compile(r"[$€£¥₹]\s?\d|\b\d+\s?(usd|eur|gbp|dollars|euros)\b", re.IGNORECASE)
    for path in (default_knowledge_dir() / GENERATED).iterdir():
        found = amount.search(path.read_text(encoding="utf-8"))
        assert found is None, (path.name, found)


def test_every_signed_answer_of_the_thread_is_attributed(built):
    passages, _ = built
    thread = [p for p in passages if p["doc"] == "bayt-pmo-vs-project-manager"]
    answers = {p["unit"].split(".")[0]: p["author"] for p in thread if p["unit"].startswith("a")}
    assert answers["a1"] == "Ramy Zakher"
    assert answers["a2"] == "Mohammad Tohamy Hussein Hussein"
    assert answers["a3"] == "Gaurav Khanna"
    assert answers["a4"] == "Ahmed Saeed"
    assert answers["a5"] == "Marc Huddleston"
    assert answers["a6"] == "Ramendra Sunder Sinha PMP"
    assert answers["a7"] is None, "the last answer is unsigned and must stay unsigned"
    first = next(p for p in thread if p["unit"] == "a1")
    assert (first["author_title"], first["organisation"]) == ("Executive director", "EEP")


def test_the_paid_certification_pitch_is_marked_promotional(built):
    _, report = built
    promo = report["documents"]["bayt-pmo-vs-project-manager"]["promotional"]
    # Every paragraph of the pitch, from "I personally suggest" to the last brand mention.
    assert [p["id"] for p in promo] == [f"bayt-pmo-vs-project-manager#a7.{n}" for n in range(7, 19)]


def test_copies_of_the_thread_in_the_scraped_page_are_merged_thread_first(built):
    passages, report = built
    merged = report["merged_duplicates"]
    across = [
        m for m in merged if m["copy"].startswith("pmo-analyst") and m["kept"].startswith("bayt")
    ]
    assert len(across) >= 10
    gaurav = next(p for p in passages if p["id"] == "bayt-pmo-vs-project-manager#a3.4")
    assert gaurav["author"] == "Gaurav Khanna"
    assert any(c["doc"] == "pmo-analyst-vs-project-manager-blog" for c in gaurav["copies"])


def test_passages_are_tagged_with_roles_topic_and_language(built):
    passages, _ = built
    by_id = {p["id"]: p for p in passages}
    analyst = by_id["pmo-analyst-vs-project-manager-blog#s3"]
    assert analyst["roles"] == ["pmo_analyst", "pmo"]
    assert "definition" in analyst["topics"]
    french = [p for p in passages if p["language"] == "fr"]
    assert french and all(p["doc"] == "pmo-analyst-vs-project-manager-blog" for p in french)
    disputed = by_id["pmo-analyst-vs-project-manager-blog#s16"]
    assert "reporting" in disputed["topics"]


def _write_sources(folder: Path, text: str) -> None:
    (folder / "sources" / "sources.yaml").write_text(text, encoding="utf-8")


def test_a_missing_listed_document_is_named(knowledge_copy, intents):
    (knowledge_copy / "sources" / "bayt-pmo-vs-project-manager.txt").unlink()
    with pytest.raises(ValidationError) as err:
        run_build(knowledge_copy, intents)
    assert "bayt-pmo-vs-project-manager.txt" in str(err.value)
    assert "sources.yaml:" in str(err.value)


def test_an_unlisted_file_is_named(knowledge_copy, intents):
    (knowledge_copy / "sources" / "stray-notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        run_build(knowledge_copy, intents)
    assert "stray-notes.txt" in str(err.value)


def test_an_unknown_kind_is_a_warning_with_its_line_and_normal_trust(knowledge_copy, intents):
    path = knowledge_copy / "sources" / "sources.yaml"
    text = path.read_text(encoding="utf-8").replace("kind: qa_thread", "kind: podcast", 1)
    path.write_text(text, encoding="utf-8")
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if "kind: podcast" in ln)
    result = run_build(knowledge_copy, intents)
    assert any(f"sources.yaml:{line}: unknown kind 'podcast'" in str(w) for w in result.warnings)
    assert result.report["documents"]["bayt-pmo-vs-project-manager"]["trust"] == 2
    assert result.passages


def test_trust_in_sources_yaml_overrides_the_kind(knowledge_copy, intents):
    path = knowledge_copy / "sources" / "sources.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "kind: compiled_page", "kind: compiled_page\n    trust: high", 1
    )
    path.write_text(text, encoding="utf-8")
    result = run_build(knowledge_copy, intents)
    assert result.report["documents"]["pmo-analyst-vs-project-manager-blog"]["trust"] == 3


def test_a_trust_outside_the_three_levels_is_an_error(knowledge_copy, intents):
    path = knowledge_copy / "sources" / "sources.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "kind: compiled_page", "kind: compiled_page\n    trust: very", 1
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        run_build(knowledge_copy, intents)
    assert "trust must be one of low, normal, high" in str(err.value)


def test_invalid_utf8_is_replaced_and_reported_not_fatal(knowledge_copy, intents):
    path = knowledge_copy / "sources" / "bayt-pmo-vs-project-manager.txt"
    path.write_bytes(path.read_bytes().replace(b"Ramy Zakher", b"Ramy Zak\xffher", 1))
    result = run_build(knowledge_copy, intents)
    assert any("invalid UTF-8" in str(w) and "bayt-pmo" in str(w) for w in result.warnings)
    assert result.passages


def test_a_failed_build_leaves_the_previous_build_untouched(knowledge_copy, intents):
    before = _generated(knowledge_copy)
    (knowledge_copy / "sources" / "pmo-analyst-vs-project-manager-blog.txt").unlink()
    with pytest.raises(ValidationError):
        run_build(knowledge_copy, intents)
    assert _generated(knowledge_copy) == before


def _add_document(folder: Path, name: str, kind: str, title: str, text: str) -> Path:
    path = folder / "sources" / name
    path.write_text(text, encoding="utf-8")
    with (folder / "sources" / "sources.yaml").open("a", encoding="utf-8") as f:
        f.write(
            f'  - file: {name}\n    kind: {kind}\n    title: "{title}"\n'
            "    publisher: Team notes\n    published: 2025-02-01\n"
        )
    return path


def test_an_article_titled_like_a_role_keeps_its_sentences(knowledge_copy, intents):
    _add_document(
        knowledge_copy,
        "pmo-analyst-article.txt",
        "article",
        "PMO analyst",
        "PMO analyst\n\nA PMO analyst gathers status reports from the project managers. "
        "The PMO analyst also keeps the portfolio dashboard current.\n",
    )
    result = run_build(knowledge_copy, intents)
    mine = [p for p in result.passages if p["doc"] == "pmo-analyst-article"]
    assert [p["heading"] for p in mine] == ["PMO analyst"]
    assert "gathers status reports" in mine[0]["text"] and "dashboard" in mine[0]["text"]
    assert all(p["status"] == "knowledge" and "pmo_analyst" in p["roles"] for p in mine)
    duties = [c["duty"] for c in result.claims if c["doc"] == "pmo-analyst-article"]
    assert duties == [
        "gathers status reports from the project managers",
        "also keeps the portfolio dashboard current",
    ]
    assert not any("pmo-analyst-article" in str(w) for w in result.warnings)


def test_a_document_that_yields_no_passage_is_warned_about(knowledge_copy, intents, capsys):
    path = _add_document(
        knowledge_copy,
        "only-chrome.txt",
        "article",
        "Careers",
        "Skip to content\n\nMenu\n\nSign up for our newsletter\n\nPrivacy Policy\n",
    )
    result = run_build(knowledge_copy, intents)
    warnings = [str(w) for w in result.warnings]
    assert any(w.startswith(f"{path}:") and "no knowledge passages" in w for w in warnings)
    assert main(["build", "--knowledge", str(knowledge_copy)]) == 0
    err = capsys.readouterr().err
    assert f"warning: {path}:" in err and "no knowledge passages" in err
    report = json.loads((knowledge_copy / GENERATED / "report.json").read_text(encoding="utf-8"))
    assert any(w.startswith("sources/only-chrome.txt:") for w in report["warnings"])


def test_a_thread_without_bylines_is_built_unsigned_with_a_warning(knowledge_copy, intents):
    path = _add_document(
        knowledge_copy,
        "unsigned-thread.txt",
        "qa_thread",
        "Does a project coordinator report to the PMO?",
        "Does a project coordinator report to the PMO?\n\nHi,\n\n"
        "Usually the project coordinator reports to the project manager.\n\nHello,\n\n"
        "In our bank the project coordinator sits in the PMO.\n",
    )
    result = run_build(knowledge_copy, intents)
    mine = {p["unit"]: p for p in result.passages if p["doc"] == "unsigned-thread"}
    assert sorted(mine) == ["a1", "a2", "q"]
    assert all(p["author"] is None for p in mine.values())
    assert "project_coordinator" in mine["a1"]["roles"]
    assert f"{path}:1: no answer byline in this thread" in "\n".join(map(str, result.warnings))
