"""YAML data errors name their file and line instead of raising a traceback."""

from pathlib import Path

import pytest

from bot.data.errors import ValidationError
from bot.data.yamlfile import load_yaml


def _load(tmp_path: Path, text: str):
    path = tmp_path / "data.yaml"
    path.write_text(text, encoding="utf-8")
    return path, load_yaml(path)


def _error(tmp_path: Path, text: str) -> tuple[Path, str]:
    path = tmp_path / "data.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        load_yaml(path)
    return path, str(err.value)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("version: 1\nroles:\n  pmo: !foo bar\n", 3),
        ("version: 1\nroles: !foo\n  pmo: 1\n", 2),
        ("items:\n  - one\n  - !custom [two]\n", 3),
    ],
)
def test_an_unknown_tag_names_file_and_line(tmp_path, text, line):
    path, message = _error(tmp_path, text)
    assert f"{path}:{line}: unknown YAML tag '!" in message


def test_duplicate_keys_are_reported_with_their_lines(tmp_path):
    text = "roles:\n  pmo:\n    covered: true\n    covered: false\n  pmo: {}\nversion: 1\n"
    path, message = _error(tmp_path, text)
    assert f"{path}:4: duplicate key 'covered' (first at line 4)" not in message
    assert f"{path}:4: duplicate key 'covered' (first at line 3)" in message
    assert f"{path}:5: duplicate key 'pmo' (first at line 2)" in message


def test_a_bad_typed_value_names_file_and_line(tmp_path):
    path, message = _error(tmp_path, "a: 1\nb: !!int twelve\n")
    assert message.startswith(f"{path}:2: invalid")


def test_values_keep_their_lines(tmp_path):
    _, node = _load(tmp_path, "a: 1\nb:\n  - x\n  - {c: 2}\n")
    assert node.plain() == {"a": 1, "b": ["x", {"c": 2}]}
    assert [item.line for item in node.value["b"].value] == [3, 4]
