"""Measure how fast the Slack endpoint acknowledges, on loopback (not a test: prints figures).

    .venv/bin/python -m tests.platforms.slack.measure_ack [--count 100]

Starts the fake Slack Web API in this process and the real app under uvicorn in a child
process, then sends ``--count`` signed ``app_mention`` events and ``--count`` signed ``/roles``
slash commands, one after the other, and prints the median, 95th percentile and worst time
from sending a request to receiving Slack's acknowledgement, plus the time until the reply
reached the fake Web API (``chat.postMessage`` / ``response_url``).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

import httpx

from tests.fakes.slack_api import APP_ID, BOT_USER_ID, RESPONSE_URL, TEAM_ID, FakeSlackApi
from tests.platforms.slack.conftest import BOT_TOKEN, SIGNING_SECRET, event_callback, sign

ROOT = Path(__file__).resolve().parents[3]
QUESTION = "What is the difference between a PMO and a project manager?"


def serve(port: int, api_url: str) -> None:
    """Child process: the real app on 127.0.0.1:port (uvicorn, one worker)."""
    import uvicorn
    from starlette.applications import Starlette

    from bot.app.bootstrap import load_engine
    from bot.app.service import AnswerService
    from bot.platforms.slack.app import create_slack_app
    from bot.platforms.slack.http import slack_routes
    from bot.platforms.slack.settings import SlackSettings

    engine = load_engine()
    settings = SlackSettings(bot_token=BOT_TOKEN, signing_secret=SIGNING_SECRET, api_url=api_url)
    app = create_slack_app(AnswerService(lambda: engine), settings)
    asgi = Starlette(routes=slack_routes(app))
    uvicorn.run(asgi, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port: int, child: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise RuntimeError("server process exited")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("server did not start")


def signed_post(client: httpx.Client, body: bytes, content_type: str) -> float:
    """Send one signed request; return the seconds until the acknowledgement arrived."""
    ts = int(time.time())
    headers = {
        "content-type": content_type,
        "x-slack-request-timestamp": str(ts),
        "x-slack-signature": sign(body, ts),
    }
    started = time.perf_counter()
    response = client.post("/slack/events", content=body, headers=headers)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"unexpected {response.status_code}: {response.text[:200]}")
    return elapsed


def mention_body() -> tuple[bytes, str]:
    ts = f"{int(time.time())}.{uuid.uuid4().int % 10**6:06d}"
    event = {
        "type": "app_mention",
        "user": "UMEASURE",
        "text": f"<@{BOT_USER_ID}> {QUESTION}",
        "ts": ts,
        "channel": "C0MEASURE",
    }
    body = json.dumps(event_callback(event, f"Ev{uuid.uuid4().hex[:12].upper()}")).encode()
    return body, ts


def command_body(fake: FakeSlackApi) -> tuple[bytes, str]:
    response_url = fake.response_url("measure/" + uuid.uuid4().hex)
    fields = {
        "team_id": TEAM_ID,
        "channel_id": "C0MEASURE",
        "user_id": "UMEASURE",
        "command": "/roles",
        "text": QUESTION,
        "api_app_id": APP_ID,
        "response_url": response_url,
        "trigger_id": uuid.uuid4().hex,
    }
    return urlencode(fields).encode(), response_url.removeprefix(fake.url)


def run(
    kind: str,
    count: int,
    send: Callable[[], tuple[float, float, Callable[[], float]]],
) -> dict[str, float]:
    acks: list[float] = []
    pending: list[tuple[float, Callable[[], float]]] = []
    for _ in range(count):
        sent_at, ack, delivered_at = send()
        acks.append(ack)
        pending.append((sent_at, delivered_at))
    replies = [delivered() - sent for sent, delivered in pending]
    return summary(kind, acks, replies)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(kind: str, acks: list[float], replies: list[float]) -> dict[str, float]:
    ms = 1000
    return {
        "kind": kind,  # type: ignore[dict-item]
        "n": len(acks),
        "ack_median_ms": statistics.median(acks) * ms,
        "ack_p95_ms": percentile(acks, 0.95) * ms,
        "ack_worst_ms": max(acks) * ms,
        "reply_median_ms": statistics.median(replies) * ms,
        "reply_worst_ms": max(replies) * ms,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--api-url", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.port, args.api_url)
        return 0

    with FakeSlackApi() as fake:
        port = free_port()
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.platforms.slack.measure_ack",
                "--serve",
                "--port",
                str(port),
                "--api-url",
                fake.api_url,
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        try:
            wait_listening(port, child)
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:

                def one_event() -> tuple[float, float, Callable[[], float]]:
                    body, ts = mention_body()
                    sent = time.monotonic()
                    ack = signed_post(client, body, "application/json")

                    def delivered() -> float:
                        [call] = fake.wait_for(
                            "chat.postMessage", where=lambda c: c.body.get("thread_ts") == ts
                        )
                        return call.at

                    return sent, ack, delivered

                def one_command() -> tuple[float, float, Callable[[], float]]:
                    body, path = command_body(fake)
                    sent = time.monotonic()
                    ack = signed_post(client, body, "application/x-www-form-urlencoded")

                    def delivered() -> float:
                        [call] = fake.wait_for(RESPONSE_URL, where=lambda c: c.path == path)
                        return call.at

                    return sent, ack, delivered

                for _ in range(5):  # warm-up: first-request auth.test, imports, connections
                    one_event()
                    one_command()
                rows = [
                    run("event (app_mention)", args.count, one_event),
                    run("/roles command", args.count, one_command),
                ]
        finally:
            child.terminate()
            child.wait(timeout=10)

    header = f"{'request':22} {'n':>4} {'ack p50':>9} {'ack p95':>9} {'ack max':>9}"
    header += f" {'reply p50':>10} {'reply max':>10}"
    print(header)
    for row in rows:
        print(
            f"{row['kind']:22} {row['n']:>4} {row['ack_median_ms']:>7.2f}ms "
            f"{row['ack_p95_ms']:>7.2f}ms {row['ack_worst_ms']:>7.2f}ms "
            f"{row['reply_median_ms']:>8.2f}ms {row['reply_worst_ms']:>8.2f}ms"
        )
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
