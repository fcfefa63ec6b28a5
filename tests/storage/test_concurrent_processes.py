"""Several processes writing to one database at once lose nothing and agree on claims."""

from __future__ import annotations

import json
import subprocess
import sys

from sqlalchemy import func, select

from bot.storage import schema
from bot.storage.sql import SqlStorage

WRITER = r"""
import json, sys
from bot.core.answer import Answer
from bot.app.service import Feedback, Interaction
from bot.storage.buffered import BufferedStorage
from bot.storage.sql import SqlStorage

url, name, rows, keys = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
direct = SqlStorage(url)
buffered = BufferedStorage(SqlStorage(url))
answer = Answer("q", "en", "define", ("pmo",), 0.9, True, "answer", "t")
print("ready", flush=True)
sys.stdin.readline()  # start together
won = []
for i in range(rows):
    interaction = Interaction("slack", f"{name} question {i}", answer, 0.001)
    (direct if i % 2 else buffered).record_interaction(interaction)
    if i % 10 == 0:
        buffered.record_feedback(Feedback("slack", i % 20 == 0, f"{name} {i}", "define", ("pmo",)))
    if i < keys and direct.claim_event(f"shared:{i}"):
        won.append(i)
buffered.close()
direct.close()
print(json.dumps(won), flush=True)
"""

PROCESSES = 4
ROWS = 150
KEYS = 60


def test_concurrent_writers_lose_no_rows_and_each_claim_has_one_winner(database_url: str) -> None:
    SqlStorage(database_url).close()  # schema in place, like a deployment's first replica
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, database_url, f"p{n}", str(ROWS), str(KEYS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(PROCESSES)
    ]
    try:
        for proc in procs:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        for proc in procs:  # release them all at once
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        outputs = [proc.communicate(timeout=300)[0] for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert [proc.returncode for proc in procs] == [0] * PROCESSES
    winners = [json.loads(out.strip().splitlines()[-1]) for out in outputs]

    storage = SqlStorage(database_url)
    with storage.engine.connect() as conn:
        count = conn.execute(select(func.count()).select_from(schema.interactions)).scalar()
        feedback = conn.execute(select(func.count()).select_from(schema.feedback)).scalar()
        distinct = conn.execute(
            select(func.count(func.distinct(schema.interactions.c.question)))
        ).scalar()
    storage.close()
    assert count == PROCESSES * ROWS
    assert distinct == PROCESSES * ROWS
    assert feedback == PROCESSES * (ROWS // 10)
    claimed = sorted(key for won in winners for key in won)
    assert claimed == list(range(KEYS))  # every key claimed exactly once, across processes
