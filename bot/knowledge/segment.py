"""Cut documents into attributable segments: a Q&A thread into its question and signed
answers, a compiled page into sentences, Markdown by heading, HTML by block."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from bot.knowledge import filters


@dataclass(frozen=True)
class Byline:
    name: str
    title: str | None = None
    organisation: str | None = None


@dataclass
class Segment:
    unit: str
    text: str
    line: int
    part: str  # question | answer | paragraph | sentence | list
    byline: Byline | None = None
    heading: str | None = None
    status: str = "knowledge"  # or filters.PROMOTIONAL, or filters.FRAGMENT
    headings: tuple[str, ...] = ()  # the headings above it, outermost first
    header: tuple[str, ...] = ()  # for a table row: the table's header cells
    cells: tuple[str, ...] = ()  # for a table row: its cells
    lead: str = ""  # for a list item: the paragraph introducing its list ("Duties include:")


@dataclass
class Dropped:
    line: int
    reason: str
    unit: str | None = None


@dataclass
class Segmented:
    segments: list[Segment] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


_QUESTION_BY = re.compile(
    r"^(?:question\s+ajout[ée]e\s+par|question\s+added\s+by|asked\s+by|question\s+by)\s+(.+)$",
    re.IGNORECASE,
)
_ANSWER_BY = re.compile(
    r"^(?:par|by|answered\s+by|answer\s+added\s+by|answer\s+by|answer\s+from|r[ée]ponse\s+de"
    r"|reply\s+from|posted\s+by)\s+(.+)$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*[•▪◦·*]\s*|^\s*-\s+(?=\S)")
_SENTENCE_END = re.compile(r"(?<=[.!?])([\"”»)]?)\s+(?=[\"“«(]?[A-ZÀ-Ý0-9-]|\.\.\.)")
_ABBREVIATIONS = frozenset(
    "etc. e.g. i.e. vs. mr. mrs. dr. no. inc. ltd. st. approx. cf. fig. p.".split()
)


def collapse(text: str) -> str:
    return " ".join(text.split())


# Professional credentials written after a name ("Jane Doe, PMP"): part of the name.
_CREDENTIALS = frozenset(
    "PMP CAPM PGMP PFMP PMI-ACP PMI-RMP PMI-SP PMI-PBA PRINCE2 MSP MOP P3O CSM CSPO PSM "
    "SAFE CBAP CCBA ECBA ITIL CPA CFA ACCA CISSP MBA MSC BSC PHD PENG CENG "
    "CHPP PMQ APMP".split()
)


def _is_credential(part: str) -> bool:
    return all(
        token.upper().replace(".", "") in _CREDENTIALS for token in re.split(r"[\s/]+", part)
    )


# "... (Head of PMO) on 4 Feb 2023": the date after a byline is not part of it.
_BYLINE_DATE = re.compile(
    r",?\s+(?:on|le)\s+(?:\w+,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+\w+\.?,?\s+\d{4}\b.*$"
    r"|,?\s+(?:on|le)\s+\d{4}-\d{2}-\d{2}\b.*$",
    re.IGNORECASE,
)


def parse_byline(rest: str) -> Byline:
    """A byline's name, job title and organisation.

    Layouts: "Name , Title , Company", "Name, Title at Company", "Name (Title, Company)".
    Credentials after the name stay with it ("John Smith, PMP" is the name, no title);
    commas after the title belong to the organisation ("Head of PMO at Acme, Inc.").
    """
    rest = _BYLINE_DATE.sub("", collapse(rest))
    paren = re.match(r"^(.+?)\s*\((.+)\)$", rest)
    if paren:
        name, inner = paren.group(1), paren.group(2)
        parts = [p.strip() for p in inner.split(",")]
        return Byline(name.strip(), parts[0] or None, ", ".join(parts[1:]) or None)
    parts = [p.strip() for p in rest.split(",") if p.strip()]
    if not parts:
        return Byline(rest)
    name_parts = 1
    while name_parts < len(parts) and _is_credential(parts[name_parts]):
        name_parts += 1
    name, others = ", ".join(parts[:name_parts]), parts[name_parts:]
    if not others:
        return Byline(name)
    if " at " in others[0]:
        title, org = others[0].rsplit(" at ", 1)
        return Byline(name, title.strip() or None, ", ".join([org.strip(), *others[1:]]))
    return Byline(name, others[0], ", ".join(others[1:]) or None)


def _lines(text: str) -> list[tuple[int, str]]:
    return [(n, line) for n, line in enumerate(text.splitlines(), start=1)]


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a whitespace-collapsed paragraph, each a verbatim substring of it."""
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        candidate = paragraph[start : match.start()].rstrip()
        last_word = candidate.rsplit(" ", 1)[-1].lower()
        closed = bool(match.group(1))
        if not closed and (last_word in _ABBREVIATIONS or re.search(r"\b[A-Z]\.$", candidate)):
            continue
        pieces.append(paragraph[start : match.end()].strip())
        start = match.end()
    pieces.append(paragraph[start:].strip())
    return [p for p in pieces if p]


