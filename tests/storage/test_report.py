"""``rolebot report`` on recorded questions: groups, proposals that load, feedback summary."""

from __future__ import annotations

import argparse
import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from sqlalchemy import update

from bot.app.service import Feedback, Interaction
from bot.core.answer import Answer
from bot.core.ids import INTENT_IDS
from bot.data.intents_loader import load_intents
from bot.storage import schema
from bot.storage.sql import SqlStorage, utcnow
from bot.tools import report

ROOT = Path(__file__).resolve().parents[2]

UNANSWERED = {
    # phrasings of one question, differing in case, punctuation and an article
    "who does the pmo analyst report to": 6,
    "Who does the PMO analyst report to?": 3,
    "who does a pmo analyst report to": 2,
    # another question
    "what certification should a scrum master get": 4,
    "What certifications should a scrum master get?": 1,
    # out of the field
    "what is the best pizza topping": 2,
}
LOW_CONFIDENCE = {"is a project controller senior to a project manager": 3}
FRENCH = {"qui valide le budget du projet": 2}


def _answer(question: str, *, answered: bool, confidence: float, language: str = "en") -> Answer:
    return Answer(
        question=question,
        language=language,
        intent="out_of_scope" if not answered else "reporting",
        roles=(),
        confidence=confidence,
        answered=answered,
        kind="answer" if answered else "abstain",
        title="t",
    )


def _record(storage: SqlStorage) -> None:
    def add(questions: dict[str, int], **kw: object) -> None:
        for question, times in questions.items():
            for _ in range(times):
                answer = _answer(question, **kw)  # type: ignore[arg-type]
                storage.record_interaction(Interaction("slack", question, answer, 0.001))

    add(UNANSWERED, answered=False, confidence=0.1)
    add(LOW_CONFIDENCE, answered=True, confidence=0.3)
    add(FRENCH, answered=False, confidence=0.2, language="fr")
    add({"what is a PMO": 20}, answered=True, confidence=0.95)  # well answered: not reported
    feedback = [
        Feedback("slack", True, "pmo vs pm", "compare", ("pmo", "project_manager")),
        Feedback("slack", True, "pmo vs pm", "compare", ("pmo", "project_manager")),
        Feedback("teams", False, "pmo vs pm", "compare", ("pmo", "project_manager"), reason="long"),
        Feedback("slack", False, "what is a PMO", "define", ("pmo",), reason="too vague"),
        Feedback("slack", False, "what is a PMO", "define", ("pmo",), reason="too vague"),
    ]
    for item in feedback:
        storage.record_feedback(item)


def _args(database_url: str, **kw: object) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    report.add_arguments(parser)
    args = parser.parse_args(["--database-url", database_url])
    for key, value in kw.items():
        setattr(args, key, value)
    return args


def _run_json(database_url: str, capsys: pytest.CaptureFixture[str], **kw: object) -> dict:
    assert report.run(_args(database_url, json=True, **kw)) == 0
    return json.loads(capsys.readouterr().out)


def test_groups_most_frequent_first_with_nearest_intents(database_url: str, capsys) -> None:
    storage = SqlStorage(database_url)
    _record(storage)
    storage.close()
    data = _run_json(database_url, capsys)
    totals = data["totals"]
    assert totals["questions"] == sum(UNANSWERED.values()) + 3 + 2 + 20
    assert totals["unanswered"] == sum(UNANSWERED.values()) + 2
    assert totals["low_confidence"] == 3
    groups = data["groups"]
    assert [g["count"] for g in groups] == sorted((g["count"] for g in groups), reverse=True)
    first = groups[0]
    assert first["count"] == 11 and first["question"] == "who does the pmo analyst report to"
    assert {p["text"] for p in first["phrasings"]} == {
        "who does the pmo analyst report to",
        "Who does the PMO analyst report to?",
        "who does a pmo analyst report to",
    }
    assert first["nearest_intents"][0]["intent"] == "reporting"
    assert first["now"]["intent"] in INTENT_IDS
    scrum = next(g for g in groups if "scrum" in g["question"])
    assert scrum["count"] == 5 and scrum["nearest_intents"][0]["intent"] == "certification"
    low = next(g for g in groups if "controller" in g["question"])
    assert (low["count"], low["low_confidence"], low["unanswered"]) == (3, 3, 0)
    french = next(g for g in groups if g["language"] == "fr")
    assert french["file"] == "intents/questions.fr.yml"
    for group in groups:  # what to do depends on how the bot answers it now
        assert group["diagnosis"] in report.ADVICE
        assert (group["yaml"] is not None) == (group["diagnosis"] == "not_understood")
        if group["now"]["answered"]:
            assert group["diagnosis"] in ("answered_now", "not_understood", "knowledge_gap")
    assert all("PMO" not in g["question"] for g in groups if g["count"] == 20)


