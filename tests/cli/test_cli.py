"""The command line as a user runs it (a real process, stdin and stdout)."""

import json
import subprocess
import sys
from pathlib import Path


def rolebot(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_ask_prints_a_short_sourced_answer():
    result = rolebot("ask", "pmo vs pm??")
    assert result.returncode == 0
    assert "Sources:" in result.stdout
    assert len(result.stdout.splitlines()) <= 12


def test_ask_json_prints_one_contract_object():
    result = rolebot("ask", "--json", "what does a pmo anaylst do")
    data = json.loads(result.stdout)
    assert data["intent"] == "responsibilities"
    assert data["roles"] == ["pmo_analyst"]
    assert data["answered"] is True and data["sources"]


def test_ask_jsonl_answers_a_stream_in_order():
    questions = ["pmo vs pm", "what is the weather", "", "qu'est-ce qu'un PMO ?"]
    result = rolebot("ask", "--jsonl", stdin="\n".join(questions) + "\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["question"] for a in lines] == questions
    assert [a["answered"] for a in lines] == [True, False, True, True]
    assert lines[3]["language"] == "fr"


def test_chat_answers_shows_quotes_and_quits():
    result = rolebot("chat", stdin="who sets project standards?\n/sources\n/quit\nnever read\n")
    assert result.returncode == 0
    assert "rolebot>" in result.stdout
    assert "“" in result.stdout, "/sources prints the exact quotes"
    assert "never read" not in result.stdout


def test_eval_fails_below_the_threshold(tmp_path: Path):
    wrong = tmp_path / "wrong.jsonl"
    wrong.write_text(
        json.dumps(
            {"question": "pmo vs pm", "intent": "career", "roles": ["pmo"], "answered": True}
        )
        + "\n"
    )
    result = rolebot("eval", str(wrong), "--min-score", "0.9")
    assert result.returncode == 1
    assert "fully right: 0.0%" in result.stdout


def test_eval_json_reports_the_measures():
    result = rolebot("eval", "--json")
    report = json.loads(result.stdout)
    for key in (
        "fully_right",
        "intent_accuracy",
        "role_exact_match",
        "abstention_precision",
        "abstention_recall",
        "per_intent",
        "confusion",
        "misses",
    ):
        assert key in report
    assert report["items"] >= 300


def test_bad_knowledge_folder_is_a_clear_error(tmp_path: Path):
    result = rolebot("ask", "--knowledge", str(tmp_path / "nowhere"), "pmo vs pm")
    assert result.returncode == 1
    assert "nowhere" in result.stderr
    assert "Traceback" not in result.stderr
