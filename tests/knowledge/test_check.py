"""``rolebot check`` names the file and line of every problem and exits 1."""

import json
import re
import shutil
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.data.paths import default_intents_dir
from bot.knowledge.catalogue import load_catalogue
from bot.knowledge.check import citation_problems, document_texts
from bot.knowledge.curated import load_knowledge


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def _check(knowledge: Path, capsys, intents: Path | None = None) -> tuple[int, str]:
    args = ["check", "--knowledge", str(knowledge)]
    if intents is not None:
        args += ["--intents", str(intents)]
    code = main(args)
    return code, capsys.readouterr().err


def test_the_shipped_knowledge_passes(knowledge_copy, capsys):
    code, err = _check(knowledge_copy, capsys)
    assert (code, err) == (0, "")


def test_a_broken_citation_is_reported_with_file_and_line(knowledge_copy, capsys):
    path = knowledge_copy / "curated" / "roles.yaml"
    text = path.read_text()
    path.write_text(
        text.replace("bayt-pmo-vs-project-manager#a7.4", "bayt-pmo-vs-project-manager#a99", 1)
    )
    line = _line_of(path, "#a99")
    code, err = _check(knowledge_copy, capsys)
    assert code == 1
    assert f"roles.yaml:{line}: citation 'bayt-pmo-vs-project-manager#a99' not found" in err


def test_a_missing_translation_is_reported_with_file_and_line(knowledge_copy, capsys):
    path = knowledge_copy / "curated" / "roles.yaml"
    lines = path.read_text().splitlines(keepends=True)
    index = next(
        i for i, ln in enumerate(lines) if ln.strip().startswith("fr: La personne qui porte")
    )
    del lines[index]
    path.write_text("".join(lines))
    code, err = _check(knowledge_copy, capsys)
    assert code == 1
    assert re.search(r"roles\.yaml:\d+: project_manager fact: missing 'fr' text", err)


def test_malformed_yaml_is_reported_with_file_and_line(knowledge_copy, capsys):
    path = knowledge_copy / "curated" / "distinctions.yaml"
    lines = path.read_text().splitlines(keepends=True)
    lines[5] = "      - facet: {en: Level, fr: Niveau\n"  # unclosed flow mapping
    path.write_text("".join(lines))
    code, err = _check(knowledge_copy, capsys)
    assert code == 1
    assert re.search(r"distinctions\.yaml:\d+: YAML syntax", err)


def _falsify_a_cited_quote(knowledge: Path) -> tuple[str, list[tuple[Path, int]]]:
    """Edit the text of one cited passage in passages.json; its citations and their lines."""
    _, readers = load_knowledge(knowledge)
    path = knowledge / "generated" / "passages.json"
    passages = json.loads(path.read_text(encoding="utf-8"))
    ids = {p["id"] for p in passages}
    cite = next(c for r in readers for c, _, _ in r.cites if c in ids)
    for p in passages:
        if p["id"] == cite:
            p["text"] = "Not in any source: " + p["text"]
    path.write_text(json.dumps(passages, ensure_ascii=False, indent=1), encoding="utf-8")
    return cite, [(r.path, line) for r in readers for c, line, _ in r.cites if c == cite]


def test_a_quote_that_is_not_verbatim_is_found_by_the_quote_check(knowledge_copy):
    docs = load_catalogue(knowledge_copy / "sources")
    texts, _ = document_texts(knowledge_copy / "sources", docs)
    knowledge, readers = load_knowledge(knowledge_copy)
    assert citation_problems(knowledge, readers, texts) == []
    cite, places = _falsify_a_cited_quote(knowledge_copy)
    knowledge, readers = load_knowledge(knowledge_copy)
    problems = citation_problems(knowledge, readers, texts)
    assert [str(p) for p in problems] == [
        f"{path}:{line}: quote of '{cite}' is not verbatim in its document" for path, line in places
    ]


def test_a_quote_that_is_not_verbatim_is_reported(knowledge_copy, capsys):
    cite, places = _falsify_a_cited_quote(knowledge_copy)
    code, err = _check(knowledge_copy, capsys)
    assert code == 1
    for path, line in places:
        assert f"{path}:{line}: quote of '{cite}' is not verbatim in its document" in err


