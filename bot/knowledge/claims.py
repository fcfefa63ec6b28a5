"""Claims read from passages: who a sentence, list item or table row is about, what it says
about them (the facet), and the verbatim words.

A heading that names a role scopes its section; list items under it are duties unless a
heading says skills, reporting, career...; a sentence whose subject is a role (or a pronoun
standing for the section's role) is about that role; definitional, reporting and denial
patterns come from ``claim_rules``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.core.knowledge import Claim
from bot.core.roles import UNKNOWN
from bot.knowledge import claim_rules as rules
from bot.knowledge.mentions import Folded, Mention, RoleFinder, Token, tokens_of
from bot.knowledge.segment import split_sentences

RESPONSIBILITIES = "responsibilities"
REPORTING = "reporting"
DEFINITION = "definition"
OTHER = "other"


# "PMO Analyst – Engineering Delivery Office": the role is named before the dash.
_TITLE_SPLIT = re.compile(r"\s+[–—|-]\s+|:\s+")


@dataclass(frozen=True)
class Source:
    """One passage, with what the document's structure says around it."""

    passage: str
    doc: str
    text: str
    part: str  # paragraph | list | table_row | sentence | question | answer
    headings: tuple[str, ...]
    language: str
    trust: int
    author_title: str | None = None
    header: tuple[str, ...] = ()
    cells: tuple[str, ...] = ()
    lead: str = ""  # the paragraph introducing a list item's list


@dataclass(frozen=True)
class Scope:
    roles: tuple[str, ...]  # the roles the nearest role heading names (subject first)
    facet: str | None  # what the nearest heading with a facet says the section is about
    skip: bool = False  # a section about applying, pay, contacts...: no claims
    head: str = ""  # the last word of the role heading ("board" of "Programme board")


@dataclass(frozen=True)
class Relation:
    upper_side: str  # kept for clarity in tests: the role id of the subject
    verb: str
    other: str
    start: int  # folded span of the verb
    end: int
    negated: bool
    reporting: bool


def heading_scope(
    headings: tuple[str, ...], finder: RoleFinder, title_like, fallback: tuple[str, ...] = ()
) -> Scope:
    """The roles and facet the headings above a passage give it (deepest heading first);
    ``fallback`` when no heading names a role or a title."""
    facet = None
    head = ""
    roles: tuple[str, ...] | None = None
    if any(rules.SKIP_HEADINGS.search(Folded.of(h).folded) for h in headings):
        return Scope((), None, skip=True)
    for depth, heading in enumerate(reversed(headings)):
        folded = Folded.of(heading)
        part = _title_part(heading, finder)
        tokens = tokens_of(Folded.of(part))
        if facet is None and not _names_a_role(part, finder):
            # a role's own name says no facet ("Requirements Lead" is no requirements list)
            facet = heading_facet(folded.folded)
            if facet == "career" and depth == len(headings) - 1 and len(roles or ()) == 1:
                facet = None  # a career framework's title above one level's own section
        if roles is None:
            found = [m.role for m in finder.mentions(tokens)]
            known = list(dict.fromkeys(r for r in found if r != UNKNOWN))
            if len(known) == 1:
                roles = (known[0],)
                head = tokens[-1].word if tokens else ""
            elif len(known) > 1:
                career = facet == "career" or folded.folded.startswith("from ")
                roles = tuple(known) if career else ()
            elif UNKNOWN in found or title_like(part):
                roles = ()
    if roles is None:
        roles = fallback
    return Scope(roles or (), facet, head=head if roles else "")


def lead_scope(lead: str, scope: Scope, finder: RoleFinder) -> Scope:
    """A list's introduction ("The project manager's duties include:") scopes its items
    when it names one role; its cue words say what the items are about."""
    lead = split_sentences(lead)[-1]  # the sentence that opens the list
    if len(lead.split()) > _MAX_LEAD_WORDS:
        return scope
    folded = Folded.of(lead)
    tokens = tokens_of(folded)
    found = [m for m in finder.mentions(tokens) if m.role != UNKNOWN]
    known = list(dict.fromkeys(m.role for m in found))
    facet = heading_facet(folded.folded)
    if len(known) == 1:
        # "The coordinator has no say ..." under "**Project coordinator** (part time)"
        head = tokens[found[0].last - 1].word
        return Scope((known[0],), facet or scope.facet, head=head)
    return Scope(scope.roles, facet or scope.facet, head=scope.head)


def heading_facet(folded: str) -> str | None:
    """What a heading (or a list's introduction) says its text is about: a label first
    ("You will:", "Activités principales"), then the cue words of a heading."""
    label = folded.strip().rstrip(":").strip()
    found = _label_facet(label)
    if found:
        return found
    return next((name for name, p in rules.HEADING_FACETS if p.search(folded)), None)


def _label_facet(label: str) -> str | None:
    """The facet of a whole label ("nice to have", "activites principales"), or None."""
    if len(label.split()) > rules.LABEL_MAX_WORDS:
        return None
    for name, pattern in rules.LABEL_FACETS:
        if pattern.fullmatch(label):
            return name
    return None


