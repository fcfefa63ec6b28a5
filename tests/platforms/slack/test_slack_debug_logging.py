"""At DEBUG the logs still carry no Slack response URL (it lets its holder post into the
conversation) and no message text."""

from __future__ import annotations

import io
import logging

from bot.server.logging_setup import configure_logging
from tests.platforms.slack.conftest import SlackHarness

QUESTION = "what does a sponsor-zebra-question do"


def test_debug_logs_carry_no_response_url_and_no_message_text(slack: SlackHarness) -> None:
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    stream = io.StringIO()
    configure_logging({}, stream=stream, level="DEBUG", fmt="text")
    try:
        response, response_url = slack.command(QUESTION)
        slack.event(
            {
                "type": "app_mention",
                "user": "U0ASKER",
                "text": QUESTION,
                "ts": "1.2",
                "channel": "C0GENERAL",
            }
        )
        slack.wait_idle()
    finally:
        for handler in [h for h in root.handlers if h not in handlers]:
            root.removeHandler(handler)
        root.setLevel(level)

    output = stream.getvalue()
    assert response.status_code == 200
    assert output, "nothing was logged at DEBUG"
    assert response_url not in output
    assert "sponsor-zebra" not in output
