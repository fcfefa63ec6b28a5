"""Command line: rolebot ask | chat | build | check | eval | serve."""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    return 0
