"""A flood and a ``/livez`` watcher, each run as a process of its own (standard library only).

Measuring a server's delay from the process that floods it measures the flood too: the
client threads share one interpreter lock and compete for the same cores, so a poll waits
for its own process as much as for the server. The hostile suite starts this file twice:

    python flood.py watch URL [--seconds S] [--interval S] [--max-polls N] [--until-stdin]
        polls ``GET /livez`` on one kept-alive connection until the time runs out, the poll
        count is reached or (with ``--until-stdin``) a line or end of file arrives on stdin;
        prints ``{"latencies_ms": [...]}``.

    python flood.py send URL REQUESTS.json [--count N] [--connections C] [--seconds S]
        sends the requests of REQUESTS.json (a list of ``{"method", "path", "headers",
        "body_b64"}``) in turn over C kept-alive connections (one thread each), N in all
        or until the time runs out; ``{unique}`` in a header value or body is replaced by a
        value never sent before, so no two requests are the same; prints the status counts,
        the number sent and the elapsed time.

Every address is 127.0.0.1 (the URL's port only is used); every loop is bounded in count
and in time.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import itertools
import json
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

HOST = "127.0.0.1"
UNIQUE = "{unique}"


def _port(url: str) -> int:
    port = urlsplit(url).port
    if port is None:
        raise SystemExit(f"no port in {url}")
    return port


def watch(
    url: str, seconds: float, interval: float, max_polls: int, until_stdin: bool = False
) -> list[float]:
    """Latencies (ms) of ``GET /livez`` for ``seconds``, ``max_polls`` or until stdin speaks."""
    stop = threading.Event()

    def wait_for_stdin() -> None:
        sys.stdin.readline()
        stop.set()

    if until_stdin:
        threading.Thread(target=wait_for_stdin, daemon=True).start()
    connection = http.client.HTTPConnection(HOST, _port(url), timeout=30)
    latencies: list[float] = []
    deadline = time.monotonic() + seconds
    while not stop.is_set() and time.monotonic() < deadline and len(latencies) < max_polls:
        started = time.perf_counter()
        connection.request("GET", "/livez")
        response = connection.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        if response.status != 200:
            raise SystemExit(f"/livez answered {response.status}")
        latencies.append(round(elapsed * 1000, 3))
        stop.wait(interval)
    connection.close()
    return latencies


def _load(path: Path) -> list[tuple[str, str, dict[str, str], bytes]]:
    return [
        (item["method"], item["path"], item["headers"], base64.b64decode(item["body_b64"]))
        for item in json.loads(path.read_text())
    ]


def send(
    url: str,
    requests: list[tuple[str, str, dict[str, str], bytes]],
    count: int,
    connections: int,
    seconds: float,
) -> dict[str, Any]:
    """Send ``count`` requests (cycling through ``requests``) over ``connections``."""
    port = _port(url)
    numbers = itertools.count()
    lock = threading.Lock()
    statuses: Counter[str] = Counter()
    deadline = time.monotonic() + seconds

    def take() -> int | None:
        with lock:
            n = next(numbers)
        return n if n < count and time.monotonic() < deadline else None

    def worker() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        seen: Counter[str] = Counter()
        while (n := take()) is not None:
            method, path, headers, body = requests[n % len(requests)]
            unique = uuid.uuid4().hex
            headers = {k: v.replace(UNIQUE, unique) for k, v in headers.items()}
            body = body.replace(UNIQUE.encode(), unique.encode())
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                seen[str(response.status)] += 1
            except (OSError, http.client.HTTPException) as exc:
                seen[type(exc).__name__] += 1
                connection.close()
        connection.close()
        with lock:
            statuses.update(seen)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "statuses": dict(statuses),
        "sent": sum(statuses.values()),
        "elapsed_s": round(elapsed, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="flood.py")
    commands = parser.add_subparsers(dest="command", required=True)
    watcher = commands.add_parser("watch")
    watcher.add_argument("url")
    watcher.add_argument("--seconds", type=float, default=60.0)
    watcher.add_argument("--interval", type=float, default=0.01)
    watcher.add_argument("--max-polls", type=int, default=20_000)
    watcher.add_argument("--until-stdin", action="store_true")
    sender = commands.add_parser("send")
    sender.add_argument("url")
    sender.add_argument("requests", type=Path)
    sender.add_argument("--count", type=int, default=2_000)
    sender.add_argument("--connections", type=int, default=8)
    sender.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args(argv)
    if args.command == "watch":
        result: Any = {
            "latencies_ms": watch(
                args.url, args.seconds, args.interval, args.max_polls, args.until_stdin
            )
        }
    else:
        result = send(args.url, _load(args.requests), args.count, args.connections, args.seconds)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
