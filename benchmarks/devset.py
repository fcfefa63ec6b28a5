"""The labelled development questions (``tests/eval/dev.jsonl``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = ROOT / "tests" / "eval" / "dev.jsonl"


@dataclass(frozen=True)
class DevItem:
    question: str
    intent: str
    roles: tuple[str, ...]
    answered: bool


def load_dev(path: Path = DEV_SET) -> list[DevItem]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            items.append(
                DevItem(data["question"], data["intent"], tuple(data["roles"]), data["answered"])
            )
    return items