def label_of(folded: str) -> tuple[str | None, int]:
    """The facet a label opening a line gives its text ("Scope: ...", "Requirements: ..."),
    and the folded position after the label; (None, 0) when there is none."""
    match = rules.LABEL.match(folded)
    if not match or len(match.group(1).split()) > rules.LABEL_MAX_WORDS:
        return None, 0
    facet = _label_facet(match.group(1).strip())
    return (facet, match.end()) if facet else (None, 0)


def _names_a_role(part: str, finder: RoleFinder) -> bool:
    """A heading that is a role's name and nothing else ("The Change Office")."""
    words = [t.word for t in tokens_of(Folded.of(part))]
    while words and words[0] in rules.SUBJECT_LEAD:
        words = words[1:]
    return bool(words) and finder.full_name(words) not in (None, UNKNOWN)


def _title_part(heading: str, finder: RoleFinder) -> str:
    """The part of a heading that names its role: the part before a dash or colon, or the
    part after a posting label ("Fiche de poste : Analyste PMO", "Job description: ...")
    or a level's code ("Level 3 – Senior PMO Analyst", "B2: Senior Business Analyst")."""
    parts = _TITLE_SPLIT.split(heading)
    label = Folded.of(parts[0]).folded.strip()
    if len(parts) > 1 and (rules.POSTING_LABEL.match(label) or rules.LEVEL_LABEL.match(label)):
        return parts[1]  # "Fiche de poste : Analyste PMO", "P3 – Senior Project Manager"
    return parts[0]


def run_in_list(text: str) -> tuple[str, list[str], str] | None:
    """A lettered or numbered list run into a paragraph: the words before its first mark,
    its items (without their separators) and what follows the last item's sentence; None
    when the text holds fewer than two marks in sequence ("(a) ... (b) ...")."""
    marks: list[re.Match[str]] = []
    for match in rules.RUN_IN_MARK.finditer(text):
        label = match.group(1)
        if not marks:
            if label in rules.RUN_IN_FIRST:
                marks = [match]
        elif label == _next_mark(marks[-1].group(1), roman=marks[0].group(1) == "i"):
            marks.append(match)
    if len(marks) < 2:
        return None
    items: list[str] = []
    for k, match in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        items.append(text[match.end() : end])
    last, *rest = split_sentences(items[-1]) or [""]
    items[-1] = last
    cleaned = [c for c in (_item_text(i) for i in items) if c]
    return text[: marks[0].start()].strip(), cleaned, " ".join(rest)


def duty_line(text: str) -> tuple[str, list[str], str] | None:
    """A duties label and the duties run on after it, separated by commas or semicolons
    ("You will: design the service, agree its standards, coach analysts and stand in for
    the manager"): the label, the duties and what follows the line's first sentence; None
    for a line of fewer than three duties or a label of another facet."""
    first, *rest = split_sentences(text) or [""]
    folded = Folded.of(first)
    facet, end = label_of(folded.folded)
    if facet is None:
        opening = rules.DUTY_OPENING.match(folded.folded)
        facet, end = (RESPONSIBILITIES, opening.end()) if opening else (None, 0)
    if facet != RESPONSIBILITIES:
        return None
    start = folded.start(end)
    body = first[start:]
    pieces = [p for p in rules.DUTY_SEPARATOR.split(body) if p and p.strip()]
    duties = [_item_text(p) for p in pieces]
    if len(duties) < rules.MIN_RUN_ON_DUTIES or any(len(d.split()) < 2 for d in duties):
        return None
    return first[:start].strip(), duties, " ".join(rest)


def _next_mark(label: str, roman: bool) -> str:
    if label.isdigit():
        return str(int(label) + 1)
    if roman:
        romans = rules.RUN_IN_ROMANS
        index = romans.index(label) if label in romans else len(romans)
        return romans[index + 1] if index + 1 < len(romans) else ""
    return chr(ord(label) + 1) if len(label) == 1 and label < "z" else ""


def _item_text(text: str) -> str:
    return rules.RUN_IN_SEPARATOR.sub("", text.strip()).strip()


