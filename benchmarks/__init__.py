"""Benchmarks: engine latency and scaling, baselines, cold start, server memory and HTTP load.

Run everything with ``.venv/bin/python -m benchmarks`` (see ``docs/benchmarks.md``).
"""
