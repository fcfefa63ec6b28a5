"""Sets of small non-negative integers (item indices) as Python integers: bit i for item i.

Intersections and unions of thousands of items are then one C-level operation on machine
words instead of a Python step per item.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

# Below this many items wanted, bits are picked one at a time; above, the binary digits
# are scanned once.
_FEW = 16


def bits_of(indices: Iterable[int]) -> int:
    """The set of these items (one pass over a byte buffer, not a big integer per item)."""
    items = list(indices)
    if len(items) <= 1:
        return 1 << items[0] if items else 0
    buffer = bytearray((max(items) >> 3) + 1)
    for item in items:
        buffer[item >> 3] |= 1 << (item & 7)
    return int.from_bytes(buffer, "little")


def partition(sets: Sequence[int], within: int | None = None) -> list[tuple[tuple[int, ...], int]]:
    """The items of the union of ``sets`` (or of ``within``, restricted to that union) in
    classes by which of the sets hold them: (positions in ``sets`` of those holding the
    class, ascending; the class's items). Classes are never empty; their number is at most
    the number of items, and small when items share their sets, as examples that share
    the words of one question do."""
    classes: list[tuple[tuple[int, ...], int]] = []
    reached = 0
    for position, members in enumerate(sets):
        if within is not None:
            members &= within
        if members & reached:
            split: list[tuple[tuple[int, ...], int]] = []
            for held, group in classes:
                inside = group & members
                if not inside:
                    split.append((held, group))
                elif inside == group:
                    split.append(((*held, position), group))
                else:
                    split.append(((*held, position), inside))
                    split.append((held, group ^ inside))
            classes = split
        fresh = members & ~reached
        if fresh:
            classes.append(((position,), fresh))
        reached |= members
    return classes


def lowest(bits: int, count: int) -> list[int]:
    """The ``count`` smallest items of ``bits``, ascending."""
    if count <= 0 or not bits:
        return []
    if count <= _FEW or bits.bit_count() <= _FEW:
        found = []
        while bits and len(found) < count:
            low = bits & -bits
            found.append(low.bit_length() - 1)
            bits ^= low
        return found
    digits = format(bits, "b")[::-1]
    found = []
    at = digits.find("1")
    while at >= 0 and len(found) < count:
        found.append(at)
        at = digits.find("1", at + 1)
    return found


def first(bits: int) -> int:
    """The smallest item of a non-empty set."""
    return (bits & -bits).bit_length() - 1