class Extractor:
    def __init__(self, finder: RoleFinder, title_like, title: str = "") -> None:
        self.finder = finder
        self.title_like = title_like
        self._scopes: dict[tuple[str, ...], Scope] = {}
        # The role the page's own title names ("Fiche de poste : Coordinateur de projet"):
        # the role of every section no heading scopes.
        page = heading_scope((title,), finder, title_like) if title else None
        self._page_roles = page.roles if page is not None and len(page.roles) == 1 else ()

    def _scope(self, headings: tuple[str, ...]) -> Scope:
        scope = self._scopes.get(headings)
        if scope is None:
            scope = heading_scope(headings, self.finder, self.title_like, fallback=self._page_roles)
            self._scopes[headings] = scope
        return scope

    def section_roles(self, headings: tuple[str, ...]) -> tuple[str, ...]:
        """The roles the headings above a passage (or the page) scope it to."""
        scope = self._scope(headings)
        return () if scope.skip else scope.roles

    def claims(self, source: Source) -> list[Claim]:
        scope = self._scope(source.headings)
        if scope.skip:
            return []
        if source.lead:
            if rules.MEMBERS.search(Folded.of(source.lead).folded):
                return []  # "Its members are:": who sits on a body, not what anyone does
            scope = lead_scope(source.lead, scope, self.finder)
        if source.part == "table_row":
            return []  # tables are read by bot.knowledge.tables
        drafts: list[_Draft] = []
        previous: str | None = None
        label: str | None = None  # "**PMO manager** (head of the PMO)." opening a paragraph
        subject: str | None = None  # the role the previous sentence opened with
        # the role a paragraph's first sentence opens with, and its name's last word
        first: tuple[str, str] | None = None
        for index, (sentence, unit, unit_scope) in enumerate(self._units(source, scope)):
            opened, subject = subject, self._opening_role(sentence)
            if index == 0 and unit.part == "paragraph":
                first = self._opening_head(sentence)
            if rules.CLUTTER.search(Folded.of(sentence).folded):
                continue
            if unit.part == "paragraph" and index == 0:
                label = self._label_only(sentence)
                if label and scope.facet == REPORTING and scope.roles and label != scope.roles[0]:
                    label = None  # "the PMO manager" under "Reports to": a reporting line
                if label:
                    continue
            if label and unit.part == "paragraph":
                # the paragraph's later sentences are about the role its label names
                unit, unit_scope = replace(unit, part="list"), Scope((label,), scope.facet)
            elif unit.part == "paragraph" and opened and _opens_with_pronoun(sentence):
                unit_scope = Scope((opened,), scope.facet)  # "It keeps ...", "She reports"
            elif unit.part == "paragraph" and first and index > 0 and subject is None:
                # "A project coordinator supports ... The coordinator books ...": the
                # paragraph's role by the last word of its name
                unit_scope = Scope((first[0],), scope.facet, head=first[1])
            if sentence.rstrip().endswith(":") and unit.part != "list":
                continue  # it introduces a list: its items carry the claims
            if unit.part == "list" and previous and unit_scope is _LATER_SENTENCE:
                # a later sentence of a labelled item ("**Coordinator**: keeps ... It does
                # not merge code.") is about the role its label named
                unit_scope = Scope((previous,), scope.facet)
            elif unit_scope is _LATER_SENTENCE:
                unit_scope = scope
            found = self._sentence(sentence, unit, unit_scope, previous)
            drafts.extend(found)
            if found and previous is None:
                previous = found[0].roles[0]
        return [
            Claim(
                id=f"{source.passage}/c{n}",
                passage=source.passage,
                doc=source.doc,
                roles=d.roles,
                facet=d.facet,
                text=d.text,
                language=source.language,
                trust=source.trust,
                section=source.headings[-1] if source.headings else "",
                duty=d.duty,
                relation=d.relation,
                negated=d.negated,
            )
            for n, d in enumerate(_unique(drafts), start=1)
        ]

    def _opening_role(self, sentence: str) -> str | None:
        """The role a sentence opens with, its subject ("The portfolio manager looks ...")."""
        tokens = tokens_of(Folded.of(sentence))
        mentions = self.finder.mentions(tokens)
        if not mentions or mentions[0].role == UNKNOWN:
            return None
        if any(t.word not in rules.SUBJECT_LEAD for t in tokens[: mentions[0].first]):
            return None
        return mentions[0].role

    def _opening_head(self, sentence: str) -> tuple[str, str] | None:
        """The role a sentence opens with and the last word of its name there."""
        tokens = tokens_of(Folded.of(sentence))
        mentions = self.finder.mentions(tokens)
        role = self._opening_role(sentence)
        if role is None:
            return None
        head = tokens[mentions[0].last - 1].word
        return role, head.removesuffix("s") if head.endswith("ors") else head

    def _label_only(self, sentence: str) -> str | None:
        """The role a sentence only names, as a label ("PMO manager (head of the PMO).",
        "Project coordinator:"), or None."""
        folded = Folded.of(sentence)
        tokens = tokens_of(folded)
        mentions = self.finder.mentions(tokens)
        if not mentions or mentions[0].role == UNKNOWN:
            return None
        if any(t.word not in rules.SUBJECT_LEAD for t in tokens[: mentions[0].first]):
            return None
        rest = folded.folded[_skip_apposition(folded, mentions[0].end) :]
        return mentions[0].role if not re.search(r"[a-z0-9]", rest) else None

    def _units(self, source: Source, scope: Scope) -> list[tuple[str, Source, object]]:
        """The sentences of a passage, each with the passage it is read as and its scope. A
        list item is one unit, its later sentences units of their own; a lettered list run
        into a paragraph ("The manager shall (a) plan ...; (b) report ...") gives one item
        per letter, scoped by the words that open it; so does a labelled line of duties
        ("You will: plan ..., chase ... and report ...") one per duty."""
        run = run_in_list(source.text) or duty_line(source.text)
        if run is not None:
            lead, items, tail = run
            sentences = split_sentences(lead)
            opening = sentences.pop() if sentences else ""
            item_source = replace(source, part="list")
            item_scope = lead_scope(opening, scope, self.finder) if opening else scope
            return [
                *((s, source, scope) for s in sentences),
                *((item, item_source, item_scope) for item in items),
                *((s, source, scope) for s in split_sentences(tail)),
            ]
        if source.part != "list":
            return [(s, source, scope) for s in split_sentences(source.text)]
        first, *later = split_sentences(source.text) or [source.text]
        return [(first, source, scope), *((s, source, _LATER_SENTENCE) for s in later)]

    # -- one sentence ---------------------------------------------------------------------

    def _sentence(
        self, sentence: str, source: Source, scope: Scope, previous: str | None
    ) -> list[_Draft]:
        folded = Folded.of(sentence)
        tokens = tokens_of(folded)
        if not tokens:
            return []
        mentions = self.finder.mentions(tokens)
        section_role = scope.roles[0] if scope.roles else None
        labelled, label_end = label_of(folded.folded)
        if section_role and _reporting_at(folded.folded, 0):
            # a label ("Reports to: the PMO manager") or the post ("Le poste est rattaché")
            subjects, after = [section_role], _post_noun_end(tokens, mentions)
        elif _reporting_at(folded.folded, 0) and _reporting_label(folded.folded):
            return []  # "Reports to: Senior Project Manager" with no role to say it of
        elif section_role and labelled:
            subjects, after = [section_role], label_end  # "Scope: keeps the office running"
        else:
            subjects, after = self._subjects(folded, tokens, mentions, source, section_role)
            if not subjects and section_role:
                after = _short_name(tokens, mentions, scope.head)
                subjects = [section_role] if after else []
        relations = self._relations(folded, tokens, mentions, subjects, section_role, after)
        if labelled == REPORTING and subjects == [section_role] and not relations:
            above = next((m for m in mentions if m.start >= label_end), None)  # "N+1 : ..."
            if above is not None and above.role not in (UNKNOWN, section_role):
                relations = [
                    Relation(section_role, rules.REPORTS_TO, above.role, 0, label_end, False, True)
                ]
        owned = _owned(sentence, folded, tokens, mentions)
        if owned and not subjects:
            return owned
        drafts: list[_Draft] = []
        is_item = source.part == "list"
        if not subjects and is_item and section_role and _opens_with_text(tokens, mentions):
            subjects, after = [section_role], 0
        if not subjects and section_role and _opens_with_duty_verb(tokens, mentions):
            # "Plans the project and keeps the risk log." in the project manager's section
            subjects, after = [section_role], 0
            relations = self._relations(folded, tokens, mentions, subjects, section_role, 0)
        if not subjects and section_role and not relations:
            reporting = _reporting_subjects(folded.folded, tokens, mentions)
            # "... merge into one PMO reporting to the CFO" in a role's section
            lines = [
                _Draft((role,), REPORTING, sentence.strip(), "", None, denied)
                for role, denied in dict.fromkeys(reporting)
            ]
            return [*lines, *self._scoped(sentence, folded, mentions, scope, section_role)]
        if not subjects:
            drafts = [self._relation_draft(sentence, r, mentions) for r in relations]
            if not drafts:
                drafts = self._unscoped(sentence, folded, tokens, mentions)
            return drafts
        predicate_start = _skip_apposition(folded, after)
        predicate = folded.folded[predicate_start:].strip()
        if after and len(re.findall(r"[a-z0-9]+", predicate)) < 2 and not relations:
            if scope.facet == REPORTING and section_role and subjects[0] != section_role:
                # "the PMO manager" under "Reports to": the section's role reports to it
                line = (section_role, rules.REPORTS_TO, subjects[0])
                return [_Draft(line[::2], REPORTING, sentence.strip(), "", line, False)]
            return []  # the role named alone ("the programme manager;" in a members list)
        predicate_text = sentence[folded.start(predicate_start) :].strip()
        negated = _negated(predicate)
        facet = self._facet(predicate, folded.folded, scope, is_item, subjects, relations)
        if labelled and subjects == [section_role] and facet != REPORTING:
            facet = labelled
            if labelled == "skills" and _CERTIFICATION_CUE.search(folded.folded):
                facet = "certification"  # "Nice to have: the P3O Foundation certificate"
        if facet is None:
            return [self._relation_draft(sentence, r, mentions) for r in relations]
        others = [m.role for m in mentions if m.role != UNKNOWN and m.role not in subjects]
        if facet == "career" and not _CAREER_CUE.search(folded.folded):
            others = []  # "Manage a junior analyst" on the way to PMO manager is no move
        others += [r for r in scope.roles[1:] if r not in subjects]
        duty = _duty(predicate_text) if facet == RESPONSIBILITIES else ""
        if is_item and facet == RESPONSIBILITIES and after == 0:
            duty = _duty(sentence)
        for subject in subjects:
            # the relations the subject is a side of ("It is chaired by the sponsor": the
            # committee is the chaired side)
            own = [r for r in relations if subject in (r.upper_side, r.other)]
            if not own and len(subjects) > 1:
                own = [
                    replace(r, upper_side=subject)
                    for r in relations
                    if r.upper_side == subjects[-1]
                ]
            sides = [r.other if r.upper_side == subject else r.upper_side for r in own]
            roles = _about([subject, *sides], others, facet)
            if not own:
                drafts.append(_Draft(roles, facet, sentence.strip(), duty, None, negated))
            for r in own:
                drafts.append(
                    _Draft(
                        roles,
                        REPORTING if r.reporting else facet,
                        sentence.strip(),
                        duty,
                        (r.upper_side, r.verb, r.other),
                        r.negated,
                    )
                )
        for r in relations:
            if r.upper_side not in subjects and r.other not in subjects:
                drafts.append(self._relation_draft(sentence, r, mentions))
        if not any(d.facet == REPORTING for d in drafts) and _reports_later(predicate):
            # "She chairs the delivery meeting and reports to the Harbour Board."
            drafts.append(_Draft((subjects[0],), REPORTING, sentence.strip(), "", None, negated))
        covered = {r for d in drafts for r in (*d.roles, *(d.relation or ()))}
        for role, denied in _reporting_subjects(folded.folded, tokens, mentions):
            if role not in covered:  # "..., and the programme manager reports to the board"
                drafts.append(_Draft((role,), REPORTING, sentence.strip(), "", None, denied))
                covered.add(role)
        return drafts

    def _scoped(
        self,
        sentence: str,
        folded: Folded,
        mentions: list[Mention],
        scope: Scope,
        section_role: str,
    ) -> list[_Draft]:
        """A sentence without a role subject, in a role's section: kept when a cue word or
        the heading says what it tells about the role (an FAQ answer, a skills paragraph)."""
        if len(re.findall(r"[a-z0-9]+", folded.folded)) < _MIN_SCOPED_WORDS:
            return []  # "Yes.", "Not always, but it helps."
        cued = _cue(folded.folded, mentions)
        if rules.DEFINITION_TERM.match(folded.folded.strip(' "“')):
            cued = DEFINITION
        facet = cued or (scope.facet if scope.facet not in (None, RESPONSIBILITIES) else None)
        if facet is None:
            return []
        others = [m.role for m in mentions if m.role != UNKNOWN and m.role != section_role]
        roles = _about([section_role, *scope.roles[1:]], others, facet)
        return [_Draft(roles, facet, sentence.strip(), "", None, _negated(folded.folded))]

    def _unscoped(
        self, sentence: str, folded: Folded, tokens: list[Token], mentions: list[Mention]
    ) -> list[_Draft]:
        """A sentence with no subject role and no section role: a reporting verb right after
        a role ("... a single Enterprise PMO reporting to the CFO") or a certification cue
        ("the certification we recommend for PMO analysts") still tells about that role."""
        text = folded.folded
        reporting = _reporting_subjects(text, tokens, mentions)
        if reporting:
            subject, negated = reporting[0]
            return [_Draft((subject,), REPORTING, sentence.strip(), "", None, negated)]
        negated = _negated(text)
        if _cue(text, mentions) != "certification":
            return []
        roles = dict.fromkeys(m.role for m in mentions if m.role != UNKNOWN)
        return [
            _Draft((role,), "certification", sentence.strip(), "", None, negated) for role in roles
        ]

    def _relation_draft(self, sentence: str, r: Relation, mentions: list[Mention]) -> _Draft:
        roles = (r.upper_side, r.other)
        facet = REPORTING if r.reporting else RESPONSIBILITIES
        return _Draft(
            roles, facet, sentence.strip(), "", (r.upper_side, r.verb, r.other), r.negated
        )

    def _subjects(
        self,
        folded: Folded,
        tokens: list[Token],
        mentions: list[Mention],
        source: Source,
        section_role: str | None,
    ) -> tuple[list[str], int]:
        """The sentence's subject role(s) and the folded position where its predicate starts."""
        text = folded.folded
        if mentions:
            first = mentions[0]
            pieces = re.split(r"[,;:]", text[: first.start])
            lead_words = re.findall(r"[a-z0-9]+", pieces[-1])
            opening = re.findall(r"[a-z0-9]+", "".join(pieces[:-1]))
            labelled = _label_subject(text, lead_words, first)
            if labelled is not None and first.role != UNKNOWN:
                return [first.role], labelled
            if len(opening) <= 6 and all(w in rules.SUBJECT_LEAD for w in lead_words):
                subjects = [first]
                for m in mentions[1:]:
                    gap = text[subjects[-1].end : m.start]
                    if re.fullmatch(
                        r"\s*(?:,|and|or|et|ou|,\s*and)\s*(?:the |a |an |les? |la )?", gap
                    ):
                        subjects.append(m)
                    else:
                        break
                if subjects[0].role == UNKNOWN:
                    return [], 0
                roles = list(dict.fromkeys(m.role for m in subjects if m.role != UNKNOWN))
                return roles, subjects[-1].end
        head = [t for t in tokens[:3]]
        for i, token in enumerate(head):
            if mentions and mentions[0].first <= i:
                break
            if token.word in rules.PRONOUNS and section_role:
                return [section_role], token.end
            if token.word in rules.SECOND_PERSON and section_role and i == 0:
                return [section_role], token.end
            if section_role and _post_noun_end(tokens, mentions):
                return [section_role], _post_noun_end(tokens, mentions)
            if token.word in rules.FIRST_PERSON and source.author_title:
                role = self._title_role(source.author_title)
                if role:
                    return [role], token.end
        for m in mentions:  # "we employ a paid project coordinator who keeps the calendar"
            relative = rules.RELATIVE.match(text[m.end :])
            if (
                relative
                and m.role != UNKNOWN
                and _introduced(tokens, m.first)
                and not _negated(text[: m.start])
            ):
                return [m.role], m.end + relative.end()
        return [], 0

    def _title_role(self, title: str) -> str | None:
        folded = Folded.of(title)
        found = [m.role for m in self.finder.mentions(tokens_of(folded)) if m.role != UNKNOWN]
        return found[0] if found else None

    def _relations(
        self,
        folded: Folded,
        tokens: list[Token],
        mentions: list[Mention],
        subjects: list[str],
        section_role: str | None,
        after: int,
    ) -> list[Relation]:
        text = folded.folded
        taken: list[tuple[int, int]] = []
        out: list[Relation] = []
        for rule in rules.RELATIONS:
            for match in rule.pattern.finditer(text):
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue
                obj = _object_after(text, tokens, mentions, match.end())
                if obj is None:
                    continue
                subject, negated = _subject_before(
                    text, tokens, mentions, match.start(), rule.loose
                )
                if (
                    subject is None
                    and subjects
                    and (
                        _linked(text, after, match.start())
                        or (
                            rule.verb == rules.REPORTS_TO
                            and _coordinated(text, after, match.start())
                        )
                    )
                ):
                    subject = subjects[0]
                    negated = _negated(text[after : match.start()])
                if subject is None and _at_start(text, match.start()) and section_role:
                    subject = section_role
                    negated = _negated(text[: match.start()])
                if subject is None or subject == UNKNOWN or obj == subject:
                    continue
                taken.append((match.start(), match.end()))
                if rule.verb == rules.REPORTS_TO and not rule.passive:
                    for extra in _further_objects(text, mentions, match.end(), obj):
                        out.append(
                            Relation(
                                subject,
                                rule.verb,
                                extra,
                                match.start(),
                                match.end(),
                                negated,
                                rule.reporting,
                            )
                        )
                if rule.passive:
                    out.append(
                        Relation(
                            obj,
                            rule.verb,
                            subject,
                            match.start(),
                            match.end(),
                            negated,
                            rule.reporting,
                        )
                    )
                    continue
                out.append(
                    Relation(
                        subject, rule.verb, obj, match.start(), match.end(), negated, rule.reporting
                    )
                )
        return sorted(out, key=lambda r: r.start)

    def _facet(
        self,
        predicate: str,
        sentence: str,
        scope: Scope,
        is_item: bool,
        subjects: list[str],
        relations: list[Relation],
    ) -> str | None:
        if any(r.reporting and r.upper_side in subjects for r in relations):
            return REPORTING
        if _reporting_at(predicate, 0):
            return REPORTING
        if is_item and scope.facet in _ACTIVE_FALLBACK and not _CERTIFICATION_CUE.search(sentence):
            return scope.facet  # "Own the reporting process" as a step under a career move
        bare = re.sub(r"\b(?:not|never|pas) ", "", predicate, count=1)
        if rules.RESPONSIBLE.match(bare):
            return RESPONSIBILITIES
        if rules.DEFINITION.match(predicate):
            return DEFINITION
        if is_item:
            if rules.DEFINITION_TERM.match(predicate):
                return DEFINITION
            if _CERTIFICATION_CUE.search(sentence):
                return "certification"  # "PRINCE2 Foundation is a plus" under Qualifications
            return scope.facet if scope.facet not in (None, DEFINITION) else RESPONSIBILITIES
        if scope.facet == "career" and _CAREER_CUE.search(sentence):
            return "career"  # a move in a career section, even one through a qualification
        cued = _cue(sentence, self.finder.mentions(tokens_of(Folded.of(sentence))), subjects)
        if cued:
            return cued
        if scope.facet in _ACTIVE_FALLBACK:
            return scope.facet
        if re.match(r"^(?:is|are|was|has|have|est|sont|a|ont)\b", predicate):
            return OTHER
        return RESPONSIBILITIES