def test_proposed_snippets_load_into_the_intents(database_url: str, tmp_path) -> None:
    storage = SqlStorage(database_url)
    _record(storage)
    rows, feedback = storage.interactions(), storage.feedback()
    storage.close()
    intents = tmp_path / "intents"
    shutil.copytree(ROOT / "intents", intents)
    # Without an engine to ask, every group is treated as not understood: all get a proposal.
    data = report.build_report(rows, feedback, index=report.IntentIndex.load(intents))
    assert len(data["groups"]) == 5
    for group in data["groups"]:
        target = intents / Path(group["file"]).name
        target.write_text(target.read_text(encoding="utf-8") + group["yaml"] + "\n")
        entry = yaml.safe_load(group["yaml"])[0]
        assert entry["intent"] in INTENT_IDS
        pasted = [line[2:] for line in entry["examples"].splitlines()]
        assert pasted[0] == group["question"]
        assert len(pasted) == len({report.fold(p) for p in pasted})  # no near-duplicates
    loaded = load_intents(intents)  # a maintainer's paste is valid as it stands
    texts = {(e.intent, e.text) for e in loaded.examples}
    first = data["groups"][0]
    assert (yaml.safe_load(first["yaml"])[0]["intent"], first["question"]) in texts


def test_feedback_summary_by_intent_role_and_reason(database_url: str, capsys) -> None:
    storage = SqlStorage(database_url)
    _record(storage)
    storage.close()
    feedback = _run_json(database_url, capsys)["feedback"]
    assert (feedback["total"], feedback["helpful"], feedback["not_helpful"]) == (5, 2, 3)
    by_intent = {row["intent"]: row for row in feedback["by_intent"]}
    assert (by_intent["compare"]["helpful"], by_intent["compare"]["not_helpful"]) == (2, 1)
    assert by_intent["define"]["helpful_rate"] == 0.0
    by_role = {row["role"]: row for row in feedback["by_role"]}
    assert (by_role["pmo"]["helpful"], by_role["pmo"]["not_helpful"]) == (2, 3)
    assert by_role["project_manager"]["helpful_rate"] == pytest.approx(2 / 3, abs=0.001)
    assert feedback["reasons"][0] == {"reason": "too vague", "count": 2}


def test_since_limits_the_period(database_url: str, capsys) -> None:
    storage = SqlStorage(database_url)
    _record(storage)
    with storage.engine.begin() as conn:  # the pizza questions were asked last month
        conn.execute(
            update(schema.interactions)
            .where(schema.interactions.c.question.like("%pizza%"))
            .values(created_at=utcnow() - timedelta(days=30))
        )
    storage.close()
    recent = _run_json(database_url, capsys, since="7d")
    assert not any("pizza" in g["question"] for g in recent["groups"])
    everything = _run_json(database_url, capsys)
    assert any("pizza" in g["question"] for g in everything["groups"])
    assert report.run(_args(database_url, since="last tuesday")) == 2


def test_questions_stored_without_text_are_counted(database_url: str, capsys) -> None:
    storage = SqlStorage(database_url, store_text=False)
    _record(storage)
    storage.close()
    data = _run_json(database_url, capsys)
    assert data["groups"] == []
    assert data["totals"]["without_text"] == sum(UNANSWERED.values()) + 3 + 2


def test_text_report_for_people(database_url: str, capsys) -> None:
    storage = SqlStorage(database_url)
    _record(storage)
    storage.close()
    data = _run_json(database_url, capsys, limit=2)
    assert report.run(_args(database_url, limit=2)) == 0
    out = capsys.readouterr().out
    assert "43 questions: 23 answered, 20 unanswered, 3 low confidence (below 0.50)" in out
    assert "Questions to improve, most frequent first 2 of 5" in out
    assert ' 1. 11x "who does the pmo analyst report to"' in out
    for group in data["groups"]:
        assert f'{group["count"]}x "{group["question"]}"' in out
        assert group["advice"] in out
        for line in (group["yaml"] or "").splitlines():
            assert f"      {line}" in out
    assert "Feedback: 5 votes, 2 helpful (40%)" in out
    assert "too vague" in out


def test_empty_database(tmp_path: Path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    assert report.run(_args(url)) == 0
    out = capsys.readouterr().out
    assert "0 questions" in out and "No unanswered or low-confidence questions" in out


def test_questions_about_different_roles_stay_apart() -> None:
    index = report.IntentIndex.load(ROOT / "intents")
    rows = [
        {"question": q, "answered": False, "kind": "abstain", "confidence": 0.1,
         "intent": "out_of_scope", "language": "en"}
        for q in ["what does a scrum master do"] * 3
        + ["what does a program manager do"] * 2
        + ["what does the program manager do?"]
    ]  # fmt: skip
    groups = report.group_questions(rows, report.DEFAULT_SIMILARITY, index.role_signature)
    assert [(g.question, g.count) for g in groups] == [
        ("what does a scrum master do", 3),
        ("what does a program manager do", 3),
    ]


def test_diagnosis_from_how_the_bot_answers_now() -> None:
    def now(intent: str, confidence: float, answered: bool) -> dict:
        return {"intent": intent, "confidence": confidence, "answered": answered}

    assert report.diagnose(now("define", 0.9, True), 0.5) == "answered_now"
    assert report.diagnose(now("out_of_scope", 0.95, False), 0.5) == "outside_field"
    assert report.diagnose(now("skills", 0.9, False), 0.5) == "knowledge_gap"
    assert report.diagnose(now("out_of_scope", 0.4, False), 0.5) == "not_understood"
    assert report.diagnose(now("define", 0.3, True), 0.5) == "not_understood"
    assert report.diagnose(None, 0.5) == "not_understood"
