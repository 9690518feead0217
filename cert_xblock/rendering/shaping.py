"""Text to positioned glyphs: cleaning, bidi levels, per-run font fallback, shaping.

Bidi levels come from python-bidi (the Unicode Bidirectional Algorithm); shaping (Arabic joining, marks,
ligatures, kerning) from HarfBuzz via uharfbuzz, so no script rule is written by hand here. Fonts come
per character from its script (``scripts``); a character no font has raises MissingGlyphs. The leftmost
glyph of each cluster carries the cluster's text (HarfBuzz cluster level "monotone characters"), so the
PDF gives the name back in logical order (see ``text_drawing.text_ops``).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import uharfbuzz as hb
from bidi import algorithm as _bidi

from cert_xblock.rendering.fonts import FontFile, font_chain, font_for, specialist
from cert_xblock.rendering.scripts import ROLES, SCRIPTS, Script, script_name, script_of
from cert_xblock.rendering.types import MissingGlyphs, RenderError

# Strong right-to-left, Arabic numbers and explicit embeddings: only these need the bidi algorithm.
_BIDI_TRIGGERS = frozenset({"R", "AL", "AN"})
# Explicit embeddings, overrides and isolates are dropped: invisible, they can only reorder what is printed
# (an override can show a name backwards), and a certificate must show the name as its letters read.
_BIDI_EXPLICIT = frozenset(map(chr, (*range(0x202A, 0x202F), *range(0x2066, 0x206A))))
_JOINERS = frozenset({"Mn", "Mc", "Me", "Cf", "Sk"})
_SPACES = re.compile(" {2,}")
_WHITESPACE_CONTROLS = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\u2028\u2029")


class Glyph(NamedTuple):
    gid: int
    cluster: int  # index in the line's text of the first character this glyph stands for
    # The characters this glyph stands for, in logical order. The leftmost glyph of each
    # cluster carries the cluster's text; its other glyphs have "" and are drawn as outlines, not text, so no
    # glyph maps to no text and every character is read once.
    text: str
    advance: int  # in thousandths of an em
    x_offset: int
    y_offset: int
    span: int  # the advance of the carrier's whole cluster: how far its text reaches in the PDF, so readers see no gap
    invisible: bool = False  # text only (render mode 3): the further characters of a conjunct or ligature


@dataclass(frozen=True)
class Run:
    font: FontFile
    glyphs: tuple[Glyph, ...]  # in visual (left-to-right) order
    width: int  # thousandths of an em
    rtl: bool


@dataclass(frozen=True)
class Line:
    text: str
    runs: tuple[Run, ...]  # in visual order
    width: int  # thousandths of an em
    rtl: bool  # paragraph direction
    ascent: float  # of the tallest font used, in ems
    descent: float  # negative, in ems
    # Some glyph stands for other than one character (a conjunct, a two-part vowel, a ligature) or is a
    # positioned mark, in a line with no right-to-left run: the PDF gives such a line /ActualText as well.
    complex: bool = False


def clean(text: str) -> str:
    """Line breaks and tabs become spaces; other control characters and explicit bidi controls are dropped;
    spaces are collapsed."""
    if text.isprintable() and text.strip(" ") == text and "  " not in text:  # isprintable: no Cc, no Cf
        return text if text.strip() else ""  # the usual case: nothing to clean
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        raise RenderError("The text contains invalid characters (unpaired surrogates).")
    out = []
    for ch in text:
        if ch in _WHITESPACE_CONTROLS:
            out.append(" ")
        elif unicodedata.category(ch) != "Cc" and ch not in _BIDI_EXPLICIT:
            out.append(ch)
    cleaned = _SPACES.sub(" ", "".join(out)).strip()
    if all(unicodedata.category(ch) in ("Zs", "Cf", "Zl", "Zp") for ch in cleaned):
        return ""
    return cleaned


def _levels(text: str) -> tuple[list[int], int]:
    """Resolved embedding level of every character, and the paragraph level (0 = LTR, 1 = RTL)."""
    if not any(unicodedata.bidirectional(ch) in _BIDI_TRIGGERS for ch in text):
        return [0] * len(text), 0
    # Characters unknown to this Python's Unicode database have no bidi class; most default to L.
    text = "".join(ch if unicodedata.bidirectional(ch) else "A" for ch in text)
    storage = _bidi.get_empty_storage()
    base = _bidi.get_base_level(text)
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    _bidi.get_embedding_levels(text, storage)
    for index, entry in enumerate(storage["chars"]):
        entry["index"] = index
    _bidi.explicit_embed_and_overrides(storage)
    _bidi.resolve_weak_types(storage)
    _bidi.resolve_neutral_types(storage, False)
    _bidi.resolve_implicit_levels(storage, False)
    levels = [-1] * len(text)
    for entry in storage["chars"]:
        levels[entry["index"]] = entry["level"]
    # Characters removed by rule X9 (boundary neutrals such as ZWJ) are invisible: give them their neighbour's level.
    last = base
    for i, level in enumerate(levels):
        if level < 0:
            levels[i] = last
        last = levels[i]
    # Rule L1: trailing whitespace goes back to the paragraph level.
    i = len(text) - 1
    while i >= 0 and unicodedata.bidirectional(text[i]) in ("WS", "B", "S", "BN"):
        levels[i] = base
        i -= 1
    return levels, base


def _choose_fonts(text: str, role: str) -> list[FontFile]:
    """The font of every character; MissingGlyphs when no available font has one of them."""
    chain = font_chain(role)
    primary = chain[0]
    if max(text) < "\u0530" and all(primary.has_glyph(ord(ch)) for ch in text):
        return [primary] * len(text)  # the usual case: the role's font has it all
    chosen: list[FontFile] = []
    missing: list[str] = []
    previous: FontFile | None = None
    for ch in text:
        cp = ord(ch)
        font = None
        script = script_of(cp)
        if script is not None and script.files:
            candidate = specialist(role, script)
            if candidate is not None and candidate.has_glyph(cp):
                font = candidate
        if font is None and previous is not None and _sticks_to_previous(ch) and (
            previous.has_glyph(cp) or is_ignorable(ch)
        ):
            font = previous
        if font is None:
            font = font_for(cp, role)
        if font is None:
            if not is_ignorable(ch):
                missing.append(ch)
            font = previous or primary
        chosen.append(font)
        previous = font
    if missing:
        raise MissingGlyphs("".join(dict.fromkeys(missing)), tuple(dict.fromkeys(map(script_name, map(ord, missing)))))
    return chosen


def is_ignorable(ch: str) -> bool:
    """Default-ignorable characters (joiners, variation selectors, format controls) need no glyph: HarfBuzz
    hides them when the font has none (Unicode 15 section 5.21)."""
    cp = ord(ch)
    return (
        unicodedata.category(ch) == "Cf"
        or 0xFE00 <= cp <= 0xFE0F
        or 0xE0000 <= cp <= 0xE0FFF
        or cp in (0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0)
        or 0x180B <= cp <= 0x180F
    )


def _sticks_to_previous(ch: str) -> bool:
    """Marks, joiners and neutral characters (spaces, punctuation, digits) stay in the current run."""
    return unicodedata.category(ch) in _JOINERS or unicodedata.bidirectional(ch) not in ("L", "R", "AL")


def _shape(text: str, start: int, end: int, font: FontFile, rtl: bool) -> Run:
    buf = hb.Buffer()
    buf.add_str(text, start, end - start)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    hb.shape(font.hb_font, buf, {})
    infos = buf.glyph_infos
    positions = buf.glyph_positions
    clusters = sorted({info.cluster for info in infos})
    cluster_end = dict(zip(clusters, [*clusters[1:], end], strict=True))
    spans: dict[int, int] = {}
    for info, pos in zip(infos, positions, strict=True):
        spans[info.cluster] = spans.get(info.cluster, 0) + pos.x_advance
    glyphs: list[Glyph] = []
    seen: set[int] = set()
    pending: list[tuple[int, str]] = []
    count = len(infos)
    for k, (info, pos) in enumerate(zip(infos, positions, strict=True)):  # visual order
        cluster = info.cluster
        glyph_text = ""
        rest = ""
        if cluster not in seen:  # the leftmost glyph of a cluster carries its text
            seen.add(cluster)
            glyph_text = text[cluster : cluster_end[cluster]]
            if info.codepoint == 0 and not all(map(is_ignorable, glyph_text)):
                missing = "".join(ch for ch in glyph_text if not is_ignorable(ch))
                raise MissingGlyphs(missing, tuple(dict.fromkeys(script_name(ord(ch)) for ch in missing)))
            if len(glyph_text) > 1:
                if rtl:
                    pass  # in logical order: ``text_drawing.text_ops`` shows each character of a ligature on its own
                elif unicodedata.category(glyph_text[0]) not in ("Mn", "Cf"):
                    glyph_text, rest = glyph_text[0], glyph_text[1:]
        glyphs.append(Glyph(info.codepoint, cluster, glyph_text, pos.x_advance, pos.x_offset, pos.y_offset,
                            spans[cluster] if glyph_text else 0))
        if rest:
            # A conjunct or ligature: its visible glyph carries the first character; the others follow as
            # invisible text (render mode 3) at the cluster's end, on a real glyph of one of them, so every
            # reader gets the characters in logical order without a glyph standing for a combining mark
            # and a letter at once (pdf.js gives such a glyph no width).
            pending.append((cluster, rest))
        if pending and (k + 1 == count or infos[k + 1].cluster != cluster):
            for _cluster, chars in pending:
                base = next((ch for ch in chars if not is_ignorable(ch)), "")
                gid = (font.hb_font.get_nominal_glyph(ord(base)) if base else None) or info.codepoint
                glyphs.append(Glyph(gid, _cluster, chars, 0, 0, 0, 0, invisible=True))
            pending.clear()
    return Run(font, tuple(glyphs), sum(g.advance for g in glyphs), rtl)


def shape_line(text: str, role: str) -> Line:
    """Shape one line of already cleaned text: bidi runs, font fallback per run, HarfBuzz shaping."""
    return _shape_line_cached(text, role)


@lru_cache(maxsize=4096)
def _shape_line_cached(text: str, role: str) -> Line:
    levels, base = _levels(text)
    fonts = _choose_fonts(text, role)
    for i in range(1, len(text) - 1):
        # A space between a right-to-left word and what follows at another level goes with what follows,
        # so it is not shown (and extracted) as part of the right-to-left run.
        if text[i] == " " and levels[i] != levels[i - 1] and fonts[i + 1].has_glyph(32):
            fonts[i] = fonts[i + 1]
    segments: list[tuple[int, int, int, FontFile]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or levels[i] != levels[start] or fonts[i] is not fonts[start]:
            segments.append((start, i, levels[start], fonts[start]))
            start = i
    if not segments:
        chain = font_chain(role)
        return Line(text, (), 0, False, chain[0].ascent / chain[0].upem, chain[0].descent / chain[0].upem)
    visual = _reorder(segments)
    runs = tuple(_shape(text, s, e, f, level % 2 == 1) for s, e, level, f in visual)
    used = {run.font for run in runs}
    return Line(
        text,
        runs,
        sum(run.width for run in runs),
        base == 1,
        max(f.ascent / f.upem for f in used),
        min(f.descent / f.upem for f in used),
        not any(run.rtl for run in runs)
        and any(len(g.text) != 1 or g.invisible or g.x_offset or g.y_offset for run in runs for g in run.glyphs),
    )


def coverage() -> list[tuple[Script, dict[str, tuple[str, ...] | None]]]:
    """For every script, the font files each role prints its sample name with; None when it cannot."""
    table = []
    for script in SCRIPTS:
        row: dict[str, tuple[str, ...] | None] = {}
        for role in ROLES:
            try:
                line = shape_line(script.sample, role)
            except MissingGlyphs:
                row[role] = None
            else:
                row[role] = tuple(dict.fromkeys(run.font.path for run in line.runs))
        table.append((script, row))
    return table


def _reorder(segments: list[tuple[int, int, int, FontFile]]) -> list[tuple[int, int, int, FontFile]]:
    """Rule L2 at run granularity: reverse every maximal sequence at level k or higher, from the highest k down."""
    result = list(segments)
    highest = max(seg[2] for seg in result)
    lowest_odd = min((seg[2] for seg in result if seg[2] % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(result):
            if result[i][2] >= level:
                j = i
                while j < len(result) and result[j][2] >= level:
                    j += 1
                result[i:j] = result[i:j][::-1]
                i = j
            else:
                i += 1
    return result


def break_candidates(text: str) -> list[int]:
    """Indices where a name may be broken into two lines: spaces first; else any grapheme boundary."""
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if spaces:
        return spaces
    return [
        i
        for i in range(1, len(text))
        if unicodedata.category(text[i]) not in _JOINERS and text[i - 1] not in "\u200d"
    ]