@dataclass(frozen=True)
class _Draft:
    roles: tuple[str, ...]
    facet: str
    text: str
    duty: str
    relation: tuple[str, str, str] | None
    negated: bool


# The scope of a later sentence of a list item: the role its first sentence was about.
_LATER_SENTENCE = object()

_CUES = {name: pattern for name, pattern, _ in rules.SENTENCE_FACETS}
_CAREER_CUE = _CUES["career"]
_CERTIFICATION_CUE = _CUES["certification"]

# A list's introduction longer than this is a paragraph of its own, not a label.
_MAX_LEAD_WORDS = 14

# A sentence shorter than this says nothing on its own without a role in it.
_MIN_SCOPED_WORDS = 6

# Heading facets a role's active sentence takes ("A project office supports one project"
# under "Kinds of project office" is about types); under "Reporting lines" or "What is a
# PMO?" an active sentence is still a duty.
_ACTIVE_FALLBACK = frozenset({"types", "value", "skills", "career", "certification"})


def _about(roles: list[str], others: list[str], facet: str) -> tuple[str, ...]:
    """The roles a claim is about: its subject(s) and the other side of its relation; a
    career claim also names the roles it moves between. A role merely mentioned ("supports
    the project manager") is not what the claim is about."""
    return tuple(dict.fromkeys([*roles, *(others if facet == "career" else ())]))