class _Blocks:
    """Paragraph blocks from lines: consecutive non-blank lines, bullets merged into lists."""

    @staticmethod
    def of(lines: list[tuple[int, str]]) -> list[tuple[int, list[str]]]:
        blocks: list[tuple[int, list[str]]] = []
        current: list[str] = []
        first = 0
        for number, line in lines:
            if collapse(line):
                if not current:
                    first = number
                current.append(line)
            elif current:
                blocks.append((first, current))
                current = []
        if current:
            blocks.append((first, current))
        return blocks


def segment_qa_thread(text: str, title: str) -> Segmented:
    """The question and each answer, attributed from its byline; unsigned answers stay unsigned.

    A byline line ("par NAME , TITLE , COMPANY", "answered by ...") opens a signed answer;
    the line just above it repeating the name is part of the byline. A lone greeting
    ("Hello,") after an answer opens an unsigned answer. A thread without any byline keeps
    its first content block as the question and the rest as unsigned answers, a new one
    at each block that opens with a greeting; a warning says so.
    """
    out = Segmented()
    lines = _lines(text)
    question_at = next(
        (i for i, (_, ln) in enumerate(lines) if _QUESTION_BY.match(ln.strip())), None
    )
    signed = any(_ANSWER_BY.match(ln.strip()) for _, ln in lines)
    answers: list[tuple[Byline | None, list[tuple[int, str]]]] = []
    current: list[tuple[int, str]] | None = None
    if question_at is not None:
        title_index = _question_title(lines, question_at)
        _drop_chrome(lines[:title_index], out)
        number, line = lines[title_index]
        byline = parse_byline(_QUESTION_BY.match(lines[question_at][1].strip()).group(1))
        out.segments.append(Segment("q", collapse(line), number, "question", byline))
        question_line = number
        for n, ln in lines[title_index + 1 : question_at]:
            if collapse(ln):
                out.dropped.append(Dropped(n, filters.NAVIGATION))
        body = lines[question_at + 1 :]
    else:
        found = _first_content_block(lines)
        if found is None:
            _drop_chrome(lines, out)
            out.warnings.append((1, "no question found: nothing but page chrome"))
            return out
        start, stop = found
        _drop_chrome(lines[:start], out)
        question = collapse(" ".join(ln for _, ln in lines[start:stop]))
        question_line = lines[start][0]
        out.segments.append(Segment("q", question, question_line, "question"))
        body = lines[stop:]
        out.warnings.append((question_line, "the question has no byline: kept unsigned"))
    if not signed:
        out.warnings.append(
            (
                question_line,
                "no answer byline in this thread: the answers are kept unsigned "
                "(a new answer starts at each block opening with a greeting)",
            )
        )
        current = []
        answers.append((None, current))
    names_ahead = {
        i: parse_byline(m.group(1)).name
        for i, (_, ln) in enumerate(body)
        if (m := _ANSWER_BY.match(ln.strip()))
    }
    ended = False
    block_start = True
    for i, (number, line) in enumerate(body):
        stripped = collapse(line)
        if not stripped:
            if current is not None:
                current.append((number, ""))
            block_start = True
            continue
        opens_block, block_start = block_start, False
        if ended:
            out.dropped.append(Dropped(number, filters.junk_reason(stripped) or filters.NAVIGATION))
            continue
        if filters.is_end_of_thread(stripped):
            out.dropped.append(Dropped(number, filters.NAVIGATION))
            ended = True
            continue
        if i in names_ahead:
            current = []
            answers.append((parse_byline(_ANSWER_BY.match(stripped).group(1)), current))
            continue
        if names_ahead.get(_next_nonblank(body, i)) == stripped:
            continue  # the name line printed above its byline
        if filters.is_metadata(stripped):
            out.dropped.append(Dropped(number, filters.METADATA))
            continue
        greeting = filters.is_greeting(stripped)
        greeting_led = opens_block and (
            greeting or (not signed and filters.starts_with_greeting(stripped))
        )
        if greeting_led and current is not None:
            if _has_text(current):
                current = []
                answers.append((None, current))
            if greeting:
                out.dropped.append(Dropped(number, "greeting"))
                continue
        if current is None:
            out.dropped.append(Dropped(number, filters.junk_reason(stripped) or filters.NAVIGATION))
            continue
        current.append((number, line))
    for index, (byline, answer_lines) in enumerate(answers, start=1):
        heading = None
        paragraphs = _paragraphs(answer_lines, out)
        units = [p for p in paragraphs if p[2] != "heading"]
        segments: list[Segment] = []
        for number, para, kind in paragraphs:
            if kind == "heading":
                heading = para
                continue
            unit = f"a{index}" if len(units) == 1 else f"a{index}.{len(segments) + 1}"
            segments.append(Segment(unit, para, number, kind, byline, heading))
        _mark_promotional(segments, title)
        out.segments.extend(segments)
    return out


