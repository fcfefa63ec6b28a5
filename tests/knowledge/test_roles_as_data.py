"""A maintainer adds a role with its names in YAML; no code changes are needed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.data.errors import ValidationError
from bot.data.intents_loader import load_intents
from bot.data.paths import default_intents_dir

SCRUM_MASTER = """version: "3.1"
nlu:
  - synonym: scrum_master
    examples: |
      - scrum master
      - scrum masters
"""

DOCUMENT = """# Delivery roles at Pinewood Labs

## Scrum master

The scrum master coaches the team in agile practice and removes impediments.

- Facilitates the daily stand-up and the sprint retrospective.
- Shields the team from interruptions during a sprint.

## Project manager

The project manager owns the delivery plan and the budget of the release.
"""

ENTRY = """
  - file: pinewood-delivery-roles.md
    kind: markdown
    title: "Delivery roles"
    publisher: "Pinewood Labs wiki"
    published: 2025-03-01
    content_language: en
"""


def _intents_with(tmp_path: Path, extra: str) -> Path:
    folder = tmp_path / "intents"
    shutil.copytree(default_intents_dir(), folder)
    (folder / "roles.added.yml").write_text(extra, encoding="utf-8")
    return folder


def test_a_new_role_id_in_snake_case_is_accepted_and_listed_after_the_contract(
    tmp_path: Path,
) -> None:
    data = load_intents(_intents_with(tmp_path, SCRUM_MASTER))
    assert data.role_ids()[-1] == "scrum_master"
    assert "project_manager" in data.role_ids()
    # the name moves from the unknown-role list to the new role
    found = data.lexicon().find(["who", "is", "the", "scrum", "master"])
    assert [m.role for m in found] == ["scrum_master"]


@pytest.mark.parametrize(
    ("role_id", "message"),
    [
        ("Scrum Master", "must be lower-case snake case"),
        ("project_manger", "did you mean 'project_manager'"),
        ("pmo-analyst", "must be lower-case snake case"),
    ],
)
def test_a_malformed_or_misspelt_role_id_is_refused_with_file_and_line(
    tmp_path: Path, role_id: str, message: str
) -> None:
    folder = _intents_with(tmp_path, SCRUM_MASTER.replace("scrum_master", role_id))
    with pytest.raises(ValidationError) as caught:
        load_intents(folder)
    [problem] = caught.value.problems
    assert problem.path.name == "roles.added.yml" and problem.line == 3
    assert message in problem.message


def test_a_role_added_as_data_is_answered_from_a_document_about_it(
    tmp_path: Path, knowledge_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    intents = _intents_with(tmp_path, SCRUM_MASTER)
    (knowledge_copy / "sources" / "pinewood-delivery-roles.md").write_text(DOCUMENT)
    with (knowledge_copy / "sources" / "sources.yaml").open("a", encoding="utf-8") as f:
        f.write(ENTRY)
    common = ["--knowledge", str(knowledge_copy), "--intents", str(intents)]
    assert main(["build", *common]) == 0
    capsys.readouterr()
    assert main(["ask", "--json", *common, "what does a scrum master do?"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["answered"] is True
    assert answer["roles"] == ["scrum_master"]
    assert {s["id"].split("#")[0] for s in answer["sources"]} == {"pinewood-delivery-roles"}
    assert any("impediments" in s["quote"] or "stand-up" in s["quote"] for s in answer["sources"])


AGILE_COACHING = """version: "3.1"
nlu:
  - synonym: agile_coach
    examples: |
      - agile coach
  - lookup: discipline_agile_coach
    examples: |
      - agile coaching
"""


def test_the_name_of_a_roles_work_is_data(tmp_path: Path) -> None:
    data = load_intents(_intents_with(tmp_path, AGILE_COACHING))
    found = data.discipline_lexicon().find(["a", "career", "in", "agile", "coaching"])
    assert [m.role for m in found] == ["agile_coach"]


def test_a_discipline_of_a_misspelt_role_id_is_refused_with_file_and_line(tmp_path: Path) -> None:
    folder = _intents_with(
        tmp_path, AGILE_COACHING.replace("discipline_agile_coach", "discipline_Agile")
    )
    with pytest.raises(ValidationError) as caught:
        load_intents(folder)
    [problem] = caught.value.problems
    assert problem.line == 6 and "unknown lookup table" in problem.message
