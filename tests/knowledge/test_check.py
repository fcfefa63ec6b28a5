"""``rolebot check`` names the file and line of every problem and exits 1."""

import re
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.paths import default_intents_dir


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


def test_a_quote_that_is_not_verbatim_is_reported(knowledge_copy, capsys):
    passages = knowledge_copy / "generated" / "passages.json"
    passages.write_text(
        passages.read_text().replace(
            "PMO stands for Project Management Office.", "PMO stands for Programme Office.", 1
        )
    )
    code, err = _check(knowledge_copy, capsys)
    assert code == 1
    assert "is not verbatim in its document" in err or "out of date" in err


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
