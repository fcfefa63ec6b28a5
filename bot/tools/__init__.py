"""Maintainers' tools: evaluation and the report of unanswered questions."""
