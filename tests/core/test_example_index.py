"""The candidate examples the fuzzy matcher scores in full, and the bit sets behind them.

The index must pick exactly the examples a per-example overlap total would (same order,
ties included): which examples are compared decides which intent wins."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.bitsets import bits_of, first, lowest, partition
from bot.core.candidates import ExampleIndex

WORDS = [f"w{i}" for i in range(12)]


def reference_top(
    examples: list[list[str]], weight: dict[str, float], share: float, present, limit: int
) -> list[int]:
    """The plain computation: add each shared word's weight into every example's total."""
    limit_df = share * len(examples)
    postings: dict[str, list[int]] = {}
    for index, tokens in enumerate(examples):
        for token in set(tokens):
            postings.setdefault(token, []).append(index)
    selective = {t: p for t, p in postings.items() if len(p) <= limit_df}
    overlap = [0.0] * len(examples)
    reached: set[int] = set()
    for token in present:
        if token in selective:
            for index in selective[token]:
                overlap[index] += weight.get(token, 1.0)
            reached.update(selective[token])
    ranked = sorted(reached)
    ranked.sort(key=overlap.__getitem__, reverse=True)
    return ranked[:limit]


examples_st = st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5), max_size=60)


@settings(max_examples=300, deadline=None)
@given(
    examples=examples_st,
    present=st.lists(st.sampled_from([*WORDS, "unseen"]), unique=True, max_size=8),
    limit=st.integers(min_value=0, max_value=70),
    share=st.sampled_from([0.3, 0.6, 1.0]),
    few=st.sampled_from([0, 10, 1500]),  # by classes of bit sets, or example by example
    weights=st.lists(
        st.sampled_from([0.5, 1.0, 1.5, 0.1, 0.2, 0.3, 0.6]), min_size=12, max_size=12
    ),
)
def test_index_picks_what_per_example_totals_pick(examples, present, limit, share, few, weights):
    # repeated weights make ties, and 0.1 + 0.2 != 0.3 makes rounding matter
    weight = dict(zip(WORDS, weights, strict=True))
    index = ExampleIndex.build(examples, weight, share, few=few)
    assert index.top(present, limit) == reference_top(examples, weight, share, present, limit)


def test_idf_weights_at_scale_rank_like_totals() -> None:
    # Many near-identical examples (as generated phrasings are): big classes, many ties.
    examples = [[f"w{i % 7}", f"w{(i * 3) % 11}", f"u{i}"] for i in range(3000)]
    df: dict[str, int] = {}
    for tokens in examples:
        for t in set(tokens):
            df[t] = df.get(t, 0) + 1
    weight = {t: math.log((len(examples) + 1) / (d + 0.5)) for t, d in df.items()}
    present = ["w1", "w3", "w9", "u17", "w5", "u2999"]
    expected = reference_top(examples, weight, 0.3, present, 400)
    for few in (0, 10**6):
        index = ExampleIndex.build(examples, weight, 0.3, few=few)
        assert index.top(present, 400) == expected


def test_overlap_is_summed_in_the_order_the_words_come() -> None:
    # 0.1 + 0.2 + 0.3 is 0.6000000000000001 added in that order, 0.6 added the other way:
    # the example holding the three words ranks above the one holding "d" (0.6) only when
    # the sum is made in the question's order, as per-example totals make it.
    weight = {"a": 0.1, "b": 0.2, "c": 0.3, "d": 0.6}
    examples = [["d"], ["a", "b", "c"]]
    for few in (0, 100):
        index = ExampleIndex.build(examples, weight, 1.0, few=few)
        assert index.top(["a", "b", "c", "d"], 2) == [1, 0]
        assert index.top(["c", "b", "a", "d"], 2) == [0, 1]


def test_a_word_in_too_many_examples_selects_nothing() -> None:
    examples = [["what", "is", "x"], ["what", "is", "y"], ["what", "does", "z"]]
    index = ExampleIndex.build(examples, {}, 0.5)
    assert "what" not in index
    assert index.top(["what"], 10) == []
    assert index.top(["what", "y"], 10) == [1]


@given(st.lists(st.frozensets(st.integers(min_value=0, max_value=200)), max_size=8))
def test_partition_classes_are_the_items_by_the_sets_holding_them(sets) -> None:
    classes = partition([bits_of(s) for s in sets])
    expected: dict[tuple[int, ...], set[int]] = {}
    for item in set().union(*sets):
        held = tuple(p for p, s in enumerate(sets) if item in s)
        expected.setdefault(held, set()).add(item)
    got = {held: set(lowest(bits, 10_000)) for held, bits in classes}
    assert got == expected
    assert len(classes) == len(expected)  # no class twice, none empty


@given(st.frozensets(st.integers(min_value=0, max_value=5000)), st.integers(0, 100))
def test_lowest_and_first(items, count) -> None:
    bits = bits_of(items)
    assert lowest(bits, count) == sorted(items)[:count]
    if items:
        assert first(bits) == min(items)
