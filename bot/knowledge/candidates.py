"""Roles and aliases documents name that the role lexicon does not know yet.

A name is linked to another when a document says so: an acronym in parentheses ("senior
responsible owner (SRO)"), "X stands for Y", "X, also called Y", "X is <organisation>'s Y".
Linked names that include a known role's name are *aliases* of that role (used at once for
that document's claims, and proposed for ``intents/roles.yml``); linked names, headings and
sentence subjects that look like job titles and match no known name are *candidate roles*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.core.roles import UNKNOWN, RoleName
from bot.knowledge import claim_rules as rules
from bot.knowledge.claims import heading_facet
from bot.knowledge.mentions import Folded, RoleFinder, tokens_of

_TITLE_SPLIT = re.compile(r"\s+[–—|-]\s+|:\s+")
_CONNECTORS = frozenset("of the de du des d la le l and for".split())
_ACRONYM_AFTER = re.compile(r"\(([A-Z][A-Za-z0-9&]{1,7})\)")
_ACRONYM_BEFORE = re.compile(r"\b([A-Z][A-Z0-9&]{1,7}[a-z]?)\s+\(([^()]{3,80})\)")
_STANDS_FOR = re.compile(
    r"\b([A-Z][A-Za-z0-9&]{1,7})\s+(?:stands for|is short for|signifie|veut dire)\s+"
    r"(?:the |an? |le |la |l')?([^.;,()]{3,80})"
)
_WORDS = re.compile(r"[\w'&-]+")
_SUBJECT = re.compile(
    r"^(?:The|A|An|Each|Our|Le|La|Les|Un|Une|Chaque)\s+((?:[\w'-]+\s+){0,5}?[\w'-]+)"
    r"\s*(?:\([A-Z][A-Za-z0-9]{1,7}\))?,?\s+(?:is|are|was|makes|reports|leads|runs|owns|chairs|"
    r"decides|approves|sets|keeps|supports|directs|appoints|meets|est|sont|rend|preside|"
    r"valide|pilote)\b"
)
_POSSESSIVE_ALIAS = re.compile(
    r"(?:^|[^\w])((?:[A-Z][\w-]*\s+){0,4}[A-Z][\w-]*)\s*(?:\(([A-Z][A-Za-z0-9]{1,7})\))?,?\s+"
    r"(?:is\s+)?(?:our|the [a-z]+'s|(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*'s)\s+"
    r"([\w -]{2,50}?)(?=[.,;)]|$)"
)
POSSESSIVE = "is the organisation's"
# What may stand before a possessive alias's name: nothing, a clause boundary or "and", and
# an article; not "The head of the ..." (the name is then not what the sentence is about).
_OPENS_CLAUSE = re.compile(r"(?:^|[,;:(]|\band|\bet)\s*(?:(?:the|The|le|Le|la|La|l'|L')\s+)?$")
# "The Investment Owner is the project sponsor", "Project Support is a project coordinator
# or the PMO", "the Executive (the project sponsor) owns ...", "the Change Lead acts as the
# project manager": a section's own name for a known role, said in its text (folded).
_IS_ROLE_LINK = (
    r"\s*(?:,? who is\b|, which is\b"
    r"|\bis (?:also |elsewhere |usually )?(?:called|named|known as)\b"
    r"|\b(?:is|are) (?:usually |normally |typically |often |always )?(?:provided|carried out"
    r"|done|filled|held|performed|played|taken on|taken) by\b"
    r"|\bplays the (?:role|part) of\b|\btakes the (?:role|part) of\b|\bmaps to\b"
    r"|\bis equivalent to\b|\bcorresponds to\b|\bis what(?: [\w-]+){0,4} calls?\b"
    r"|\bacts as\b|\bserves as\b|\bjoue le role d[eu]\b|\bcorrespond (?:a|au)\b"
    r"|\best (?:tenue?|assuree?) par\b|,|\(|\bis\b|\best\b)\s*"
    r"(?:(?:the|a|an|our|le|la|l'|un|une|what|ce que) )?"
)
# Where a section's name may stand in its sentence: opening it or a clause of it ("...;
# the Executive is ...", "..., and Project Support is ..."), not in the middle of a phrase.
_NAME_OPENS = (
    r"(?:^|[,;:(]\s*|\band\s+|\bet\s+|\bthat\s+|^[^,;]{0,40}?\s|;\s*[^,;]{0,40}?\s)"
    r"(?:(?:the|a|an|le|la|l'|un|une) )?"
)
IS_ROLE = "is the known role"
# Words between the link and the known role it names ("is in effect the project sponsor").
_BEFORE_ROLE = frozenset(
    """the a an our their its project's programme's program's effectively essentially
    in effect really also usually normally le la l un une""".split()
)
# A role named as the label of a list item or paragraph ("Module owner — keeps ...").
_LABEL_NAME = re.compile(
    r"^([A-Z][\w'-]*(?: [\w'-]+){0,4})\s*(?:\([^)]{1,40}\))?\s*(?::|—|–| - )\s"
)
_STOP_RIGHT = frozenset(
    "is are was which who that and or for in at on with to as it its est qui".split()
)


@dataclass
class Group:
    """Names a document links together (first seen first), with where each was seen."""

    names: list[str] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)


def _words(text: str) -> list[str]:
    return [t.word for t in tokens_of(Folded.of(text))]


def key(name: str) -> str:
    return " ".join(_words(name))


def title_like(text: str) -> bool:
    """A short phrase ending (or, in French, starting) with a job title's head word."""
    words = _words(text)
    if not words or len(words) > 6 or any(w.isdigit() for w in words):
        return False
    if words[0] in rules.NOT_TITLE_WORDS and words[0] not in ("head",):
        return False
    middle = [w for w in words[1:-1] if w in rules.NOT_TITLE_WORDS and w not in _CONNECTORS]
    if middle:
        return False
    last = words[-1][:-1] if words[-1].endswith("s") else words[-1]
    return (
        last in rules.TITLE_HEADS
        or words[-1] in rules.TITLE_HEADS
        or (words[0] in rules.TITLE_HEADS_FIRST and len(words) > 1)
    )


