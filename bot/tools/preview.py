"""``rolebot preview QUESTION``: what a reply looks like on each platform, without a workspace.

Writes into one folder: ``slack.json`` (the message's blocks), ``slack-builder-url.txt``
(a link that opens them in Slack's Block Kit Builder), ``teams.json`` (the Adaptive
Card), ``preview.html`` (the Teams card drawn by the Adaptive Cards JavaScript renderer,
beside an approximation of the Slack message) and, with ``--png``, ``preview.png`` taken
by headless Chromium. ``check_page`` reads back what the renderer reported for each card:
parse and validation warnings, and anything wider than the card."""

from __future__ import annotations

import argparse
import html
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bot.tools import chromium, slack_html

ROOT = Path(__file__).resolve().parents[2]
PREVIEW_DIR = ROOT / "preview"
RENDERER = PREVIEW_DIR / "node_modules" / "adaptivecards" / "dist" / "adaptivecards.min.js"
PAGE_SCRIPT = PREVIEW_DIR / "page.js"
DEPS_SCRIPT = ROOT / "scripts" / "preview-deps.sh"
BUILDER = "https://app.slack.com/block-kit-builder/#"
CARD_WIDTH = 420  # about the width Teams gives a card in a chat on a laptop screen
PAGE_WIDTH = 1200
_RESULT_START = '<pre id="rolebot-result">'


@dataclass(frozen=True)
class Shown:
    """One reply as both platforms send it."""

    name: str
    slack: list[dict[str, Any]]
    teams: dict[str, Any]


@dataclass(frozen=True)
class CardReport:
    name: str
    parse: tuple[str, ...]
    validation: tuple[str, ...]
    overflow: tuple[str, ...]

    @property
    def problems(self) -> tuple[str, ...]:
        return self.parse + self.validation + self.overflow


class RendererMissing(RuntimeError):
    """The Adaptive Cards renderer has not been installed."""


def builder_url(blocks: list[dict[str, Any]]) -> str:
    """A link that opens ``blocks`` in Slack's Block Kit Builder."""
    return BUILDER + quote(json.dumps({"blocks": blocks}, separators=(",", ":")), safe="")


def shown_for(engine: Any, question: str) -> Shown:
    from bot.platforms.slack.render import render_answer
    from bot.platforms.teams.render import answer_card

    answer = engine.ask(question)
    return Shown(question, render_answer(answer)["blocks"], answer_card(answer))


def page(shown: list[Shown]) -> str:
    """The preview page: each reply's Teams card (rendered in the browser) and Slack message."""
    cards = [{"name": s.name, "card": s.teams, "width": CARD_WIDTH} for s in shown]
    slack = "".join(f"<h3>{html.escape(s.name)}</h3>{slack_html.message(s.slack)}" for s in shown)
    data = json.dumps(cards, ensure_ascii=False).replace("</", "<\\/")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>rolebot preview</title>
<style>
body{{margin:0;background:#f5f5f5;font-family:'Segoe UI',system-ui,sans-serif}}
main{{display:grid;grid-template-columns:{CARD_WIDTH + 40}px 1fr;gap:24px;padding:16px}}
h2{{font-size:15px;color:#444;margin:0 0 8px}} h3{{font-size:12px;color:#777;margin:16px 0 4px}}
.rolebot-card{{background:#fff;border:1px solid #e1e1e1;border-radius:6px;overflow:hidden}}
.slack{{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 0}}
#rolebot-result{{display:none}}
{slack_html.STYLE}
</style></head><body><main>
<section><h2>Microsoft Teams (Adaptive Cards renderer)</h2><div id="teams-cards"></div></section>
<section><h2>Slack (approximation; open slack-builder-url.txt for the real thing)</h2>
<div class="slack">{slack}</div></section>
</main>
{_RESULT_START}</pre>
<script>window.ROLEBOT_CARDS = {data};</script>
<script src="adaptivecards.min.js"></script>
<script src="page.js"></script>
</body></html>
"""


def ensure_dependencies() -> None:
    """Install Chromium and the renderer with the project's script when either is missing."""
    try:
        chromium.find_chromium()
        if RENDERER.is_file():
            return
    except chromium.ChromiumMissing:
        pass
    print("rolebot preview: installing Chromium and the card renderer", file=sys.stderr)
    subprocess.run(["bash", str(DEPS_SCRIPT)], check=False)


def write_page(shown: list[Shown], out: Path) -> Path:
    """``preview.html`` with the renderer and the page script beside it."""
    if not RENDERER.is_file():
        raise RendererMissing(
            f"the Adaptive Cards renderer is not installed ({RENDERER}): "
            "run scripts/preview-deps.sh"
        )
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(RENDERER, out / "adaptivecards.min.js")
    shutil.copyfile(PAGE_SCRIPT, out / "page.js")
    target = out / "preview.html"
    target.write_text(page(shown), encoding="utf-8")
    return target


def check_page(target: Path) -> tuple[list[CardReport], int]:
    """What the renderer reported for each card, and the page's height in pixels."""
    dom = chromium.dump_dom(target)
    start = dom.find(_RESULT_START)
    if start < 0:
        raise RuntimeError("the preview page produced no result")
    raw = dom[start + len(_RESULT_START) : dom.index("</pre>", start)]
    result = json.loads(html.unescape(raw) or "{}")
    if "error" in result:
        raise RendererMissing(result["error"])
    reports = [
        CardReport(c["name"], tuple(c["parse"]), tuple(c["validation"]), tuple(c["overflow"]))
        for c in result.get("cards", [])
    ]
    return reports, int(result.get("height", 800))


def write_preview(shown: Shown, out: Path, *, png: bool = False) -> dict[str, Path]:
    """Every preview file for one reply; the PNG only when asked for."""
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "slack": out / "slack.json",
        "builder": out / "slack-builder-url.txt",
        "teams": out / "teams.json",
    }
    files["slack"].write_text(json.dumps({"blocks": shown.slack}, ensure_ascii=False, indent=1))
    files["builder"].write_text(builder_url(shown.slack) + "\n")
    files["teams"].write_text(json.dumps(shown.teams, ensure_ascii=False, indent=1))
    files["page"] = write_page([shown], out)
    if png:
        reports, height = check_page(files["page"])
        for report in reports:
            for problem in report.problems:
                print(f"warning: {report.name}: {problem}", file=sys.stderr)
        files["png"] = chromium.screenshot(
            files["page"], out / "preview.png", PAGE_WIDTH, height + 32
        )
    return files


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("question", nargs="+", help="the question to preview")
    parser.add_argument("--out", type=Path, default=Path("preview-out"), help="output folder")
    parser.add_argument(
        "--png",
        nargs="?",
        type=Path,
        const=True,
        default=None,
        metavar="DIR",
        help="also take a PNG with headless Chromium (into DIR, if given, instead of --out)",
    )


def run(args: argparse.Namespace) -> int:
    from bot.app.bootstrap import load_engine

    engine = load_engine(args.knowledge, args.intents)
    out = args.png if isinstance(args.png, Path) else args.out
    if args.png:
        ensure_dependencies()
    try:
        files = write_preview(shown_for(engine, " ".join(args.question)), out, png=bool(args.png))
    except (RendererMissing, chromium.ChromiumMissing) as exc:
        print(f"rolebot preview: {exc}", file=sys.stderr)
        return 1
    for name, path in files.items():
        print(f"{name}: {path}")
    return 0
