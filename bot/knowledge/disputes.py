"""Contradictions between documents, found from their claims.

- ``inverse_relation``: one document puts A above B (B reports to A, A manages, chairs or
  appoints B) and another puts B above A;
- ``denial``: one document denies what another asserts, a reporting line ("the PMO is not
  the project managers' line manager") or a duty ("the PMO does not approve budgets").

The side with the more trusted document comes first. Only claims of different documents
dispute each other: a document qualifying itself is not a contradiction.
"""

from __future__ import annotations

import re
from collections import defaultdict

from bot.core.knowledge import Claim, Dispute
from bot.knowledge import claim_rules as rules

# Who is above whom, by verb: (upper, lower) from (subject, verb, object).
_ABOVE = {rules.REPORTS_TO: False, rules.MANAGES: True, rules.APPOINTS: True}
_STOP = frozenset(
    """the a an of to and or for in on with by its their his her our your any every each all
    some this that these those it they them is are be been being does do did not never no
    also only just can may must should will would le la les l un une des de du d et ou en au
    aux pour par sur ne pas n est sont il elle ils elles ce cette ces son sa ses leur leurs
    before after so keep them sweet""".split()
)


def _edge(claim: Claim) -> tuple[str, str] | None:
    if claim.relation is None:
        return None
    subject, verb, obj = claim.relation
    if verb not in _ABOVE:
        return None
    return (subject, obj) if _ABOVE[verb] else (obj, subject)


def _stem(word: str) -> str:
    for suffix in ("ing", "es", "ed", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def stems(text: str) -> frozenset[str]:
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    return frozenset(_stem(w) for w in words if w not in _STOP and len(w) > 2)


def _denied_parts(claim: Claim) -> list[frozenset[str]]:
    text = claim.duty or claim.text
    parts = rules.DENIAL_SPLIT.split(text)
    return [s for part in parts if len(s := stems(part)) >= 2]


def _trust(claims: list[Claim]) -> int:
    return max(c.trust for c in claims)


def _order(a: list[Claim], b: list[Claim]) -> tuple[list[Claim], list[Claim]]:
    key_a = (-_trust(a), min(c.id for c in a))
    key_b = (-_trust(b), min(c.id for c in b))
    return (a, b) if key_a <= key_b else (b, a)


def find_disputes(claims: list[Claim]) -> list[Dispute]:
    asserted: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    denied: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        edge = _edge(claim)
        if edge is not None:
            (denied if claim.negated else asserted)[edge].append(claim)
    found: list[tuple[str, tuple[str, ...], str, list[Claim], list[Claim]]] = []
    for (upper, lower), side in sorted(asserted.items()):
        if upper >= lower:
            continue
        other = asserted.get((lower, upper), [])
        pair = _across(side, other)
        if pair:
            found.append(("inverse_relation", (upper, lower), "reporting", *pair))
    for edge, side in sorted(denied.items()):
        pair = _across(asserted.get(edge, []), side)
        if pair:
            found.append(("denial", edge, "reporting", *pair))
    found.extend(_duty_denials(claims))
    disputes = []
    for kind, roles, facet, a, b in found:
        first, second = _order(a, b)
        ids = "+".join(sorted(roles))
        disputes.append(
            Dispute(
                id=f"{kind}:{ids}:{min(c.id for c in first)}",
                roles=tuple(roles),
                facet=facet,
                kind=kind,
                first=tuple(sorted(c.id for c in first)),
                second=tuple(sorted(c.id for c in second)),
            )
        )
    return sorted(disputes, key=lambda d: d.id)


def _across(a: list[Claim], b: list[Claim]) -> tuple[list[Claim], list[Claim]] | None:
    """The claims of each side that some document of the other side does not share."""
    if not a or not b:
        return None
    docs_a = {c.doc for c in a}
    docs_b = {c.doc for c in b}
    if docs_a == docs_b and len(docs_a) == 1:
        return None
    left = [c for c in a if docs_b - {c.doc}]
    right = [c for c in b if docs_a - {c.doc}]
    return (left, right) if left and right else None


# A denied duty contradicts an asserted one when its words are all in it and make up this
# share of it: "does not approve project budgets" against "approves the project budget
# before it goes to the sponsor", not "does not run projects" against "run health checks
# on projects that the PMO manager selects".
_DENIAL_COVER = 0.5


def _denies(denied: frozenset[str], asserted: frozenset[str]) -> bool:
    return denied <= asserted and len(denied) >= _DENIAL_COVER * len(asserted)


def _duty_denials(claims: list[Claim]) -> list:
    out = []
    by_role: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.roles and claim.relation is None and claim.raci in ("", "R", "A", "x"):
            by_role[claim.roles[0]].append(claim)
    for role, items in sorted(by_role.items()):
        denials = [c for c in items if c.negated]
        assertions = [c for c in items if not c.negated]
        for denial in denials:
            parts = _denied_parts(denial)
            against = [
                c
                for c in assertions
                if c.doc != denial.doc and any(_denies(p, stems(c.duty or c.text)) for p in parts)
            ]
            if against:
                out.append(("denial", (role,), denial.facet, [denial], against))
    return out
