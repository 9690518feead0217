"""Fitting text into boxes: shrink to fit, then two lines, never outside the box."""
from __future__ import annotations

from dataclasses import dataclass

from cert_xblock.rendering.shaping import Line, break_candidates, shape_line

LINE_GAP = 1.05  # line pitch in units of the font's ascent-descent, for two-line names


@dataclass(frozen=True)
class Box:
    x: float
    y: float  # bottom edge
    w: float
    h: float

    @property
    def top(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w

    def overlaps(self, other: Box) -> bool:
        return self.x < other.right and other.x < self.right and self.y < other.top and other.y < self.top


@dataclass(frozen=True)
class PlacedLine:
    line: Line
    x: float  # left edge of the line's advance box
    baseline: float
    size: float

    @property
    def width(self) -> float:
        return self.line.width * self.size / 1000

    @property
    def extent(self) -> Box:
        """The box the line occupies: its advances horizontally, the fonts' ascent and descent vertically."""
        bottom = self.baseline + self.line.descent * self.size
        return Box(self.x, bottom, self.width, (self.line.ascent - self.line.descent) * self.size)


@dataclass(frozen=True)
class Block:
    box: Box
    lines: tuple[PlacedLine, ...]
    size: float
    text: str = ""  # the whole text, with the space a break between lines took (tagged text keeps it)


def fit(text: str, role: str, box: Box, max_size: float, *, max_lines: int = 1, align: str = "center") -> Block:
    """Place cleaned text in the box at the largest size up to max_size, on one line or, when that is
    much smaller, on two; the result always lies inside the box."""
    if not text:
        return Block(box, (), max_size, text)
    one = shape_line(text, role)
    size = _size_for((one,), box, max_size)
    lines: tuple[Line, ...] = (one,)
    if max_lines >= 2 and size < 0.8 * max_size:
        two = _split(text, one, role)
        if two is not None:
            size_two = _size_for(two, box, max_size)
            if size_two > size:
                size, lines = size_two, two
    return Block(box, _place(lines, box, size, align), size, text)


def _em_height(lines: tuple[Line, ...]) -> float:
    return max(line.ascent for line in lines) - min(line.descent for line in lines)


def _size_for(lines: tuple[Line, ...], box: Box, max_size: float) -> float:
    height = _em_height(lines)
    pitch = height * (1 + LINE_GAP * (len(lines) - 1))
    size = min(max_size, box.h / pitch)
    widest = max(line.width for line in lines)
    if widest > 0:
        size = min(size, box.w * 1000 / widest)
    return size


def _split(text: str, line: Line, role: str) -> tuple[Line, Line] | None:
    """Break at the candidate that balances the two halves' widths best."""
    candidates = break_candidates(text)
    if not candidates:
        return None
    advance = [0] * (len(text) + 1)
    for run in line.runs:
        for glyph in run.glyphs:
            advance[glyph.cluster] += glyph.advance
    prefix = [0]
    for a in advance[:-1]:
        prefix.append(prefix[-1] + a)
    total = prefix[-1]

    def balance(i: int) -> int:
        right_start = i + 1 if text[i] == " " else i
        return max(prefix[i], total - prefix[right_start])

    best = min(candidates, key=balance)
    first, second = text[:best].rstrip(), text[best:].lstrip()
    if not first or not second:
        return None
    return shape_line(first, role), shape_line(second, role)


def _place(lines: tuple[Line, ...], box: Box, size: float, align: str) -> tuple[PlacedLine, ...]:
    height = _em_height(lines) * size
    ascent = max(line.ascent for line in lines) * size
    pitch = height * LINE_GAP
    total = height + pitch * (len(lines) - 1)
    top = box.y + (box.h + total) / 2
    placed = []
    for k, line in enumerate(lines):
        line_top = top - k * pitch
        baseline = line_top - ascent
        width = line.width * size / 1000
        if align == "center":
            x = box.x + (box.w - width) / 2
        elif align in ("left", "right"):  # the certificate's direction decided (a mirrored layout)
            x = box.x if align == "left" else box.right - width
        elif (align == "start") != line.rtl:
            x = box.x
        else:
            x = box.right - width
        placed.append(PlacedLine(line, x, baseline, size))
    return tuple(placed)
