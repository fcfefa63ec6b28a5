"""Prometheus metrics: the ``Observer`` port, request counting and the ``/metrics`` endpoint.

Each ``Metrics`` owns its registry, so several apps (or tests) in one process never
share or collide on counters.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.app.service import Feedback, Interaction, Observer
from bot.core.ids import INTENT_IDS

# Label values come from a closed set so that odd input cannot explode the series count.
KNOWN_INTENTS = frozenset(INTENT_IDS)
# Channels that are not chat platforms; each configured platform adds its own name.
BUILT_IN_CHANNELS = frozenset({"cli", "http"})
LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
# Slack wants an acknowledgement within 3 s, Teams within 15 s.
ACK_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 3.0, 5.0, 15.0)

# A ``_created`` sample per counter and histogram series doubles the series for nothing.
disable_created_metrics()


def _intent(value: str) -> str:
    return value if value in KNOWN_INTENTS else "other"


class Metrics:
    """Counters and histograms for one server; implements ``bot.app.service.Observer``."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self._platforms = set(BUILT_IN_CHANNELS)
        self.registry = registry or CollectorRegistry()
        r = self.registry
        self.http_requests = Counter(
            "rolebot_http_requests",
            "HTTP requests by route and status code.",
            ("route", "status"),
            registry=r,
        )
        self.questions = Counter(
            "rolebot_questions",
            "Questions received, by platform.",
            ("platform",),
            registry=r,
        )
        self.answers = Counter(
            "rolebot_answers",
            "Replies by platform, intent and whether the bot answered.",
            ("platform", "intent", "answered"),
            registry=r,
        )
        self.abstentions = Counter(
            "rolebot_abstentions",
            "Questions the bot did not answer (abstained), by platform.",
            ("platform",),
            registry=r,
        )
        self.feedback_clicks = Counter(
            "rolebot_feedback",
            "Feedback clicks by platform, intent and helpfulness.",
            ("platform", "intent", "helpful"),
            registry=r,
        )
        self.storage_errors = Counter(
            "rolebot_storage_errors",
            "Storage operations that failed (the answer was still sent).",
            ("operation",),
            registry=r,
        )
        self.reply_failures = Counter(
            "rolebot_reply_failures",
            "Replies the chat platform never received, after retries (an apology was tried).",
            ("platform",),
            registry=r,
        )
        self.latency = Histogram(
            "rolebot_answer_latency_seconds",
            "Time to compute an answer, by platform.",
            ("platform",),
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.reloads = Counter(
            "rolebot_knowledge_reloads",
            "Knowledge reload attempts by result (ok or rejected).",
            ("result",),
            registry=r,
        )
        self.knowledge = Gauge(
            "rolebot_knowledge_info",
            "The knowledge version being served (value 1).",
            ("version",),
            registry=r,
        )
        self.build = Gauge(
            "rolebot_build_info", "Rolebot version (value 1).", ("version",), registry=r
        )
        self.ack_latency = Histogram(
            "rolebot_ack_latency_seconds",
            "Time from a request's arrival to its response (the platforms' acknowledgement).",
            ("route",),
            buckets=ACK_BUCKETS,
            registry=r,
        )
        self.pending_replies = Gauge(
            "rolebot_pending_replies",
            "Replies acknowledged but still being sent, by platform.",
            ("platform",),
            registry=r,
        )
        self.storage_queue = Gauge(
            "rolebot_storage_queue_rows",
            "Records waiting to be written to the database.",
            registry=r,
        )

    def know_platforms(self, names: Iterable[str]) -> None:
        """The registered platforms' names become label values (anything else is "other")."""
        self._platforms.update(names)

    def _platform(self, value: str) -> str:
        return value if value in self._platforms else "other"

    def track_pending_replies(self, platform: str, count: Callable[[], float]) -> None:
        """Read ``count()`` at every scrape for ``rolebot_pending_replies{platform}``."""
        self.pending_replies.labels(platform).set_function(count)

    def track_storage_queue(self, count: Callable[[], float]) -> None:
        self.storage_queue.set_function(count)

    # -- Observer -----------------------------------------------------------------------

    def answered(self, interaction: Interaction) -> None:
        platform = self._platform(interaction.platform)
        answer = interaction.answer
        self.questions.labels(platform).inc()
        self.answers.labels(platform, _intent(answer.intent), str(answer.answered).lower()).inc()
        if not answer.answered:
            self.abstentions.labels(platform).inc()
        self.latency.labels(platform).observe(interaction.latency_s)

    def feedback(self, feedback: Feedback) -> None:
        self.feedback_clicks.labels(
            self._platform(feedback.platform),
            _intent(feedback.intent),
            str(feedback.helpful).lower(),
        ).inc()

    def storage_error(self, operation: str) -> None:
        self.storage_errors.labels(operation).inc()

    def reply_failed(self, platform: str) -> None:
        self.reply_failures.labels(platform).inc()

    # -- server state --------------------------------------------------------------------

    def knowledge_loaded(self, version: str, ok: bool = True) -> None:
        """Called after each (re)load attempt; ``version`` is what is now served."""
        self.reloads.labels("ok" if ok else "rejected").inc()
        self.knowledge.clear()
        self.knowledge.labels(version).set(1)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)

    async def endpoint(self, request: Request) -> Response:
        """``GET /metrics`` in the Prometheus text format."""
        return Response(self.exposition(), media_type=CONTENT_TYPE_LATEST)


class Observers:
    """Fans one ``Observer`` call out to several observers."""

    def __init__(self, observers: Iterable[Observer]) -> None:
        self._observers = tuple(observers)

    def answered(self, interaction: Interaction) -> None:
        for observer in self._observers:
            observer.answered(interaction)

    def feedback(self, feedback: Feedback) -> None:
        for observer in self._observers:
            observer.feedback(feedback)

    def storage_error(self, operation: str) -> None:
        for observer in self._observers:
            observer.storage_error(operation)

    def reply_failed(self, platform: str) -> None:
        for observer in self._observers:
            if hasattr(observer, "reply_failed"):
                observer.reply_failed(platform)


class RequestCounter:
    """ASGI middleware counting HTTP requests by known route and status code, and timing
    each until its response starts (``rolebot_ack_latency_seconds``).

    Kept rather than an instrumentator package: the well-kept ones are built for FastAPI or
    share the process-wide registry, while every ``Metrics`` here owns its registry and the
    route label must stay in a closed set (unknown paths are ``other``).
    """

    def __init__(self, app: ASGIApp, metrics: Metrics, routes: Iterable[str]) -> None:
        self.app = app
        self.metrics = metrics
        self.routes = frozenset(routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        route = path if path in self.routes else "other"
        status = "500"
        started = time.perf_counter()

        async def send_and_record(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = str(message["status"])
                self.metrics.ack_latency.labels(route).observe(time.perf_counter() - started)
            await send(message)

        try:
            await self.app(scope, receive, send_and_record)
        finally:
            self.metrics.http_requests.labels(route, status).inc()
