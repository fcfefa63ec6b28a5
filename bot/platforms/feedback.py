"""Feedback, the same on every platform: one vocabulary of reasons, one vote per user and answer.

A vote is identified by the platform, the user and the answer (the message that carries
the buttons), so a later click replaces the earlier vote and a reason attaches to it
(``Feedback.vote``; the storage keeps one row per vote).
"""

from __future__ import annotations

import hashlib

from bot.platforms.strings import label

# Why an answer was not helpful. The codes are stored and reported; labels are per language.
REASONS: tuple[str, ...] = (
    "wrong_role",
    "off_topic",
    "wrong",
    "incomplete",
    "unclear",
    "unsupported",
)
REASON_CODES = frozenset(REASONS)
MAX_COMMENT = 200
MAX_VOTE_KEY = 255


def reason_label(code: str, language: str) -> str:
    return label(f"reason_{code}", language)


def reason_text(code: str | None, comment: str | None = None) -> str | None:
    """What is stored as the reason: a code of :data:`REASONS`, then ``: comment`` if any.

    Unknown codes are dropped (the comment is kept).
    """
    parts = [code] if code in REASON_CODES else []
    if comment and comment.strip():
        parts.append(" ".join(comment.split())[:MAX_COMMENT])
    return ": ".join(parts) or None


def reason_code(reason: str | None) -> str | None:
    """The code a stored reason starts with (None for free text only)."""
    if not reason:
        return None
    head = reason.split(":", 1)[0].strip()
    return head if head in REASON_CODES else None


def vote_key(platform: str, user: str | None, answer: str | None) -> str | None:
    """The identity of one user's vote on one answer; None when either is unknown."""
    if not user or not answer:
        return None
    key = f"{platform}:{user}:{answer}"
    if len(key) <= MAX_VOTE_KEY:
        return key
    return f"{platform}:sha256:" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()