def _cue(sentence: str, mentions: list[Mention], subjects: list[str] = ()) -> str | None:
    """The facet a sentence's cue words give; weak cues ("becomes") need a second role."""
    others = {m.role for m in mentions if m.role != UNKNOWN} - set(subjects)
    for name, pattern, weak in rules.SENTENCE_FACETS:
        match = pattern.search(sentence)
        if match and name == "career" and rules.PROGRESS_REPORTED.search(sentence[: match.start()]):
            match = None  # "reports overall progress to the board": a report, not a move
        if match and (not weak or not weak.fullmatch(match.group(0)) or len(others) >= 1):
            return name
    return None


def _owned(sentence: str, folded: Folded, tokens: list[Token], mentions: list[Mention]) -> list:
    """Duties stated with their owner after them: "Budget approval rests with the project
    sponsor", "The stage plan is approved by the PMO"."""
    text = folded.folded
    out = []
    for match in rules.OWNERS.finditer(text):
        role = _object_after(text, tokens, mentions, match.end())
        if role is None:
            continue
        start = max(text.rfind(";", 0, match.start()), text.rfind(":", 0, match.start())) + 1
        activity = sentence[folded.start(start) : folded.start(match.start())].strip(" ,")
        words = re.findall(r"[a-z0-9]+", text[start : match.start()])
        if len(words) < 2 or words[0] in rules.PRONOUNS or words[0] in ("those", "these"):
            continue
        negated = " not " in f" {text[match.start() : match.end()]} "
        out.append(_Draft((role,), RESPONSIBILITIES, sentence.strip(), activity, None, negated))
    return out


