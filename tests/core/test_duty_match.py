"""Which curated statement a duty question routes to: the statement covering most of the
question's weight, the first such statement on a tie, among the roles offered if any."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from bot.core.compose.duties import MIN_DUTY_COVER, MIN_OBJECT_COVER, ROUTING_BONUS, DutyMatcher
from bot.core.compose.duty_terms import ROLE
from bot.core.compose.owners import duty_core
from bot.core.knowledge import Duty, Text
from bot.core.text import words

DEV = Path(__file__).resolve().parents[1] / "eval" / "dev.jsonl"


def reference_match(m: DutyMatcher, tokens: tuple[str, ...], among: tuple[str, ...] = ()):
    """Every statement scored one by one, in statement order."""
    terms = [t for t in m._reader.question_terms(tokens) if t.kind != ROLE]
    if not terms:
        return None
    weight = {t: m._weight(t) for t in terms}
    related = {
        t: frozenset({t.key}) if m._reader.is_group(t.key) else m._weights.related(t.key)
        for t in terms
    }
    total = sum(weight.values())
    core = duty_core(tuple(terms)) or frozenset(terms)
    objects = sum(weight[t] for t in core)
    best = None
    for role, found, statement, routing in m._duties:
        if among and role not in among:
            continue
        if all(related[t].isdisjoint(found) for t in core):
            continue
        held = {t for t in terms if not related[t].isdisjoint(found)}
        if not objects or sum(weight[t] for t in held & core) < MIN_OBJECT_COVER * objects:
            continue
        score = sum(weight[t] for t in held) + ROUTING_BONUS * routing * total
        if best is None or score > best[0]:
            best = (score, role, statement)
    if best is None or best[0] / total < MIN_DUTY_COVER:
        return None
    return (min(1.0, best[0] / total), best[1], best[2])


def test_routes_every_dev_question_as_scoring_each_statement_would(engine) -> None:
    matcher = engine._composer.duties
    questions = [json.loads(line)["question"] for line in DEV.read_text().splitlines() if line]
    routed = 0
    for question in questions:
        tokens = tuple(words(question))
        for among in ((), ("pmo", "project_manager")):
            got = matcher.match(tokens, among)
            assert got == reference_match(matcher, tokens, among), question
            routed += got is not None
    assert routed > 50  # the comparison is not only between two Nones


def test_a_tie_goes_to_the_first_statement_and_among_narrows_it(engine) -> None:
    same = Text("Approves the widget budget.", "Approuve le budget des widgets.")
    knowledge = replace(
        engine.knowledge,
        who_to_ask=(Duty(same, "pmo_analyst", ()), Duty(same, "project_sponsor", ())),
    )
    matcher = DutyMatcher(knowledge, engine._composer.duties._reader)
    tokens = tuple(words("who approves the widget budget?"))
    assert matcher.match(tokens)[1] == "pmo_analyst"
    assert matcher.match(tokens, ("project_sponsor", "pmo"))[1] == "project_sponsor"
