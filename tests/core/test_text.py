from bot.core.text import MAX_CHARS, normalise, strip_markup, words


def test_case_and_accents_are_folded():
    assert normalise("Quelle DIFFÉRENCE entre un PMO et un chef de projet ?") == (
        "quelle difference entre un pmo et un chef de projet"
    )


def test_french_elisions_are_split():
    assert words("à qui rend compte l'analyste projet") == [
        "a",
        "qui",
        "rend",
        "compte",
        "l",
        "analyste",
        "projet",
    ]


def test_long_messages_are_cut_not_rejected():
    cleaned = strip_markup("pmo " * 10_000)
    assert 0 < len(cleaned) <= MAX_CHARS


def test_the_spelling_cache_stays_bounded_for_words_of_every_length(monkeypatch) -> None:
    import itertools

    from bot.core import spelling

    monkeypatch.setattr(spelling, "CACHE_LIMIT", 500)
    speller = spelling.Speller({"report", "role", "sponsor"})
    letters = "bcdfghjklmnpqrstvwxz"
    for n, chars in enumerate(itertools.product(letters, repeat=4)):
        speller.correct("".join(chars))  # four-letter noise, the branch that once had no cap
        speller.correct("".join(chars) + "xy")
        if n > 2_000:
            break
    assert speller.cached() <= 500
    assert speller.correct("reprt") == "report"  # still corrects, and remembers, past the cap
    assert speller.correct("rloe") == "role"


def test_breaks_are_the_words_punctuation_stands_before():
    from bot.core.text import breaks

    assert breaks("PMO, coordinator; and (the PM)") == frozenset({1, 2, 3})
    assert breaks("no punctuation here") == frozenset()
