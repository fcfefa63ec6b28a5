"""Load generator (run in its own process): signed Slack ``app_mention`` events over HTTP.

    python -m benchmarks.loadgen --url http://127.0.0.1:PORT/slack/events --secret S \
        --count 2000 --concurrency 16 --max-seconds 30 < questions.txt

Every request is a distinct event (new ``event_id`` and ``ts``), signed like Slack signs it
(v0 HMAC-SHA256 of ``v0:timestamp:body``); bodies and signatures are prepared before the
clock starts. ``--concurrency`` requests are kept in flight (closed loop), or with
``--rate R`` requests start R times a second whatever the answers (open loop). Prints one JSON
object: requests sent, status counts, elapsed seconds, requests per second and the
acknowledgement latency percentiles. Stops after ``--count`` requests or ``--max-seconds``.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import sys
import time
from collections import Counter
from urllib.parse import urlsplit

from benchmarks.stats import latency_summary

BOT_USER_ID = "UROLEBOT"
TEAM_ID = "T0FAKE"
APP_ID = "A0FAKE"


def mention_event(question: str, index: int, run: int) -> dict[str, object]:
    """An ``event_callback`` for ``@rolebot <question>`` in a channel, unique per run and
    index (a repeated ``event_id`` or message ``ts`` would be dropped as a Slack retry)."""
    ts = f"{1_700_000_000 + run * 10_000_000 + index}.{index % 1_000_000:06d}"
    return {
        "token": "legacy-token",
        "team_id": TEAM_ID,
        "api_app_id": APP_ID,
        "type": "event_callback",
        "event_id": f"Ev{run:02d}{index:08d}",
        "event_time": int(time.time()),
        "event": {
            "type": "app_mention",
            "user": "UASKER01",
            "text": f"<@{BOT_USER_ID}> {question}",
            "ts": ts,
            "channel": f"CBENCH{index % 7}",
            "event_ts": ts,
        },
        "authorizations": [
            {"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True, "enterprise_id": None}
        ],
    }


def signed_request(body: bytes, secret: str, timestamp: int) -> dict[str, str]:
    base = b"v0:" + str(timestamp).encode() + b":" + body
    signature = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {
        "content-type": "application/json",
        "x-slack-request-timestamp": str(timestamp),
        "x-slack-signature": signature,
    }


async def run_load(
    url: str,
    requests: list[tuple[bytes, dict[str, str]]],
    concurrency: int,
    max_seconds: float,
    rate: float = 0.0,
) -> dict[str, object]:
    """Closed loop (``rate`` 0: ``concurrency`` requests always in flight) or open loop
    (``rate`` requests per second on a fixed schedule, at most ``concurrency`` in flight;
    latency counts from the scheduled time, so queueing in the client is not hidden)."""
    import aiohttp

    host = urlsplit(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("refusing to load anything but loopback")
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    clock = time.perf_counter
    connector = aiohttp.TCPConnector(limit=concurrency)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

        async def send(index: int, since: float) -> None:
            body, headers = requests[index]
            try:
                async with session.post(url, data=body, headers=headers) as response:
                    await response.read()
                    statuses[str(response.status)] += 1
            except (aiohttp.ClientError, TimeoutError) as exc:
                errors[type(exc).__name__] += 1
                return
            latencies.append(clock() - since)

        started = clock()
        deadline = started + max_seconds
        if rate > 0:
            tasks = []
            for index in range(len(requests)):
                scheduled = started + index / rate
                if scheduled > deadline:
                    break
                await asyncio.sleep(max(0.0, scheduled - clock()))
                tasks.append(asyncio.create_task(send(index, scheduled)))
            await asyncio.gather(*tasks)
        else:
            next_index = iter(range(len(requests)))

            async def worker() -> None:
                for index in next_index:
                    if clock() > deadline:
                        return
                    await send(index, clock())

            await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = clock() - started
    done = sum(statuses.values())
    return {
        "mode": f"open loop, {rate:g}/s" if rate > 0 else "closed loop",
        "sent": done + sum(errors.values()),
        "statuses": dict(sorted(statuses.items())),
        "errors": dict(sorted(errors.items())),
        "elapsed_s": round(elapsed, 3),
        "rps": round(done / elapsed, 1) if elapsed else 0.0,
        "concurrency": concurrency,
        "ack": latency_summary(latencies),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.loadgen", description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--max-seconds", type=float, default=30.0)
    parser.add_argument("--rate", type=float, default=0.0, help="open loop at this rate")
    parser.add_argument("--run", type=int, default=0, help="keeps events unique across runs")
    args = parser.parse_args(argv)
    questions = [line.strip() for line in sys.stdin if line.strip()] or ["What is a PMO?"]
    timestamp = int(time.time())
    requests = []
    for index in range(args.count):
        event = mention_event(questions[index % len(questions)], index, args.run)
        body = json.dumps(event).encode()
        requests.append((body, signed_request(body, args.secret, timestamp)))
    load = run_load(args.url, requests, args.concurrency, args.max_seconds, args.rate)
    result = asyncio.run(load)
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
