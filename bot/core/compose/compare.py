"""Two roles side by side: the curated distinction where it exists, else composed from each
role's claims facet by facet; claims that name both roles say how they differ."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.answer import Answer, Comparison, ComparisonRow
from bot.core.compose import chat
from bot.core.compose.claims import Ranked
from bot.core.compose.disputes import flag, relevant
from bot.core.compose.quoting import merge_quotes, quote_claims, who
from bot.core.compose.reading import Reading
from bot.core.compose.stems import Query
from bot.core.knowledge import Claim
from bot.core.phrases import say, topic_name

if TYPE_CHECKING:
    from bot.core.compose.composer import Composer

MAX_ROWS = 6
CURATED_ROWS_WITH_CLAIMS = 3
# The facets a comparison puts side by side, in this order.
FACETS = ("definition", "responsibilities", "reporting", "skills")
MAX_CLAIM_ROWS = 2
CURATED_FACETS = ("definition", "responsibilities", "reporting")
MAX_BOTH = 2  # claims that name both roles, shown as lines
MAX_CELL = 160  # a longer claim is not put in a table cell


def build(c: Composer, r: Reading) -> Answer:
    a, b = r.roles[0], r.roles[1]
    lang = r.language
    for role in (a, b):
        if not c.covered(role):
            return chat.not_covered(c, r, role)
    found = c.k.distinction(a, b)
    cites: list[str] = []
    warnings: list[str] = []
    rows: list[ComparisonRow] = []
    lines: list[str] = []
    quotes: list[dict[str, str]] = []
    shown: list[Claim] = []
    both: list[Claim] | None = None
    if len(r.roles) > 2:
        left_out = ", ".join(c.label(x, lang) for x in r.roles[2:])
        warnings.append(say("two_at_a_time", lang, names=left_out))
    context = c.context(r) & c.claims.docs_about((a, b))
    exclude = frozenset()
    if found is not None and not context:
        distinction, flipped = found
        exclude = c.docs_of([x for row in distinction.rows for x in row.cites])
        both = _both(c, r, a, b, c.question_stems(r), context, exclude)
        for row in distinction.rows[: CURATED_ROWS_WITH_CLAIMS if both else MAX_ROWS]:
            left, right = (row.right, row.left) if flipped else (row.left, row.right)
            rows.append(ComparisonRow(row.facet.get(lang), left.get(lang), right.get(lang)))
            cites.extend(row.cites)
        if distinction.disputed is not None:
            warnings.append(say("disputed", lang, text=distinction.disputed.text.get(lang)))
            cites.extend(distinction.disputed.cites)
        if distinction.note is not None:
            lines.append(distinction.note.text.get(lang))
    elif not context:
        rows, row_cites = _curated_rows(c, a, b, lang)
        cites.extend(row_cites)
        exclude = c.docs_of(row_cites)
    # What the documents say: claims naming both roles, then each role's claims by facet.
    question = c.question_stems(r)
    if both is None:
        both = _both(c, r, a, b, question, context, exclude)
    if both:
        quoted = quote_claims(c.k, both, attribute=True)
        lines.extend(quoted.lines)
        cites.extend(quoted.cites)
        quotes.append(quoted.quotes)
        shown.extend(both)
    claim_rows = [] if (both and rows) else _rows(c, r, a, b, question, context, exclude)
    if claim_rows and rows:
        rows = rows[:CURATED_ROWS_WITH_CLAIMS]
        claim_rows = claim_rows[:1]
    for facet, ca, cb in claim_rows[: MAX_CLAIM_ROWS - bool(both)]:
        rows.append(ComparisonRow(topic_name(facet, lang), _cell(c, ca), _cell(c, cb)))
        for claim in (ca, cb):
            cites.append(claim.passage)
            quotes.append({claim.passage: claim.text.strip()})
            shown.append(claim)
    if not rows and not lines:
        for role in (a, b):
            rk = c.curated(role)
            if rk is not None and rk.summary is not None:
                lines.append(f"{c.label(role, lang)}: {rk.summary.text.get(lang)}")
                cites.extend(rk.summary.cites)
    flags = flag(
        c.k,
        c.claims,
        relevant(c.k, shown, (a, b), "reporting"),
        lang,
        skip_docs=c.docs_of(cites) if warnings else frozenset(),
    )
    title = say("compare_title", lang, a=c.label(a, lang), b=c.label(b, lang))
    comparison = Comparison(c.label(a, lang), c.label(b, lang), tuple(rows)) if rows else None
    return c.answer(
        r,
        answered=bool(cites),
        kind="answer",
        title=title,
        comparison=comparison,
        lines=tuple(lines),
        warnings=tuple(warnings) + flags.warnings,
        cites=cites + list(flags.cites),
        quotes=merge_quotes(*quotes, flags.quotes or {}),
        suggestions=c.suggestions(lang, (a, b), r.intent),
    )


def _curated_rows(c: Composer, a: str, b: str, lang: str) -> tuple[list[ComparisonRow], list[str]]:
    """The curated statements of both roles, facet by facet."""
    rows, cites = [], []
    ra, rb = c.curated(a), c.curated(b)
    if ra is None or rb is None:
        return rows, cites
    for topic in CURATED_FACETS:
        fa, fb = ra.facts_on(topic), rb.facts_on(topic)
        if fa and fb:
            rows.append(
                ComparisonRow(topic_name(topic, lang), fa[0].text.get(lang), fb[0].text.get(lang))
            )
            cites.extend(fa[0].cites + fb[0].cites)
    return rows, cites


def _cell(c: Composer, claim: Claim) -> str:
    return f"{claim.text.strip()} ({who(c.k, claim)})"


def _both(
    c: Composer,
    r: Reading,
    a: str,
    b: str,
    question: Query,
    context: frozenset[str],
    exclude: frozenset[str],
) -> list[Claim]:
    """The best claims that name both roles, from any facet."""
    ranked: list[Ranked] = []
    for facet in (*FACETS, "other"):
        for first, second in ((a, b), (b, a)):
            if not c.claims.speaks(first, facet, r.language):
                continue  # only claims in the question's language are kept
            ranked.extend(
                x
                for x in c.claims.rank(
                    question, first, facet, language=r.language, context=context, with_role=second
                )
                if x.claim.doc not in exclude and x.claim.language == r.language
            )
    if context and any(x.claim.doc in context for x in ranked):
        ranked = [x for x in ranked if x.claim.doc in context]
    ranked.sort(key=lambda x: (-x.score, x.claim.id))
    unique = list({x.claim.id: x for x in ranked}.values())
    return c.claims.pick(unique, MAX_BOTH)


def _rows(
    c: Composer,
    r: Reading,
    a: str,
    b: str,
    question: Query,
    context: frozenset[str],
    exclude: frozenset[str],
) -> list[tuple[str, Claim, Claim]]:
    """(facet, claim on a, claim on b) for each facet both roles have claims on."""
    out = []
    for facet in FACETS:
        best = []
        for role in (a, b):
            if None in best or not c.claims.speaks(role, facet, r.language):
                # a row needs both cells; only a claim in the question's language makes one
                best.append(None)
                continue
            ranked = c.claims.rank(question, role, facet, language=r.language, context=context)
            first = next(
                (
                    x.claim
                    for x in ranked
                    if x.claim.doc not in exclude
                    and len(x.claim.text) <= MAX_CELL
                    and x.claim.language == r.language
                    and (x.claim.roles[:1] == (role,))
                ),
                None,
            )
            best.append(first)
        if best[0] is not None and best[1] is not None:
            out.append((facet, best[0], best[1]))
        if len(out) >= MAX_CLAIM_ROWS:
            break
    return out
