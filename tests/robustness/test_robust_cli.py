"""The bad-input corpus through the command line: `rolebot ask` and `rolebot ask --jsonl`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests.robustness.corpus import TEXT_IDS, TEXTS, Text
from tests.robustness.serving import ROOT

CONTRACT_KEYS = {
    "question",
    "language",
    "intent",
    "roles",
    "confidence",
    "answered",
    "text",
    "sources",
    "suggestions",
}
ROLEBOT = [sys.executable, "-m", "bot"]


def rolebot(
    *args: str | bytes, stdin: bytes = b"", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*ROLEBOT, *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


def _encode(text: str) -> bytes:
    """The bytes a terminal would pass (lone surrogates become invalid UTF-8)."""
    return text.encode("utf-8", "surrogatepass")


def _decode(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def _check_answer(data: dict) -> None:
    assert set(data) == CONTRACT_KEYS
    assert isinstance(data["text"], str) and data["text"].strip()
    assert data["language"] in ("en", "fr")
    assert 0 <= data["confidence"] <= 1


@pytest.mark.parametrize("case", TEXTS, ids=TEXT_IDS)
def test_ask_answers_every_text_clearly(case: Text) -> None:
    """`rolebot ask --json -- TEXT` (TEXT on standard input when it holds a NUL byte, which
    no command line can carry) exits 0 with one contract object."""
    if "\x00" in case.text:
        done = rolebot("ask", "--json", stdin=_encode(case.text))
    else:
        done = rolebot("ask", "--json", "--", _encode(case.text))
    assert done.returncode == 0, _decode(done.stderr)
    assert b"Traceback" not in done.stderr
    _check_answer(json.loads(_decode(done.stdout)))


def test_ask_without_json_prints_plain_text_for_every_text() -> None:
    for case in TEXTS[:8]:
        if "\x00" in case.text:
            continue
        done = rolebot("ask", "--", _encode(case.text))
        assert done.returncode == 0, (case.id, _decode(done.stderr))
        assert _decode(done.stdout).strip(), case.id


def _one_line(text: str) -> str:
    """A question of a --jsonl stream is one line: line breaks become spaces."""
    return re.sub(r"\r\n|\r|\n", " ", text)


def test_jsonl_answers_the_whole_corpus_in_order_one_object_per_line() -> None:
    lines = [_one_line(case.text) for case in TEXTS]
    stdin = b"".join(_encode(line) + b"\n" for line in lines)
    done = rolebot("ask", "--jsonl", stdin=stdin)
    assert done.returncode == 0, _decode(done.stderr)
    out = _decode(done.stdout).split("\n")
    assert out[-1] == ""
    answers = [json.loads(line) for line in out[:-1]]
    assert len(answers) == len(TEXTS)
    for case, line, data in zip(TEXTS, lines, answers, strict=True):
        _check_answer(data)
        if line.isprintable() and "\ud800" not in line:
            assert data["question"] == line, case.id


# Python decodes standard input with the locale's rules: leniently under the C locale,
# strictly under a UTF-8 locale such as en_US.UTF-8 (simulated with PYTHONIOENCODING).
LOCALES = [
    pytest.param({}, id="this-locale"),
    pytest.param(
        {"PYTHONIOENCODING": "utf-8"},
        id="utf8-terminal",
    ),
]


@pytest.mark.parametrize("env", LOCALES)
def test_jsonl_survives_invalid_utf8_and_keeps_the_stream_aligned(env: dict[str, str]) -> None:
    stdin = b"pmo \xff\xfe vs pm\n\xc3\x28 what is a PMO?\nwhat does a PMO analyst do?\n"
    done = rolebot("ask", "--jsonl", stdin=stdin, env=env)
    assert done.returncode == 0, _decode(done.stderr)
    lines = _decode(done.stdout).splitlines()
    assert len(lines) == 3
    for line in lines:
        _check_answer(json.loads(line))


def test_jsonl_output_is_valid_utf8_whatever_the_input() -> None:
    done = rolebot("ask", "--jsonl", stdin=b"pmo \xff vs pm\n")
    assert done.returncode == 0
    for line in done.stdout.decode("utf-8").splitlines():  # strict: must not raise
        json.loads(line)


@pytest.mark.parametrize(
    "env",
    [
        pytest.param({}, id="this-locale"),
        pytest.param(
            {"PYTHONIOENCODING": "utf-8"},
            id="utf8-terminal",
        ),
    ],
)
def test_ask_json_survives_an_argument_that_is_not_utf8(env: dict[str, str]) -> None:
    done = rolebot("ask", "--json", "--", b"pmo \xff vs pm", env=env)
    assert done.returncode == 0, _decode(done.stderr)
    _check_answer(json.loads(_decode(done.stdout)))