def _initials(name: str, with_connectors: bool) -> str:
    out = []
    for word in _WORDS.findall(name):
        if word.lower() in _CONNECTORS and not with_connectors:
            continue
        out.append(word if word.isupper() and len(word) > 1 else word[0].upper())
    return "".join(out)


def _matches(name: str, acronym: str) -> bool:
    wanted = acronym.upper().replace("&", "")
    return wanted in (
        _initials(name, False).replace("&", ""),
        _initials(name, True).replace("&", ""),
    )


def _name_before(text: str, acronym: str) -> str | None:
    """The words just before "(ACR)" whose initials spell the acronym."""
    words = _WORDS.findall(text)
    for size in range(1, min(len(words), 7) + 1):
        candidate = " ".join(words[-size:])
        if _matches(candidate, acronym):
            start = text.rfind(words[-size])
            return text[start:].strip()
    return None


def _right_phrase(text: str) -> str:
    words = []
    for word in _WORDS.findall(re.split(r"[.,;:()]", text, maxsplit=1)[0]):
        if word.lower() in _STOP_RIGHT:
            break
        words.append(word)
        if len(words) == 6:
            break
    while words and words[0].lower() in ("the", "a", "an", "le", "la", "les", "un", "une"):
        words.pop(0)
    return " ".join(words)