def _short_name(tokens: list[Token], mentions: list[Mention], head: str) -> int:
    """ "The board approves ..." under "Programme board": the section's role by the last
    word of its name. The folded position after it, or 0."""
    if not head or len(head) < 4:
        return 0
    for i, token in enumerate(tokens[:3]):
        if mentions and mentions[0].first <= i:
            return 0
        if token.word in (head, head + "s", head + "'s") and i > 0:
            return token.end
        if token.word not in rules.SUBJECT_LEAD:
            return 0
    return 0


def _label_subject(text: str, lead_words: list[str], mention: Mention) -> int | None:
    """ "For product managers: customer research, ...": the role before the colon is the
    subject of what follows it; the predicate starts after the colon."""
    if not lead_words or lead_words[0] not in rules.LABEL_LEAD:
        return None
    if not all(w in rules.SUBJECT_LEAD for w in lead_words[1:]):
        return None
    match = re.match(r"\s*:\s*", text[mention.end :])
    return mention.end + match.end() if match else None


def _linked(text: str, after: int, position: int) -> bool:
    """Only link words between the subject and a verb ("I usually report to")."""
    if position < after:
        return False
    gap = text[after:position]
    if re.search(r"[;:.]", gap):
        return False
    words = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", gap)
    return len(words) <= 5 and all(w in rules.LINK_WORDS or w in rules.NEGATIONS for w in words)


