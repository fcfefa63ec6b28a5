"""Tables as knowledge: a responsibility (RACI) matrix, a tick table, a table with a role per
column and text cells, or a table with a role per row.

A RACI or tick cell becomes a duty claim for the column's role: ``duty`` and ``text`` are
the row's activity, ``raci`` the letter ("x" for a tick). ``R`` and ``A`` say who carries
the activity; ``C`` and ``I`` are kept too, for what they are.
"""

from __future__ import annotations

import re

from bot.core.knowledge import Claim
from bot.core.roles import UNKNOWN
from bot.knowledge import claim_rules as rules
from bot.knowledge.claims import REPORTING, RESPONSIBILITIES, Source, heading_facet
from bot.knowledge.mentions import Folded, RoleFinder, tokens_of

_TICKS = frozenset("✓ ✔ ☑ ✅ x X ● • y Y yes Yes YES oui Oui".split())
_NONE = frozenset({"", "-", "–", "—", "n/a", "N/A", "no", "No", "non"})
_LETTERS = re.compile(r"^[RACI](?:\s*[/,+&]?\s*[RACI])*$")
_ORDER = "RACI"


def _role_of(cell: str, finder: RoleFinder) -> str | None:
    words = [t.word for t in tokens_of(Folded.of(cell))]
    if not words:
        return None
    role = finder.full_name(words)
    if role and role != UNKNOWN:
        return role
    found = [m for m in finder.mentions(tokens_of(Folded.of(cell))) if m.role != UNKNOWN]
    if len(found) == 1 and found[0].last - found[0].first >= len(words) - 1:
        return found[0].role
    return None


def _marks(cell: str) -> tuple[str, ...] | None:
    """The RACI letters or tick of a cell, () for an empty cell, None for text."""
    value = cell.strip()
    if value in _NONE:
        return ()
    if value in _TICKS:
        return ("x",)
    if _LETTERS.match(value):
        letters = [c for c in value if c.isalpha()]
        return tuple(sorted(dict.fromkeys(letters), key=_ORDER.index))
    return None


def column_roles(header: tuple[str, ...], finder: RoleFinder) -> dict[int, str]:
    return {i: r for i, cell in enumerate(header) if (r := _role_of(cell, finder))}


def is_matrix(rows: list[tuple[str, ...]], columns: dict[int, str]) -> bool:
    """Role columns whose cells are (mostly) letters or ticks."""
    if len(columns) < 2:
        return False
    cells = [row[i] for row in rows for i in columns if i < len(row)]
    marked = [c for c in cells if c.strip() not in _NONE]
    if not marked:
        return False
    return sum(_marks(c) is not None for c in marked) >= 0.8 * len(marked)


def table_claims(
    sources: list[Source], finder: RoleFinder, matrix: bool, section_roles: tuple[str, ...] = ()
) -> list[Claim]:
    """Claims of the rows of one table (``sources`` share its header); ``section_roles``
    the roles its headings scope it to (a key-value table under "Senior Project Manager")."""
    if not sources:
        return []
    header = sources[0].header
    columns = column_roles(header, finder)
    out: list[Claim] = []
    for source in sources:
        cells = source.cells
        activity_index = next((i for i in range(len(cells)) if i not in columns), None)
        if activity_index is None:
            continue
        activity = cells[activity_index].strip()
        if not activity:
            continue
        # role, facet, text, duty, raci, the role reported to
        drafts: list[tuple[str, str, str, str, str, str | None]] = []
        # A text cell's row label names what it tells ("Judged by"): its section.
        section = source.headings[-1] if source.headings else ""
        text_cells = bool(columns) and not matrix
        if columns and matrix:
            for i, role in sorted(columns.items()):
                marks = _marks(cells[i]) if i < len(cells) else ()
                for mark in marks or ():
                    drafts.append((role, RESPONSIBILITIES, activity, activity, mark, None))
        elif columns:
            if rules.NOT_KNOWLEDGE_ROW.match(_folded(activity)):
                continue  # "Location | Leeds" in a job's key-value table
            facet = _facet(activity)
            for i, role in sorted(columns.items()):
                cell = cells[i].strip() if i < len(cells) else ""
                if cell and _marks(cell) is None:
                    duty = cell if facet == RESPONSIBILITIES else ""
                    above = _reported_to(cell, role, finder) if facet == REPORTING else None
                    drafts.append((role, facet, cell, duty, "", above))
        else:
            # the role column: the one headed "Role" ("| Name | Role | What they do |"),
            # else the first
            role_index = next(
                (i for i, h in enumerate(header) if rules.ROLE_COLUMN.match(_folded(h))),
                activity_index,
            )
            role = _role_of(cells[role_index], finder) if role_index < len(cells) else None
            if role is None:
                if section_roles and len(cells) == 2 and not any(header):
                    drafts.extend(_labelled_row(cells, section_roles[0], finder))
                if not drafts:
                    continue
            for i, cell in enumerate(cells if role else ()):
                if i == role_index or not cell.strip() or i >= len(header):
                    continue
                if rules.PEOPLE_COLUMN.match(_folded(header[i])):
                    continue  # who holds the role today: names, not knowledge about it
                facet = _facet(header[i])
                duty = cell.strip() if facet == RESPONSIBILITIES else ""
                above = _reported_to(cell, role, finder) if facet == REPORTING else None
                drafts.append((role, facet, cell.strip(), duty, "", above))
        for n, (role, facet, text, duty, raci, above) in enumerate(drafts, start=1):
            out.append(
                Claim(
                    id=f"{source.passage}/c{n}",
                    passage=source.passage,
                    doc=source.doc,
                    roles=(role, above) if above else (role,),
                    facet=facet,
                    text=text,
                    language=source.language,
                    trust=source.trust,
                    section=activity if text_cells else section,
                    duty=duty,
                    raci=raci,
                    relation=(role, rules.REPORTS_TO, above) if above else None,
                )
            )
    return out


def _labelled_row(
    cells: tuple[str, ...], role: str, finder: RoleFinder
) -> list[tuple[str, str, str, str, str, str | None]]:
    """A key-value row ("Reports to | Head of Delivery") about the section's role."""
    facet, text = _facet(cells[0]), cells[1].strip()
    if facet == "other" or not text:
        return []
    duty = text if facet == RESPONSIBILITIES else ""
    above = _reported_to(text, role, finder) if facet == REPORTING else None
    return [(role, facet, text, duty, "", above)]


def _folded(label: str) -> str:
    return Folded.of(label).folded.strip()


def _reported_to(cell: str, role: str, finder: RoleFinder) -> str | None:
    """The role a "Reports to" cell names first ("The programme manager")."""
    found = [m.role for m in finder.mentions(tokens_of(Folded.of(cell))) if m.role != UNKNOWN]
    return found[0] if found and found[0] != role else None


def _facet(label: str) -> str:
    folded = Folded.of(label).folded
    if rules.DESCRIPTION_COLUMN.search(folded):
        return "definition"
    return heading_facet(folded) or "other"
