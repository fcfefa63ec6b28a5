"""Each platform removes its own markup before the engine reads a question."""

from __future__ import annotations

from bot.core.text import normalise
from bot.platforms.markup import strip_any
from bot.platforms.slack.markup import strip_slack
from bot.platforms.teams.markup import strip_teams

MIXED = (
    "<@U024BE7LH> <!channel> hey <#C123|general> *what* is the `PMO` vs "
    "<at>Rolebot</at> :thinking_face: <https://example.com|this page>???"
)


def test_slack_and_teams_markup_is_removed_before_matching() -> None:
    assert normalise(strip_any(MIXED)) == "hey what is the pmo vs this page"


def test_a_markup_only_message_has_no_words() -> None:
    assert normalise(strip_any("<@U123> :wave: <!here>")) == ""


def test_slack_removes_mentions_and_keeps_link_labels() -> None:
    text = strip_slack(
        "<@U1|ada> <!subteam^S1|pmo-team> see <https://x.example/a|the guide> <!here>"
    )
    assert text.split() == ["see", "the", "guide"]
    assert "<at>" in strip_slack("<at>Bot</at>")  # not Slack's markup


def test_teams_removes_mentions_and_tags() -> None:
    text = strip_teams("<p><at>Rolebot</at> who does the <b>PMO</b> report to?</p>")
    assert text.split() == ["who", "does", "the", "PMO", "report", "to?"]
    assert strip_teams("<@U123>") == "<@U123>"  # not Teams' markup


def test_the_core_alone_no_longer_knows_chat_markup() -> None:
    assert "u024be7lh" in normalise("<@U024BE7LH> pmo")


def test_a_markup_only_message_gets_the_help_in_the_terminal_too() -> None:
    from bot.app.bootstrap import load_engine
    from bot.cli.chat import ask

    engine = load_engine()
    for message in ("<@U123> :wave:", "<at>Rolebot</at>", "<!here>"):
        answer = ask(engine, message)
        assert answer.kind == "help" and answer.suggestions
        assert answer.question == message