def _left_phrase(text: str, sentence: str) -> str:
    text = _ACRONYM_AFTER.sub("", text).rstrip(" ,")
    words = _WORDS.findall(text)
    if words and words[-1].lower() in rules.PRONOUNS:
        subject = _SUBJECT.match(sentence)
        return subject.group(1) if subject else ""
    phrase: list[str] = []
    for word in reversed(words):
        if word.lower() in rules.NOT_TITLE_WORDS and word.lower() not in _CONNECTORS:
            break
        phrase.insert(0, word)
        if len(phrase) == 6:
            break
    while phrase and phrase[0].lower() in _CONNECTORS:
        phrase.pop(0)
    return " ".join(phrase)


def links(sentence: str) -> list[tuple[str, str, str]]:
    """(name, other name, how) pairs a sentence states."""
    out: list[tuple[str, str, str]] = []
    for match in _ACRONYM_AFTER.finditer(sentence):
        name = _name_before(sentence[: match.start()], match.group(1))
        if name:
            out.append((name, match.group(1), "acronym"))
    for match in _ACRONYM_BEFORE.finditer(sentence):
        expansion = match.group(2).strip()
        if _matches(expansion, match.group(1)):
            out.append((expansion, match.group(1), "acronym"))
    for match in _STANDS_FOR.finditer(sentence):
        expansion = _right_phrase(match.group(2))
        if expansion:
            out.append((expansion, match.group(1), "stands for"))
    for match in rules.ALIAS_CUES.finditer(Folded.of(sentence).folded):
        folded = Folded.of(sentence)
        start, end = folded.start(match.start()), folded.end(match.end())
        left = _left_phrase(sentence[:start], sentence)
        right = _right_phrase(sentence[end:])
        if left and right:
            out.append((left, right, "also called"))
    for match in _POSSESSIVE_ALIAS.finditer(sentence):
        left, acronym, right = match.group(1), match.group(2), match.group(3)
        if not _OPENS_CLAUSE.search(sentence[: match.start(1)]):
            continue  # "The head of the Transformation Office is our PMO manager" names the head
        left = re.sub(r"^(?:The|A|An|Le|La|Les|L')\s+", "", left)
        out.append((left, right.strip(), POSSESSIVE))
        if acronym:
            out.append((left, acronym, "acronym"))
    return out


@dataclass(frozen=True)
class DocumentNames:
    aliases: dict[str, list[str]]  # role id -> names this document gives it
    candidates: list[Group]
    alias_seen: dict[str, list[str]]


