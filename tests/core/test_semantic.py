"""The semantic signal at its port: consulted only where the fuzzy ranking is unsure, and
then able to reorder it. A fake encoder stands in for the model; the real model is tried
when the ``semantic`` extra is installed."""

import pytest

from bot.core.blend import BlendSettings, blend, unsure
from bot.core.matching import IntentResult, IntentScore, Query
from bot.core.model import Example, IntentData

DATA = IntentData(
    role_names=(),
    examples=(Example("career", "how do I get a job there"), Example("define", "what is it")),
    cues=(),
    hints=(),
    topics=(),
    domain=(),
)


def result(*scores: tuple[str, float]) -> IntentResult:
    return IntentResult(tuple(IntentScore(i, s) for i, s in scores), True)


class Fixed:
    """A matcher whose ranking is given."""

    def __init__(self, r: IntentResult) -> None:
        self.r = r

    def match(self, query: Query) -> IntentResult:
        return self.r


class Words:
    """A fake encoder: a text's vector says whether it mentions a job or a meaning."""

    def encode(self, texts):
        np = pytest.importorskip("numpy")
        rows = [[float("job" in t), float("what is" in t), 0.1] for t in texts]
        m = np.array(rows, dtype=np.float32)
        return m / np.linalg.norm(m, axis=1, keepdims=True)


def test_a_clear_fuzzy_winner_is_never_second_guessed():
    assert not unsure(result(("define", 0.9), ("career", 0.5)))
    assert unsure(result(("define", 0.52), ("career", 0.5)))
    assert not unsure(result(("out_of_scope", 0.52), ("career", 0.5)))


def test_blend_lets_the_nearest_example_decide_a_near_tie():
    blended = blend(result(("define", 0.52), ("career", 0.5)), {"career": 0.8, "define": 0.3})
    assert blended.best.intent == "career"
    gentle = blend(
        result(("define", 0.52), ("career", 0.5)), {"career": 0.8, "define": 0.79}, BlendSettings()
    )
    assert gentle.best.intent == "define"


def test_the_semantic_matcher_is_asked_only_when_unsure():
    pytest.importorskip("numpy")
    from bot.semantic.matcher import SemanticMatcher

    query = Query(
        ("how", "to", "get", "a", "job"), ("how", "to", "get", "a", "job"), 1, text="a job?"
    )
    tie = SemanticMatcher(Fixed(result(("define", 0.52), ("career", 0.5))), DATA, Words())
    assert tie.match(query).best.intent == "career" and tie.consulted == 1
    clear = SemanticMatcher(Fixed(result(("define", 0.9), ("career", 0.5))), DATA, Words())
    assert clear.match(query).best.intent == "define" and clear.consulted == 0


def test_the_shipped_model_embeds_paraphrases_close_together():
    from bot.semantic.encoder import OnnxEncoder, available

    if not available():
        pytest.skip("the semantic extra is not installed")
    a, b, c = OnnxEncoder().encode(
        ["how do I get a job in a PMO", "how can I start working in a PMO", "what is the weather"]
    )
    assert float(a @ b) > float(a @ c) + 0.2
