"""The Teams app icons, drawn in code (``python -m bot.platforms.teams.icons DIR`` writes them).

- ``color.png``: 192x192, a white speech bubble holding two role dots on the accent colour;
- ``outline.png``: 32x32, the same bubble in white on a transparent background.
"""

from __future__ import annotations

import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

RGBA = tuple[int, int, int, int]
Shape = Callable[[float, float], bool]

ACCENT: RGBA = (0x3D, 0x5A, 0x98, 255)
SECOND: RGBA = (0xF2, 0xA3, 0x3A, 255)
WHITE: RGBA = (255, 255, 255, 255)
CLEAR: RGBA = (255, 255, 255, 0)
SUPERSAMPLE = 4


def png(width: int, height: int, pixels: list[RGBA]) -> bytes:
    """Encode RGBA pixels (row-major) as a PNG file."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(
        b"\x00" + bytes(c for px in pixels[y * width : (y + 1) * width] for c in px)
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def _rounded_rect(x0: float, y0: float, x1: float, y1: float, r: float) -> Shape:
    def inside(x: float, y: float) -> bool:
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            return False
        dx = max(x0 + r - x, 0.0, x - (x1 - r))
        dy = max(y0 + r - y, 0.0, y - (y1 - r))
        return dx * dx + dy * dy <= r * r

    return inside


def _triangle(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> Shape:
    def side(p: tuple[float, float], q: tuple[float, float], x: float, y: float) -> float:
        return (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0])

    def inside(x: float, y: float) -> bool:
        s1, s2, s3 = side(a, b, x, y), side(b, c, x, y), side(c, a, x, y)
        return (s1 >= 0 and s2 >= 0 and s3 >= 0) or (s1 <= 0 and s2 <= 0 and s3 <= 0)

    return inside


def _circle(cx: float, cy: float, r: float) -> Shape:
    return lambda x, y: (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def _bubble(size: float) -> tuple[Shape, Shape, Shape]:
    """Bubble body, left dot, right dot, in a square of side ``size``."""
    s = size / 192
    body = _rounded_rect(40 * s, 48 * s, 152 * s, 128 * s, 22 * s)
    tail = _triangle((62 * s, 120 * s), (92 * s, 120 * s), (54 * s, 152 * s))
    return (
        lambda x, y: body(x, y) or tail(x, y),
        _circle(76 * s, 88 * s, 15 * s),
        _circle(116 * s, 88 * s, 15 * s),
    )


def _render(size: int, layers: list[tuple[Shape, RGBA]], background: RGBA) -> list[RGBA]:
    """Paint ``layers`` in order over ``background``, antialiased by supersampling."""
    pixels: list[RGBA] = []
    n = SUPERSAMPLE
    for py in range(size):
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(n):
                for sx in range(n):
                    x, y = px + (sx + 0.5) / n, py + (sy + 0.5) / n
                    colour = background
                    for shape, fill in layers:
                        if shape(x, y):
                            colour = fill
                    for i in range(4):
                        acc[i] += colour[i]
            count = n * n
            pixels.append((acc[0] // count, acc[1] // count, acc[2] // count, acc[3] // count))
    return pixels


def color_icon() -> bytes:
    body, left, right = _bubble(192)
    layers = [(body, WHITE), (left, ACCENT), (right, SECOND)]
    return png(192, 192, _render(192, layers, ACCENT))


def outline_icon() -> bytes:
    body, left, right = _bubble(32)
    layers = [(body, WHITE), (left, CLEAR), (right, CLEAR)]
    return png(32, 32, _render(32, layers, CLEAR))


def write_icons(directory: Path) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    color, outline = directory / "color.png", directory / "outline.png"
    color.write_bytes(color_icon())
    outline.write_bytes(outline_icon())
    return color, outline


if __name__ == "__main__":
    for path in write_icons(Path(sys.argv[1] if len(sys.argv) > 1 else "teams")):
        print(path)