def document_names(
    doc: str, headings: list[tuple[str, int]], sentences: list[tuple[str, int]], finder: RoleFinder
) -> DocumentNames:
    """Aliases and candidate roles one document states."""
    parent: dict[str, str] = {}
    display: dict[str, str] = {}
    seen: dict[str, list[str]] = {}
    order: dict[str, int] = {}

    def find(k: str) -> str:
        while parent.setdefault(k, k) != k:
            k = parent[k]
        return k

    def note(name: str, where: str) -> str:
        k = key(name)
        display.setdefault(k, name.strip())
        order.setdefault(k, len(order))
        seen.setdefault(k, []).append(where)
        find(k)
        return k

    stated: set[str] = set()
    titles = {
        re.sub(r"^(?:the|a|an|le|la|les|l) ", "", key(_TITLE_SPLIT.split(h)[0]))
        for h, _ in headings
    }
    ordered = sorted(headings, key=lambda h: h[1])
    for sentence, line in sentences:
        section = _section_at(ordered, line)
        linked = _section_names_for_roles(sentence, titles, finder)
        pronoun = _section_pronoun_role(sentence, section, finder)
        if pronoun is not None and not linked:
            linked = [pronoun]
        for name, role_name in linked:
            stated.add(key(name))  # the document says so: no need to look like a job title
            a = note(name, f"{doc}:{line} {IS_ROLE}")
            b = note(role_name, f"{doc}:{line} {IS_ROLE}")
            parent[find(a)] = find(b)
        for left, right, how in links(sentence):
            if how == POSSESSIVE:
                right = _role_named_last(right, finder)
                if right is None:
                    continue
            if not key(left) or not key(right) or key(left) == key(right):
                continue
            a = note(left, f"{doc}:{line} {how}")
            b = note(right, f"{doc}:{line} {how}")
            parent[find(a)] = find(b)
        if rules.CLUTTER.search(Folded.of(sentence).folded):
            continue  # "The harbour office is open from 9:00" names no role
        subject = _SUBJECT.match(sentence)
        if subject and title_like(subject.group(1)) and len(_words(subject.group(1))) >= 2:
            note(subject.group(1), f"{doc}:{line} subject")
        label = _LABEL_NAME.match(sentence)  # "Release manager: coordinates ..." on a team page
        if (
            label
            and title_like(label.group(1))
            and len(_words(label.group(1))) >= 2
            and heading_facet(Folded.of(label.group(1)).folded) is None
            and not rules.METADATA_LABEL.match(Folded.of(label.group(1)).folded)
        ):
            note(label.group(1), f"{doc}:{line} label")
    for heading, line in headings:
        heading = _TITLE_SPLIT.split(heading)[0]
        if heading_facet(Folded.of(heading).folded) is not None:
            continue  # "Duties of the Change Lead" is a section about a role, not a title
        if title_like(heading) and len(_words(heading)) >= 2:
            note(heading, f"{doc}:{line} heading")
    # "the Portfolio Board" after "the Corporate Portfolio Board": the same body, shortened.
    keys = sorted(order, key=order.__getitem__)
    sizes: dict[str, int] = {}
    for k in keys:
        sizes[find(k)] = sizes.get(find(k), 0) + 1
    for short in keys:
        if len(short.split()) < 2 or sizes[find(short)] > 1 or finder.full_name(short.split()):
            continue
        longer = [
            k
            for k in keys
            if k != short
            and k.endswith(" " + short)
            and title_like(k)
            and not finder.full_name(k.split())
        ]
        if longer:
            parent[find(short)] = find(longer[0])
    groups: dict[str, list[str]] = {}
    for k in keys:
        groups.setdefault(find(k), []).append(k)
    aliases: dict[str, list[str]] = {}
    alias_seen: dict[str, list[str]] = {}
    candidates: list[Group] = []
    for members in groups.values():
        roles = {finder.full_name(k.split()) for k in members} - {None}
        known = roles - {UNKNOWN}
        if len(known) == 1:
            role = known.pop()
            fresh = [
                k
                for k in members
                if finder.full_name(k.split()) is None
                and (title_like(display[k]) or display[k].isupper() or k in stated)
            ]
            if fresh:
                aliases.setdefault(role, []).extend(display[k] for k in fresh)
                alias_seen.setdefault(role, []).extend(w for k in fresh for w in seen[k])
            continue
        if known:
            continue
        names = [k for k in members if not _variant_of_known(k, finder)]
        if not names or not any(title_like(display[k]) for k in names):
            continue
        group = Group([display[k] for k in names], [w for k in names for w in seen[k]])
        candidates.append(group)
    return DocumentNames(aliases, candidates, alias_seen)


def _section_names_for_roles(
    sentence: str, titles: set[str], finder: RoleFinder
) -> list[tuple[str, str]]:
    """(the section's name, the known role's name) when a sentence says a heading's name is
    a known role: "The Change Lead is the project manager of the initiative" under "2.2
    Change Lead". Only a heading's name counts, so "A PMO is a team that ..." links
    nothing."""
    folded = Folded.of(sentence)
    out: list[tuple[str, str]] = []
    for title in sorted(titles, key=len, reverse=True):
        if not title or finder.full_name(title.split()) is not None:
            continue  # already a known name
        pattern = rf"{_NAME_OPENS}({re.escape(title)})\b(?: role| post)?{_IS_ROLE_LINK}"
        # every place the name opens a clause: "The Executive is the single person ...;
        # in Tarnwick usage the Executive is the project sponsor" links at the second
        for match in re.finditer(pattern, folded.folded):
            tokens = tokens_of(Folded.of(folded.folded[match.end() :]))
            found = finder.mentions(tokens)
            if not found or found[0].role == UNKNOWN:
                continue
            lead = [t.word for t in tokens[: found[0].first]]
            if len(lead) > 3 or any(w not in _BEFORE_ROLE for w in lead):
                continue  # "... is the project's sponsor", "is effectively the sponsor"
            name = sentence[folded.start(match.start(1)) : folded.end(match.end(1))]
            out.append((name, " ".join(t.word for t in tokens[found[0].first : found[0].last])))
            break
    return out


