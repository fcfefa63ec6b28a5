"""Compose short, sourced answers from the curated knowledge (and passages as a fallback).

Nothing is stated without a citation: every line comes from a curated statement or is a
verbatim passage, and its citations become the answer's sources.
"""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.core.answer import Answer, Comparison, ComparisonRow, Source
from bot.core.ids import INTENT_TOPIC
from bot.core.knowledge import Knowledge, Statement
from bot.core.language import COMMON_WORDS
from bot.core.phrases import of_phrase, question_for, say, topic_name
from bot.core.roles import ROLE_TOKEN
from bot.core.text import words

MAX_LINES = 5
MAX_ROWS = 6
MAX_SOURCES = 12
MIN_EXTRACT_SCORE = 55
MIN_DUTY_COVER = 0.25


@dataclass(frozen=True)
class Reading:
    """What the engine understood; the composer turns it into an answer."""

    question: str
    language: str
    intent: str
    roles: tuple[str, ...]
    confidence: float
    tokens: tuple[str, ...] = ()
    unknown_roles: tuple[str, ...] = ()
    wants_acronym: bool = False
    subject: str | None = None  # the role a career question is about ("become a PM")
    focus: tuple[str, ...] = ()  # the words of the sentence that asks


class Composer:
    def __init__(self, knowledge: Knowledge) -> None:
        self.k = knowledge
        self._duties = self._duty_index()
        # Sentences of knowledge passages by (role, topic), for quoting when no curated
        # statement answers; folded once here, not on every question.
        self._quotable: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
        for p in knowledge.passages.values():
            if p.status != "knowledge":
                continue
            sentences = [(p.id, s, " ".join(words(s))) for s in _sentences(p.text)]
            for role in p.roles:
                for topic in p.topics:
                    self._quotable.setdefault((role, topic), []).extend(sentences)
        df: dict[str, int] = {}
        for _, stems, _, _ in self._duties:
            for stem in stems:
                df[stem] = df.get(stem, 0) + 1
        n = len(self._duties)
        self._duty_idf = {stem: math.log((n + 1) / (count + 0.5)) for stem, count in df.items()}
        self._related: dict[str, frozenset[str]] = {}
        # A word no statement uses dilutes the match (it cannot match), at half the weight
        # of a typical word: most such words are the question's own verbs and fillers.
        self._unseen_idf = 0.5 * statistics.median(self._duty_idf.values()) if df else 1.0

    # -- helpers ---------------------------------------------------------------------
    def label(self, role: str, language: str) -> str:
        rk = self.k.roles.get(role)
        return rk.label.get(language) if rk else role

    def noun(self, role: str, language: str) -> str:
        """The role as it reads inside a sentence: "a project manager", "le PMO"."""
        return noun_phrase(self.label(role, language), language)

    def sources(self, cites: list[str]) -> tuple[Source, ...]:
        out: list[Source] = []
        for cite in dict.fromkeys(cites):
            found = self.k.quote(cite)
            if found is None:
                continue
            passage, quote = found
            doc_id = cite.split("#", 1)[0]
            doc = self.k.documents.get(doc_id)
            if doc is None:
                continue
            own = cite == passage.id
            author = (
                passage.author
                if own
                else next((c.author for c in passage.copies if c.id == cite), None)
            )
            out.append(
                Source(
                    id=cite,
                    title=doc.title,
                    publisher=doc.publisher,
                    author=author,
                    date=doc.published,
                    quote=quote,
                    author_title=passage.author_title if own else None,
                    organisation=passage.organisation if own else None,
                    kind=doc.kind,
                    trust=doc.trust,
                )
            )
        out.sort(key=lambda s: -self.k.documents[s.id.split("#", 1)[0]].trust)
        return tuple(out[:MAX_SOURCES])

    def suggestions(
        self, language: str, roles: tuple[str, ...] = (), asked: str | None = None
    ) -> tuple[str, ...]:
        """Up to three questions the bot can answer, about the roles asked first, leaving
        out the kind of question just asked."""
        picks: list[str] = []
        for role in roles:
            rk = self.k.roles.get(role)
            if rk is None or not rk.covered:
                continue
            for intent in ("responsibilities", "reporting", "career", "define"):
                if intent == asked:
                    continue
                if intent == "career" and role == "pmo":
                    continue  # one joins an office, one does not become it
                if rk.facts_on(INTENT_TOPIC[intent]):
                    picks.append(question_for(intent, language, self.noun(role, language)) or "")
            for other in ("project_manager", "pmo"):
                if asked == "compare" and other in roles:
                    continue
                if other != role and self.k.distinction(role, other) is not None:
                    picks.append(
                        question_for(
                            "compare",
                            language,
                            self.noun(role, language),
                            self.noun(other, language),
                        )
                        or ""
                    )
                    break
        picks.extend(self.k.examples.get(language, self.k.examples.get("en", ())))
        return tuple(dict.fromkeys(p for p in picks if p))[:3]

    def _answer(self, r: Reading, *, answered: bool, kind: str, title: str, **kw) -> Answer:
        cites: list[str] = kw.pop("cites", [])
        return Answer(
            question=r.question,
            language=r.language,
            intent=r.intent,
            roles=r.roles,
            confidence=r.confidence,
            answered=answered,
            kind=kind,  # type: ignore[arg-type]
            title=title,
            sources=self.sources(cites),
            **kw,
        )

    def _disputes(self, statements: list[Statement], language: str) -> tuple[list[str], list[str]]:
        warnings, cites = [], []
        for s in statements:
            if s.disputed is not None:
                warnings.append(say("disputed", language, text=s.disputed.text.get(language)))
                cites.extend(s.disputed.cites)
        return warnings, cites

    # -- intents ---------------------------------------------------------------------
    def compose(self, r: Reading) -> Answer:
        if r.intent == "out_of_scope" or (r.unknown_roles and not r.roles and r.intent != "help"):
            return self.abstain(r)
        pairwise = r.intent in ("compare", "reporting", "career", "value")
        if r.unknown_roles and r.intent not in ("help", "smalltalk", "roles_overview"):
            return self.abstain(r)  # "PMO vs scrum master": part of the question is unknown
        if pairwise and len(r.roles) >= 2:
            for role in r.roles[:2]:
                if not self.k.roles[role].covered:
                    return self.not_covered(r, role)
        if r.intent == "help":
            return self.help(r)
        if r.intent == "smalltalk":
            return self.smalltalk(r)
        if r.intent == "roles_overview":
            return self.overview(r)
        if r.intent == "which_role":
            return self.which_role(r)
        if r.intent == "compare" and len(r.roles) >= 2:
            return self.compare(r)
        roles = r.roles or (("pmo",) if r.intent == "types" else ())
        if not roles:
            return self.abstain(r)
        role = r.subject if r.subject in roles else roles[0]
        if r.intent == "career" and not self.k.roles[role].facts_on("career"):
            # "from coordinator to PM": what the sources say about leaving the other role
            role = next((x for x in roles if self.k.roles[x].facts_on("career")), role)
        return self.about_role(r, role)

    def abstain(self, r: Reading) -> Answer:
        if r.unknown_roles:
            title = say("unknown_role", r.language, names=", ".join(r.unknown_roles))
        else:
            title = say("abstain", r.language)
        return self._answer(
            r, answered=False, kind="abstain", title=title, suggestions=self.suggestions(r.language)
        )

    def help(self, r: Reading) -> Answer:
        return self._answer(
            r,
            answered=True,
            kind="help",
            title=say("help_title", r.language),
            lines=(say("help_line", r.language),),
            suggestions=self.suggestions(r.language),
        )

    def smalltalk(self, r: Reading) -> Answer:
        thanks = {"thanks", "thank", "thx", "merci", "cheers", "ty"}
        key = "thanks" if thanks & set(r.tokens) else "hello"
        return self._answer(
            r,
            answered=True,
            kind="smalltalk",
            title=say(key, r.language),
            suggestions=self.suggestions(r.language),
        )

    def not_covered(self, r: Reading, role: str, extra_lines: tuple[str, ...] = ()) -> Answer:
        rk = self.k.roles[role]
        lines = list(extra_lines)
        cites: list[str] = []
        if rk.note is not None and rk.note.cites:
            lines.append(rk.note.text.get(r.language))
            cites.extend(rk.note.cites)
        title = say(
            "not_covered", r.language, of=of_phrase(self.noun(role, r.language), r.language)
        )
        return self._answer(
            r,
            answered=False,
            kind="abstain",
            title=title,
            lines=tuple(lines),
            cites=cites,
            suggestions=self.suggestions(r.language, tuple(x for x in r.roles if x != role)),
        )

    def compare(self, r: Reading) -> Answer:
        a, b = r.roles[0], r.roles[1]
        lang = r.language
        for role in (a, b):
            if not self.k.roles[role].covered:
                return self.not_covered(r, role)
        found = self.k.distinction(a, b)
        cites: list[str] = []
        warnings: list[str] = []
        rows: list[ComparisonRow] = []
        lines: list[str] = []
        if len(r.roles) > 2:
            left_out = ", ".join(self.label(x, lang) for x in r.roles[2:])
            warnings.append(say("two_at_a_time", lang, names=left_out))
        if found is not None:
            distinction, flipped = found
            for row in distinction.rows[:MAX_ROWS]:
                left, right = (row.right, row.left) if flipped else (row.left, row.right)
                rows.append(ComparisonRow(row.facet.get(lang), left.get(lang), right.get(lang)))
                cites.extend(row.cites)
            if distinction.disputed is not None:
                warnings.append(say("disputed", lang, text=distinction.disputed.text.get(lang)))
                cites.extend(distinction.disputed.cites)
            if distinction.note is not None:
                lines.append(distinction.note.text.get(lang))
        else:
            for topic in ("definition", "responsibilities", "reporting"):
                fa = self.k.roles[a].facts_on(topic)
                fb = self.k.roles[b].facts_on(topic)
                if fa and fb:
                    rows.append(
                        ComparisonRow(
                            topic_name(topic, lang), fa[0].text.get(lang), fb[0].text.get(lang)
                        )
                    )
                    cites.extend(fa[0].cites + fb[0].cites)
            if not rows:
                for role in (a, b):
                    summary = self.k.roles[role].summary
                    if summary is not None:
                        lines.append(f"{self.label(role, lang)}: {summary.text.get(lang)}")
                        cites.extend(summary.cites)
        title = say("compare_title", lang, a=self.label(a, lang), b=self.label(b, lang))
        comparison = (
            Comparison(self.label(a, lang), self.label(b, lang), tuple(rows)) if rows else None
        )
        return self._answer(
            r,
            answered=bool(cites),
            kind="answer",
            title=title,
            comparison=comparison,
            lines=tuple(lines),
            warnings=tuple(warnings),
            cites=cites,
            suggestions=self.suggestions(lang, (a, b), r.intent),
        )

    def about_role(self, r: Reading, role: str) -> Answer:
        lang = r.language
        rk = self.k.roles[role]
        if not rk.covered:
            return self.not_covered(r, role)
        topic = INTENT_TOPIC.get(r.intent, "definition")
        facts = list(rk.facts_on(topic))
        lines: list[str] = []
        cites: list[str] = []
        title = say("topic_title", lang, role=self.label(role, lang), topic=topic_name(topic, lang))
        if topic == "definition":
            title = self.label(role, lang)
            if not facts and rk.summary is not None:
                facts = [rk.summary]
            if r.wants_acronym and role in self.k.readings:
                lines.append(say("readings", lang))
                for reading in self.k.readings[role]:
                    lines.append(f"{reading.name.get(lang)}: {reading.statement.text.get(lang)}")
                    cites.extend(reading.statement.cites)
                facts = facts[:1]
        if not facts:
            return self.extract(r, role, topic)
        for fact in facts[: MAX_LINES - len(lines)]:
            lines.append(fact.text.get(lang))
            cites.extend(fact.cites)
        warnings, dispute_cites = self._disputes(facts, lang)
        return self._answer(
            r,
            answered=True,
            kind="answer",
            title=title,
            lines=tuple(lines),
            warnings=tuple(warnings),
            cites=cites + dispute_cites,
            suggestions=self.suggestions(lang, (role,), r.intent),
        )

    def extract(self, r: Reading, role: str, topic: str) -> Answer:
        """No curated statement: quote the most relevant sentence of passages that name the
        role and are tagged with the topic, if any is relevant enough."""
        lang = r.language
        query = " ".join(t for t in r.tokens if t not in _QUESTION_WORDS)
        quotes: list[tuple[float, str, str]] = []
        for pid, sentence, folded in self._quotable.get((role, topic), ()):
            score = fuzz.token_set_ratio(query, folded)
            if score >= MIN_EXTRACT_SCORE:
                quotes.append((score, pid, sentence))
        quotes.sort(key=lambda q: (-q[0], q[1]))
        best = list({pid: (pid, text) for _, pid, text in reversed(quotes[:2])}.values())
        if not best:
            rk = self.k.roles[role]
            known = rk.summary.text.get(lang) if rk.summary else ""
            lines = (say("known", lang, text=known),) if known else ()
            return self._answer(
                r,
                answered=False,
                kind="abstain",
                title=say(
                    "nothing_on_topic",
                    lang,
                    topic=topic_name(topic, lang),
                    role=self.noun(role, lang),
                ),
                lines=lines,
                cites=list(rk.summary.cites) if rk.summary else [],
                suggestions=self.suggestions(lang, (role,), r.intent),
            )
        return self._answer(
            r,
            answered=True,
            kind="answer",
            title=say("extract_title", lang, role=self.noun(role, lang)),
            lines=tuple(f"“{text}”" for _, text in best),
            cites=[pid for pid, _ in best],
            suggestions=self.suggestions(lang, (role,), r.intent),
        )

    def overview(self, r: Reading) -> Answer:
        lang = r.language
        lines, cites, more, missing = [], [], [], []
        for rk in self.k.roles.values():
            if not rk.covered:
                missing.append(rk.label.get(lang))
            elif rk.summary is not None and len(lines) < MAX_LINES - 2:
                lines.append(f"{rk.label.get(lang)}: {rk.summary.text.get(lang)}")
                cites.extend(rk.summary.cites[:1])
            else:
                more.append(rk.label.get(lang))
        if more:
            lines.append(say("overview_more", lang, names=", ".join(more)))
        if missing:
            lines.append(say("overview_missing", lang, names=", ".join(missing)))
        return self._answer(
            r,
            answered=True,
            kind="answer",
            title=say("overview_title", lang),
            lines=tuple(lines),
            cites=cites,
            suggestions=self.suggestions(lang),
        )

    # -- which role ------------------------------------------------------------------
    def _duty_index(self) -> list[tuple[str, frozenset[str], Statement, bool]]:
        """(role, word stems, statement) for every responsibility statement."""
        index = []
        for role, rk in self.k.roles.items():
            if not rk.covered:
                continue
            for fact in rk.facts:
                if fact.topic in ("responsibilities", "definition"):
                    # Our own wording only: a cited passage often describes both sides.
                    index.append((role, _stems(f"{fact.text.en} {fact.text.fr}"), fact, False))
        for duty in self.k.who_to_ask:
            statement = Statement(duty.duty, duty.cites, "responsibilities")
            index.append((duty.role, _stems(f"{duty.duty.en} {duty.duty.fr}"), statement, True))
        return index

    def duty_match(
        self, tokens: tuple[str, ...], among: tuple[str, ...] = ()
    ) -> tuple[float, str, Statement] | None:
        """The responsibility statement that best covers the duty a question names.

        Every content word of the question counts, weighted by its rarity among the
        statements (a word no statement has counts like a typical one): a question about
        pizza or the stand-up does not become a PMO question because it says "project".
        """
        content = {
            _stem(t)
            for t in tokens
            if len(t) > 2 and t not in _QUESTION_WORDS and t not in COMMON_WORDS and t != ROLE_TOKEN
        }
        content = {c for c in content if not c.startswith(_GENERIC_STEMS)}
        if not content:
            return None
        weight = {c: self._duty_idf.get(c, self._unseen_idf) for c in content}
        related = {c: self._related_stems(c) for c in content}
        total = sum(weight.values())
        best: tuple[float, str, Statement] | None = None
        for role, stems, statement, routing in self._duties:
            if among and role not in among:
                continue
            score = sum(w for c, w in weight.items() if not related[c].isdisjoint(stems))
            score += 0.05 * routing  # on a tie, the explicit "who to ask" routing wins
            if best is None or score > best[0]:
                best = (score, role, statement)
        if best is None or best[0] / total < MIN_DUTY_COVER:
            return None
        return (min(1.0, best[0] / total), best[1], best[2])

    def _related_stems(self, stem: str) -> frozenset[str]:
        """The statement stems a question stem matches (itself, or a long stem it extends)."""
        found = self._related.get(stem)
        if found is None:
            found = frozenset(s for s in self._duty_idf if _covers(frozenset((s,)), stem))
            found |= {stem}
            if len(self._related) < 50_000:
                self._related[stem] = found
        return found

    def which_role(self, r: Reading) -> Answer:
        lang = r.language
        offered = r.roles if len(r.roles) > 1 and {"or", "ou"} & set(r.tokens) else ()
        found = self.duty_match(r.focus or r.tokens, offered)  # "who owns the schedule, PMO or PM?"
        if found is None:
            return self._answer(
                r,
                answered=False,
                kind="abstain",
                title=say("which_unknown", lang),
                suggestions=self.suggestions(lang),
            )
        _, role, statement = found
        reading = Reading(
            r.question, lang, r.intent, (role,), r.confidence, r.tokens, r.unknown_roles
        )
        return self._answer(
            reading,
            answered=True,
            kind="answer",
            title=say("which_title", lang, of=of_phrase(self.noun(role, lang), lang)),
            lines=(statement.text.get(lang),),
            cites=list(statement.cites),
            suggestions=self.suggestions(lang, (role,)),
        )