def _drop_chrome(lines: list[tuple[int, str]], out: Segmented) -> None:
    """Lines above the question: site chrome, whatever they say."""
    for number, line in lines:
        if collapse(line):
            out.dropped.append(Dropped(number, filters.junk_reason(line) or filters.NAVIGATION))


def _first_content_block(lines: list[tuple[int, str]]) -> tuple[int, int] | None:
    """Indexes (start, stop) in ``lines`` of the first block that is not page chrome."""
    for first, block in _Blocks.of(lines):
        text = collapse(" ".join(block))
        if filters.junk_reason(text) is None and not filters.is_metadata(text):
            start = first - lines[0][0]
            return start, start + len(block)
    return None


def _has_text(lines: list[tuple[int, str]]) -> bool:
    return any(collapse(ln) for _, ln in lines)


def _next_nonblank(body: list[tuple[int, str]], i: int) -> int:
    j = i + 1
    while j < len(body) and not collapse(body[j][1]):
        j += 1
    return j


def _question_title(lines: list[tuple[int, str]], question_at: int) -> int:
    """The last content line above the question byline is the question itself."""
    for i in range(question_at - 1, -1, -1):
        line = collapse(lines[i][1])
        if line and filters.junk_reason(line) is None:
            return i
    return question_at


def _paragraphs(lines: list[tuple[int, str]], out: Segmented) -> list[tuple[int, str, str]]:
    """(line, text, kind) with kind paragraph | list | heading; bullets merged into lists.

    A paragraph that introduces a list ("... the following roles -", "competencies:")
    keeps the headings and items that follow it, so the passage names what the list is
    about and is still a verbatim run of the document.
    """
    result: list[tuple[int, str, str]] = []
    blocks = _Blocks.of(lines)
    for i, (number, block) in enumerate(blocks):
        text = collapse(" ".join(block))
        if not text:
            continue
        if result and result[-1][2] == "intro" and _continues_list(text, block, i, blocks):
            first, previous, _ = result[-1]
            result[-1] = (first, f"{previous} {text}", "intro")
            continue
        if _BULLET.match(block[0]) and text[0] in "•▪◦·*":
            if result and result[-1][2] == "list":
                first, previous, _ = result[-1]
                result[-1] = (first, f"{previous} {text}", "list")
            else:
                result.append((number, text, "list"))
            continue
        reason = filters.junk_reason(text)
        if reason is not None:
            out.dropped.append(Dropped(number, reason))
            continue
        if filters.is_advertising(text):
            result.append((number, text, "paragraph"))
            continue
        followed = i + 1 < len(blocks)
        if len(block) == 1 and followed and filters.is_heading(text):
            out.dropped.append(Dropped(number, filters.HEADING))
            result.append((number, text.rstrip(" :–-"), "heading"))
            continue
        kind = "intro" if text.endswith((":", " -", "–")) and followed else "paragraph"
        result.append((number, text, kind))
    return [(n, t, "list" if k == "intro" else k) for n, t, k in result]


def _continues_list(text: str, block: list[str], i: int, blocks: list) -> bool:
    """An item, or a heading directly followed by items, under an introducing paragraph."""
    if _BULLET.match(block[0]):
        return True
    if len(block) == 1 and filters.is_heading(text) and i + 1 < len(blocks):
        return bool(_BULLET.match(blocks[i + 1][1][0]))
    return False