# "On a small project it is a project coordinator; on larger ones the PMO provides it":
# the section's pronoun said to be a known role, the role ending its clause.
_PRONOUN_IS_ROLE = re.compile(
    r"(?:^|[,;:]\s*|^[^,;]{0,40}?\s)(?:it|this role|ce role|il|elle) "
    r"(?:is|est) (?:usually |normally |often |typically )?(?:a|an|the|un|une|le|la) "
    r"([\w' -]{3,50}?)\s*(?=[,;.]|$| or | ou )"
)


def _section_pronoun_role(
    sentence: str, section: str | None, finder: RoleFinder
) -> tuple[str, str] | None:
    """(the section's name, the known role's name) when a sentence in the section of an
    unknown name says "it is a <known role>"."""
    if not section or finder.full_name(key(section).split()) is not None:
        return None
    match = _PRONOUN_IS_ROLE.search(Folded.of(sentence).folded)
    if match is None:
        return None
    words = key(match.group(1)).split()
    role = finder.full_name(words)
    if role is None or role == UNKNOWN:
        return None
    return section, " ".join(words)


def _section_at(headings: list[tuple[str, int]], line: int) -> str | None:
    """The name of the heading a line sits under ("4.3.5 Project Support" -> "Project
    Support"), when it looks like a name (a few words, no facet)."""
    above = [h for h, at in headings if at <= line]
    if not above:
        return None
    name = re.sub(r"^\s*(?:\d+(?:\.\d+)*\.?|[A-Z]\.)\s+", "", _TITLE_SPLIT.split(above[-1])[0])
    name = re.sub(r"^(?:The|A|An|Le|La|Les|L')\s+", "", name.strip())
    if not name or len(_words(name)) > 4 or heading_facet(Folded.of(name).folded) is not None:
        return None
    return name


def _role_named_last(phrase: str, finder: RoleFinder) -> str | None:
    """The known role name a phrase ends with ("portfolio-level PMO" -> "PMO")."""
    tokens = tokens_of(Folded.of(phrase))
    found = finder.mentions(tokens)
    if found and found[-1].last == len(tokens) and found[-1].role != UNKNOWN:
        return " ".join(t.word for t in tokens[found[-1].first : found[-1].last])
    return None


def _variant_of_known(name_key: str, finder: RoleFinder) -> bool:
    """A known role with a qualifier ("senior project manager"): not a new role."""
    words = name_key.split()
    found = finder.lexicon.find(words, fuzzy=False)
    return bool(found) and found[-1].end == len(words) and found[-1].role != UNKNOWN


def alias_names(aliases: dict[str, list[str]]) -> list[RoleName]:
    return [RoleName(role, tuple(_words(n))) for role, names in aliases.items() for n in names]


def role_id(name: str) -> str:
    return "_".join(_words(name)).replace("'", "")


def candidate_yaml(role: str, names: list[str]) -> str:
    lines = [f"  - synonym: {role}", "    examples: |"]
    lines += [f"      - {n}" for n in names]
    return "\n".join(lines) + "\n"


def alias_yaml(role: str, names: list[str]) -> str:
    lines = [f"  # in intents/roles.yml, under '- synonym: {role}':"]
    lines += [f"      - {n}" for n in names]
    return "\n".join(lines) + "\n"
