"""Replies as the real Teams renderer draws them, in headless Chromium.

Each reply of a fixed set is rendered with the Adaptive Cards JavaScript renderer; the test
fails on any parse or validation warning and on anything wider than the card (a button
whose text is cut counts). PNGs are kept in ``test-artifacts/preview/`` for people to look
at. In CI (``CI=true``) Chromium and the renderer are installed by
``scripts/preview-deps.sh`` and required; elsewhere the test is skipped without them."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from bot.app.bootstrap import load_engine
from bot.core.answer import Answer
from bot.platforms.slack.render import render_answer
from bot.platforms.teams import render as teams
from bot.tools import chromium, preview

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "preview"

QUESTIONS = {
    "comparison": "pmo vs pm?",
    "one-role": "What does a PMO analyst do?",
    "disputed": "Who does the project manager report to?",
    "abstention": "what's the weather in Paris tomorrow?",
    "french": "Quelle est la différence entre un PMO et un chef de projet ?",
    "smalltalk": "hello!",
    "help": "what can you do?",
}
LONG_SUGGESTIONS = (
    "What is the difference between a PMO analyst and a project analyst on a large programme?",
    "Who approves a major change to the scope of a project that several departments share?",
    "How does a project coordinator become a project manager in an organisation with a PMO?",
)


def _required() -> bool:
    return os.environ.get("CI") == "true" or os.environ.get("ROLEBOT_TEST_PREVIEW") == "require"


@pytest.fixture(scope="module")
def renderer_ready() -> None:
    if _required():
        subprocess.run(["bash", str(ROOT / "scripts" / "preview-deps.sh")], check=True)
    try:
        chromium.find_chromium()
    except chromium.ChromiumMissing:
        pytest.skip("Chromium is not installed (scripts/preview-deps.sh)")
    if not preview.RENDERER.is_file():
        pytest.skip("the Adaptive Cards renderer is not installed (scripts/preview-deps.sh)")


def _replies() -> list[preview.Shown]:
    engine = load_engine()
    shown = []
    for name, question in QUESTIONS.items():
        reply = preview.shown_for(engine, question)
        shown.append(preview.Shown(name, reply.slack, reply.teams))
    quotes = engine.ask(QUESTIONS["comparison"])
    shown.append(preview.Shown("quotes", [], teams.quotes_card(quotes)))
    long = Answer(
        question="how do roles work here",
        language="en",
        intent="out_of_scope",
        roles=(),
        confidence=0.2,
        answered=False,
        kind="abstain",
        title="My sources don't say.",
        suggestions=LONG_SUGGESTIONS,
    )
    shown.append(
        preview.Shown("long-suggestions", render_answer(long)["blocks"], teams.answer_card(long))
    )
    for language in ("en", "fr"):  # the welcome card sent on install
        activity = teams.welcome_activity(language, engine.example_questions(language))
        card = activity["attachments"][0]["content"]
        shown.append(preview.Shown(f"welcome-{language}", [], card))
    return shown


def test_every_reply_renders_without_warnings_and_fits_the_card(renderer_ready: None) -> None:
    shown = _replies()
    assert len(shown) >= 11
    page = preview.write_page(shown, ARTIFACTS)
    reports, height = preview.check_page(page)
    assert [r.name for r in reports] == [s.name for s in shown]
    problems = {r.name: r.problems for r in reports if r.problems}
    assert problems == {}
    preview.chromium.screenshot(page, ARTIFACTS / "replies.png", preview.PAGE_WIDTH, height + 32)
    assert (ARTIFACTS / "replies.png").stat().st_size > 10_000


def test_the_check_catches_unknown_elements_and_content_wider_than_the_card(
    renderer_ready: None, tmp_path: Path
) -> None:
    bad = {
        "type": "AdaptiveCard",
        "version": "1.5",
        "body": [
            {"type": "NoSuchElement", "text": "x"},
            {
                "type": "Image",
                "url": "data:image/gif;base64,R0lGODlhAQABAAAAACw=",
                "width": "900px",
            },
        ],
        "actions": [{"type": "Action.Submit", "title": "word " * 40}],
    }
    page = preview.write_page([preview.Shown("bad", [], bad)], tmp_path)
    [report] = preview.check_page(page)[0]
    assert report.parse or report.validation  # the unknown element is reported
    assert report.overflow  # the wide image and the cut button title


def test_rolebot_preview_writes_every_file_and_a_png(renderer_ready: None, tmp_path: Path) -> None:
    from bot.cli.main import main

    out = tmp_path / "out"
    assert main(["preview", "pmo vs pm?", "--png", str(out)]) == 0
    for name in ("slack.json", "slack-builder-url.txt", "teams.json", "preview.html"):
        assert (out / name).stat().st_size > 0
    assert (out / "preview.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (out / "slack-builder-url.txt").read_text().startswith(preview.BUILDER)
