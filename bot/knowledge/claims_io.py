"""Read ``generated/claims.json`` and ``disputes.json`` back into values; a build from before
claims existed has neither file and loads as no claims."""

from __future__ import annotations

import json
from pathlib import Path

from bot.core.knowledge import Claim, Dispute
from bot.data.errors import Problem, ValidationError

CLAIMS = "claims.json"
DISPUTES = "disputes.json"


def _read(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    try:
        items = json.loads(path.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", 1)
        raise ValidationError([Problem(path, line, f"invalid JSON: {exc}")]) from exc
    if not isinstance(items, list):
        raise ValidationError([Problem(path, 1, "expected a list: run 'rolebot build'")])
    return items


def load_claims(generated: Path) -> tuple[tuple[Claim, ...], tuple[Dispute, ...]]:
    path = generated / CLAIMS
    try:
        claims = tuple(
            Claim(
                id=c["id"],
                passage=c["passage"],
                doc=c["doc"],
                roles=tuple(c["roles"]),
                facet=c["facet"],
                text=c["text"],
                language=c["language"],
                trust=c["trust"],
                section=c.get("section", ""),
                duty=c.get("duty", ""),
                raci=c.get("raci", ""),
                relation=tuple(c["relation"]) if c.get("relation") else None,
                negated=bool(c.get("negated", False)),
            )
            for c in _read(path)
        )
        path = generated / DISPUTES
        disputes = tuple(
            Dispute(
                id=d["id"],
                roles=tuple(d["roles"]),
                facet=d["facet"],
                kind=d["kind"],
                first=tuple(d["first"]),
                second=tuple(d["second"]),
            )
            for d in _read(path)
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValidationError(
            [Problem(path, 1, f"malformed build output ({exc!r}): run 'rolebot build'")]
        ) from exc
    return claims, disputes
