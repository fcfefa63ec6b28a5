from bot.core.text import MAX_CHARS, normalise, strip_markup, words


def test_slack_and_teams_markup_is_removed_before_matching():
    raw = (
        "<@U024BE7LH> <!channel> hey <#C123|general> *what* is the `PMO` vs "
        "<at>Rolebot</at> :thinking_face: <https://example.com|this page>???"
    )
    assert normalise(raw) == "hey what is the pmo vs this page"


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


def test_markup_only_message_has_no_words():
    assert normalise("<@U123> :wave: <!here>") == ""
