"""Outgoing calls to Slack: the Web API client and ``response_url`` posts, both with retries."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10
SERVER_ERROR_RETRIES = 2
_SERVER_ERRORS = frozenset({500, 502, 503, 504})
_BACKOFF = BackoffRetryIntervalCalculator(backoff_factor=0.5)


class SlackDeliveryError(RuntimeError):
    """Slack did not accept a message after the retries."""


def retry_handlers() -> list[AsyncRetryHandler]:
    """slack-sdk's handlers: 429 (waits ``Retry-After``), 500/503 and dropped connections."""
    return [
        AsyncConnectionErrorRetryHandler(max_retry_count=2),
        AsyncRateLimitErrorRetryHandler(max_retry_count=3),
        AsyncServerErrorRetryHandler(max_retry_count=2),
    ]


def configure(client: AsyncWebClient, api_url: str) -> None:
    """Point the app's Web API client at ``api_url``, with our timeout and retries.

    The app builds its client from the token (Bolt then copies these settings to the
    client of every request); handing Bolt a ready client instead makes it warn, at every
    start, that the token it also reads from ``SLACK_BOT_TOKEN`` is unused.
    """
    client.base_url = api_url
    client.timeout = TIMEOUT_SECONDS
    client.retry_handlers = retry_handlers()


async def post_to_response_url(response_url: str, message: dict[str, Any]) -> None:
    """POST ``message`` to a ``response_url`` (slash commands, buttons); raise if refused.

    slack-sdk's webhook client retries 429 and dropped connections but not server errors,
    so 5xx answers are retried here, with the same backoff as the Web API client.
    """
    client = AsyncWebhookClient(
        url=response_url, timeout=TIMEOUT_SECONDS, retry_handlers=retry_handlers()
    )
    for attempt in range(SERVER_ERROR_RETRIES + 1):
        response = await client.send_dict(message)
        if response.status_code not in _SERVER_ERRORS or attempt == SERVER_ERROR_RETRIES:
            break
        await asyncio.sleep(_BACKOFF.calculate_sleep_duration(attempt))
    if response.status_code != 200:
        raise SlackDeliveryError(
            f"response_url refused the message: HTTP {response.status_code} {response.body[:200]}"
        )