def segment_page(text: str, title: str) -> Segmented:
    """A compiled or plain page: paragraphs into sentences; clutter and cut sentences dropped.

    A sentence carrying sign-up, navigation or legal words anywhere was glued to page
    chrome and is dropped, even when it would otherwise be kept as a cut quote. Short
    title lines right after a promotion (the promoted books' titles) are promotion too.
    """
    out = Segmented()
    n = 0
    for number, block in _Blocks.of(_lines(text)):
        after_promotion = False
        for line_offset, raw in enumerate(block):
            paragraph = collapse(raw)
            line = number + line_offset
            if not paragraph:
                continue
            if collapse(title).lower() == paragraph.lower():
                out.dropped.append(Dropped(line, filters.HEADING))
                continue
            if after_promotion and filters.is_heading(paragraph):
                out.dropped.append(Dropped(line, filters.SELF_PROMOTION))
                continue
            reason = (
                filters.junk_reason(paragraph)
                if len(paragraph) < 400
                else filters.LINK_SPAM
                if filters.looks_like_link_list(paragraph)
                else None
            )
            after_promotion = reason == filters.SELF_PROMOTION
            if reason is not None:
                out.dropped.append(Dropped(line, reason))
                continue
            kept: list[Segment] = []
            for sentence in split_sentences(paragraph):
                n += 1
                unit = f"s{n}"
                why = (
                    filters.junk_reason(sentence)
                    or filters.embedded_clutter(sentence)
                    or filters.fragment_reason(sentence, title)
                )
                if why == filters.FRAGMENT:
                    # Kept as a citable quote, never used as an answer on its own.
                    out.segments.append(Segment(unit, sentence, line, "sentence", status=why))
                    out.dropped.append(Dropped(line, why, unit))
                    continue
                if why is not None:
                    out.dropped.append(Dropped(line, why, unit))
                    continue
                seg = Segment(unit, sentence, line, "sentence")
                kept.append(seg)
                out.segments.append(seg)
            _mark_promotional(kept, title)
    return out


def _mark_promotional(segments: list[Segment], title: str) -> None:
    """Mark the advertising among the segments of one answer, section or paragraph."""
    for seg, promotional in zip(
        segments, filters.promotional_flags([s.text for s in segments], title), strict=True
    ):
        if promotional:
            seg.status = filters.PROMOTIONAL


def segment_markdown(text: str, title: str) -> Segmented:
    """Sections by heading; each paragraph of a section is a passage under that heading."""
    out = Segmented()
    heading: str | None = None
    counters: dict[str, int] = {}
    sections: dict[str, list[Segment]] = {}
    section = 0
    for number, block in _Blocks.of(_lines(text)):
        first = block[0].strip()
        if first.startswith("#"):
            heading = first.lstrip("#").strip()
            section += 1
            out.dropped.append(Dropped(number, filters.HEADING))
            block = block[1:]
            if not block:
                continue
        para = collapse(" ".join(block))
        reason = filters.junk_reason(para)
        if reason is not None:
            out.dropped.append(Dropped(number, reason))
            continue
        key = f"h{section}"
        counters[key] = counters.get(key, 0) + 1
        kind = "list" if _BULLET.match(block[0]) else "paragraph"
        seg = Segment(f"{key}.{counters[key]}", para, number, kind, heading=heading)
        sections.setdefault(key, []).append(seg)
        out.segments.append(seg)
    for segments in sections.values():
        _mark_promotional(segments, title)
    return out


class _HTMLText(HTMLParser):
    _BLOCKS = frozenset("p div li h1 h2 h3 h4 h5 h6 br tr section article header footer".split())
    _SKIP = frozenset("script style nav footer header aside form noscript".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        if tag in self._BLOCKS:
            self.parts.append("\n\n")
        if tag.startswith("h") and tag[1:].isdigit():
            self.parts.append("# ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        if tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_markdown_text(html: str) -> str:
    parser = _HTMLText()
    parser.feed(html)
    return "".join(parser.parts)


def segment_html(text: str, title: str) -> Segmented:
    """HTML is reduced to headed paragraphs (navigation, scripts and footers removed)."""
    return segment_markdown(html_to_markdown_text(text), title)


SEGMENTERS = {
    "qa_thread": segment_qa_thread,
    "compiled_page": segment_page,
    "article": segment_page,
    "markdown": segment_markdown,
    "html": segment_html,
}
