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