def _sentences(text: str) -> list[str]:
    """Sentences of a passage, each a verbatim piece of it."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý“\"(-])", text)
    return [p for p in parts if len(p.split()) >= 4] or [text]


def noun_phrase(label: str, language: str) -> str:
    """An article and a lower-cased label, acronyms kept ("the PMO", "a PMO analyst")."""
    first = label.split()[0]
    text = label if first.isupper() else label[0].lower() + label[1:]
    if language == "fr":
        return f"le {text}" if first == "PMO" and " " not in label else f"un {text}"
    if first == "PMO" and " " not in label:
        return f"the {text}"
    return f"an {text}" if text[0].lower() in "aeiou" else f"a {text}"


_SUFFIXES = (
    "isation",
    "ization",
    "ising",
    "izing",
    "ation",
    "ings",
    "ing",
    "ure",
    "ies",
    "es",
    "ed",
    "s",
)


def _stem(word: str) -> str:
    """A light English/French suffix strip: "standards" and "standardised" share "standard"."""
    word = word.removesuffix("'s")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _stems(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in words(text) if len(w) > 2)


def _covers(stems: frozenset[str], stem: str) -> bool:
    """Equal stems, or a long stem that extends another ("standard" / "standardis")."""
    if stem in stems:
        return True
    if len(stem) < 6:
        return False
    return any(
        len(s) >= 6 and (s.startswith(stem) or stem.startswith(s) or (len(stem) >= 7 and stem in s))
        for s in stems
    )


# Words of the field every duty shares; they cannot tell one role's duty from another's.
_GENERIC_STEMS = tuple(
    "project projet proj team equipe manag gestion work travail company entreprise role "
    "rol thing chose here ici usual office bureau".split()
)
_QUESTION_WORDS = frozenset(
    "who whom whose which what should would could does have about with this that there "
    "here usually normally generally typically person people role team someone anyone "
    "responsible charge handles handle qui quel quelle personne occupe gere "
    "supposed actually really company ours their your job whos sort all every each "
    "between about over under into from with without other others some many much more most "
    "usually typically normally generally exactly always never here there then than also "
    "need needs want wants like just only very".split()
)