def _unique(drafts: list[_Draft]) -> list[_Draft]:
    return list(dict.fromkeys(drafts))


def _opens_with_text(tokens: list[Token], mentions: list[Mention]) -> bool:
    return not mentions or mentions[0].first > 0


def _skip_apposition(folded: Folded, position: int) -> int:
    rest = folded.folded[position:]
    match = rules.APPOSITION.match(rest) or rules.SEPARATOR.match(rest)
    return position + (match.end() if match else 0)


def _negated(predicate: str) -> bool:
    words = re.findall(r"[a-z]+(?:'[a-z]+)?", predicate)[:6]
    if any(w in rules.NEGATIONS for w in words):
        return True
    return bool(rules.HAS_NO.match(" ".join(words)))


def _further_objects(text: str, mentions: list[Mention], position: int, first: str) -> list[str]:
    """More roles reported to in the same sentence ("..., and professionally to the PMO
    manager", "also to the programme manager")."""
    out: list[str] = []
    after = [m for m in mentions if m.start >= position and m.role != UNKNOWN]
    previous = next((m for m in after if m.role == first), None)
    if previous is None:
        return out
    for m in after[after.index(previous) + 1 :]:
        gap = text[previous.end : m.start]
        if "." in gap or not rules.FURTHER_OBJECT.search(gap):
            break
        if m.role not in out and m.role != first:
            out.append(m.role)
        previous = m
    return out


def _introduced(tokens: list[Token], first: int) -> bool:
    """An article before a role's name, past its qualifiers ("a full-time ...")."""
    i = first - 1
    while i >= 0 and tokens[i].word not in rules.RELATIVE_ARTICLES:
        if tokens[i].word not in rules.SUBJECT_LEAD:
            return False
        i -= 1
    return i >= 0