def _add_curated(knowledge: Path, text: str) -> Path:
    path = knowledge / "curated" / "zz-extra.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_mapping_where_a_list_is_expected_is_reported(knowledge_copy, capsys):
    path = _add_curated(
        knowledge_copy,
        "version: 1\nwho_to_ask:\n  duty: {en: Budgets, fr: Budgets}\n  role: pmo\n",
    )
    code, err = _check(knowledge_copy, capsys)
    assert code == 1
    assert f"{path}:3: who_to_ask: expected a list" in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "roles:\n  program_manager:\n    covered: true\n"
            "    label: {en: Programme manager, fr: Directeur de programme}\n"
            "    facts:\n      - {en: Runs a programme., fr: Dirige un programme., cites: []}\n",
            "6: program_manager fact: 'cites' is empty",
        ),
        (
            "roles:\n  program_manager:\n    covered: true\n"
            "    label: {en: Programme manager, fr: Directeur de programme}\n"
            "    summary: {en: Runs a programme., fr: Dirige un programme., cites: []}\n"
            "    facts:\n      - {en: Runs a programme., fr: Dirige un programme., cites: []}\n",
            "5: program_manager summary: 'cites' is empty",
        ),
        (
            "roles:\n  program_manager:\n    covered: true\n"
            "    label: {en: Programme manager, fr: Directeur de programme}\n"
            "    note: {en: Little is said., fr: Peu de choses., cites: []}\n"
            "    facts:\n      - {en: Runs a programme., fr: Dirige un programme., cites: []}\n",
            "5: program_manager note: 'cites' is empty",
        ),
        (
            "distinctions:\n  - roles: [pmo, project_manager]\n    rows:\n"
            "      - facet: {en: Scope, fr: Portée}\n        left: {en: All, fr: Tout}\n"
            "        right: {en: One, fr: Un}\n        cites: []\n",
            "7: row: 'cites' is empty",
        ),
    ],
)
def test_empty_citations_are_rejected(knowledge_copy, capsys, text, message):
    path = _add_curated(knowledge_copy, "version: 1\n" + text)
    code, err = _check(knowledge_copy, capsys)
    assert code == 1
    line, rest = message.split(": ", 1)
    assert f"{path}:{int(line) + 1}: {rest}" in err


def test_empty_citations_are_allowed_for_what_the_sources_do_not_cover(knowledge_copy, capsys):
    _add_curated(
        knowledge_copy,
        "version: 1\nroles:\n  program_manager:\n    covered: false\n"
        "    label: {en: Programme manager, fr: Directeur de programme}\n"
        "    note: {en: The sources say nothing., fr: Les sources n'en disent rien., cites: []}\n"
        "distinctions:\n  - roles: [pmo, project_manager]\n    rows:\n"
        "      - facet: {en: Level, fr: Niveau}\n        left: {en: All, fr: Tout}\n"
        "        right: {en: One, fr: Un}\n"
        "        cites: [bayt-pmo-vs-project-manager#a1]\n"
        "    note: {en: Nothing more., fr: Rien de plus., cites: []}\n",
    )
    code, err = _check(knowledge_copy, capsys)
    assert (code, err) == (0, "")


@pytest.mark.parametrize(
    ("text", "needle", "message"),
    [
        ("roles:\n  pmo: !foo bar\n", "!foo", "unknown YAML tag '!foo'"),
        ("version: 1\nversion: 2\n", "version: 2", "duplicate key 'version' (first at line 1)"),
    ],
)
def test_yaml_data_errors_in_curated_files_name_the_line(
    knowledge_copy, capsys, text, needle, message
):
    path = _add_curated(knowledge_copy, text)
    code, err = _check(knowledge_copy, capsys)
    assert code == 1
    assert f"{path}:{_line_of(path, needle)}: {message}" in err


def test_an_unknown_role_id_in_intents_is_reported(tmp_path, knowledge_copy, capsys):
    intents = tmp_path / "intents"
    shutil.copytree(default_intents_dir(), intents)
    path = intents / "roles.yml"
    path.write_text(
        path.read_text().replace("synonym: pmo_coordinator", "synonym: pmo_coordinater", 1)
    )
    line = _line_of(path, "pmo_coordinater")
    code, err = _check(knowledge_copy, capsys, intents)
    assert code == 1
    assert f"roles.yml:{line}: unknown role id 'pmo_coordinater'" in err


@pytest.mark.parametrize(
    "broken", ["version: 1\nnlu:\n  - intent: compare\n    examples: |\n      what is it\n"]
)
def test_example_lines_without_a_dash_are_reported(tmp_path, knowledge_copy, capsys, broken):
    intents = tmp_path / "intents"
    shutil.copytree(default_intents_dir(), intents)
    (intents / "zz-broken.yml").write_text(broken)
    code, err = _check(knowledge_copy, capsys, intents)
    assert code == 1
    assert "zz-broken.yml:5: example lines must start with '- '" in err
