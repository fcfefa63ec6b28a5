"""A broken evaluation file is reported with its file and line, never with a traceback."""

import json
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.data.errors import ValidationError
from bot.tools.evaluate import load_items

GOOD = {"question": "pmo vs pm", "intent": "compare", "roles": ["pmo"], "answered": True}


def _write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ('["pmo vs pm", "compare"]', "expected a JSON object, got list"),
        ('"pmo vs pm"', "expected a JSON object, got str"),
        ("42", "expected a JSON object, got int"),
        (json.dumps({**GOOD, "roles": ["pmo", "pmo_wizard"]}), "unknown role id(s): pmo_wizard"),
        (json.dumps({**GOOD, "roles": "pmo"}), "'roles' must be a list of role ids"),
        (json.dumps({**GOOD, "intent": "gossip"}), "unknown intent 'gossip'"),
        ("{not json", "invalid JSON"),
    ],
)
def test_a_bad_line_names_file_and_line(tmp_path, bad_line, message):
    path = _write(tmp_path, json.dumps(GOOD), "", bad_line)
    with pytest.raises(ValidationError) as err:
        load_items(path)
    assert f"{path}:3: {message}" in str(err.value)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ValidationError) as err:
        load_items(tmp_path / "nowhere.jsonl")
    assert f"{tmp_path / 'nowhere.jsonl'}:0: evaluation file not found" in str(err.value)


def test_a_good_file_loads_with_lines(tmp_path):
    path = _write(tmp_path, "", json.dumps({**GOOD, "tags": ["abbrev"]}))
    [item] = load_items(path)
    assert (item.question, item.roles, item.tags, item.line) == (
        "pmo vs pm",
        ("pmo",),
        ("abbrev",),
        2,
    )


@pytest.mark.parametrize(
    "content", [None, "[1, 2]\n", json.dumps({**GOOD, "roles": ["pm0"]}) + "\n"]
)
def test_rolebot_eval_prints_the_problem_and_exits_1(tmp_path, capsys, content):
    path = tmp_path / "set.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code = main(["eval", str(path)])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.startswith(f"{path}:")
    assert "Traceback" not in captured.err
    assert captured.out == ""