def _coordinated(text: str, after: int, position: int) -> bool:
    """A verb joined to the subject's other verbs in the same clause ("They plan and
    deliver their project and report weekly to the programme manager")."""
    gap = text[after:position]
    return (
        position >= after
        and not re.search(r"[;:.]", gap)
        and bool(re.search(r"(?:,|\band|\bet)\s*$", gap))
    )


_LATER_CLAUSE = re.compile(
    r"(?:,|\band|\bet|[;,]\s*(?:and |et )?(?:they|he|she|it|ils|elles|il|elle))\s*$"
)


def _reports_later(predicate: str) -> bool:
    """A reporting line joined to the subject's other duties ("..., and reports to ...")."""
    for rule in rules.RELATIONS:
        if rule.verb != rules.REPORTS_TO or rule.passive:
            continue
        for match in rule.pattern.finditer(predicate):
            # "..., and reports to ...", "...; they report to ..." (the subject again)
            if re.search(_LATER_CLAUSE, predicate[: match.start()]):
                return True
    return False


def _reporting_label(text: str) -> bool:
    facet, _ = label_of(text)
    return facet == REPORTING


def _opens_with_duty_verb(tokens: list[Token], mentions: list[Mention]) -> bool:
    if len(tokens) < 3 or (mentions and mentions[0].first == 0):
        return False
    first, second = tokens[0].word, tokens[1].word
    if second in rules.NOT_AFTER_DUTY_VERB:
        return False
    forms = {first, first.removesuffix("s"), first.removesuffix("es")}
    if first.endswith("ies"):
        forms.add(first[:-3] + "y")
    return bool(forms & rules.DUTY_VERBS)


def _opens_with_pronoun(sentence: str) -> bool:
    tokens = tokens_of(Folded.of(sentence))
    return bool(tokens) and tokens[0].word in rules.PRONOUNS


def _post_noun_end(tokens: list[Token], mentions: list[Mention]) -> int:
    """ "Le poste est rattaché au ...", "The postholder reports to ...": a noun for the job
    opening the sentence stands for the section's role. The folded position after it, or 0."""
    for i, token in enumerate(tokens[:3]):
        if mentions and mentions[0].first <= i:
            return 0
        if token.word in rules.POST_NOUNS:
            following = tokens[i + 1].word if i + 1 < len(tokens) else ""
            return token.end if following not in rules.OF_WORDS else 0
        if token.word not in rules.SUBJECT_LEAD:
            return 0
    return 0


def _reporting_subjects(
    text: str, tokens: list[Token], mentions: list[Mention]
) -> list[tuple[str, bool]]:
    """Roles a reporting verb follows directly ("the programme manager reports to the
    foundation board"), whatever it reports to, and whether the line is denied."""
    out: list[tuple[str, bool]] = []
    for rule in rules.RELATIONS:
        if rule.verb != rules.REPORTS_TO or rule.passive:
            continue
        for match in rule.pattern.finditer(text):
            subject, negated = _subject_before(text, tokens, mentions, match.start())
            if subject is not None and subject != UNKNOWN:
                out.append((subject, negated))
    return out


def _duty(text: str) -> str:
    return text.strip().rstrip(".;:!").strip()


def _reporting_at(text: str, position: int) -> bool:
    """A reporting verb opens the text ("Reports to: ...", "is accountable to ...")."""
    head = text[position:]
    for rule in rules.RELATIONS:
        if not rule.reporting or rule.verb != rules.REPORTS_TO:
            continue
        match = rule.pattern.search(head)
        if match and len(re.findall(r"[a-z0-9]+", head[: match.start()])) <= 2:
            return True
    return False


def _at_start(text: str, position: int) -> bool:
    return not re.search(r"[a-z0-9]", text[:position])


def _subject_before(
    text: str, tokens: list[Token], mentions: list[Mention], position: int, loose: bool = False
) -> tuple[str | None, bool]:
    """The role mentioned just before a verb, and whether a negation sits between them."""
    before = [m for m in mentions if m.end <= position]
    if not before:
        return None, False
    mention = before[-1]
    gap = text[mention.end : position]
    if re.search(r"[;:.]", gap):
        return None, False
    words = [t.word for t in tokens if t.start >= mention.end and t.end <= position]
    unlinked = [w for w in words if w not in rules.LINK_WORDS and w not in rules.NEGATIONS]
    if len(words) > 5 or (unlinked and not (loose and len(unlinked) <= 2)):
        return None, False
    if "," in gap and not re.search(r",\s*(?:who|which|qui)\b", gap) and words:
        return None, False
    return mention.role, any(w in rules.NEGATIONS for w in words)


def _object_after(
    text: str, tokens: list[Token], mentions: list[Mention], position: int
) -> str | None:
    after = [m for m in mentions if m.start >= position]
    if not after:
        return None
    mention = after[0]
    if re.search(r"[;.,]", text[position : mention.start]):
        return None
    words = [t.word for t in tokens if t.start >= position and t.end <= mention.start]
    if len(words) > 3 or any(w not in rules.OBJECT_LEAD for w in words):
        return None
    return None if mention.role == UNKNOWN else mention.role
