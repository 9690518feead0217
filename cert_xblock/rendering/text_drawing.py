"""Text operators for one placed line (ISO 32000-1 9.4): glyphs as CIDs, positioned as HarfBuzz placed them.

Text extraction: the leftmost glyph of each HarfBuzz cluster is the text glyph; its ToUnicode entry is the
cluster's text (never empty). Every /W width is the embedded font program's advance (PDF/UA-1 7.21.5, PDF/A
6.2.11.5); kerning is a TJ adjustment. A cluster of several glyphs is filled as outlines and its text shown
invisibly (render mode 3) with the horizontal scaling (Tz, 9.3.4) that makes it span the cluster, so readers
see one glyph per cluster and no gaps; further characters of a conjunct and the characters of positioned marks
are invisible text at the pen. Readers read a right-to-left run glyph by glyph from the left and reverse it, a
glyph's characters too, so each character of a right-to-left ligature (lam-alef) is invisible text of its own
over its share of the ligature: ToUnicode stays in logical order and every reader gets U+0644 U+0627.
Tested with poppler, PDFium, pdf.js, PDFBox.
"""
from __future__ import annotations

from cert_xblock.rendering.fonts import FontFile
from cert_xblock.rendering.layout import PlacedLine
from cert_xblock.rendering.pdf import FontSet, FontSlot, pdf_string
from cert_xblock.rendering.shaping import Glyph


def color_op(hex_color: str, stroke: bool = False) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return f"{r:.3f} {g:.3f} {b:.3f} {'RG' if stroke else 'rg'}"


def text_ops(fonts: FontSet, placed: PlacedLine, color: str, space_after: bool = False) -> str:
    """Operators drawing one placed line, glyph by glyph as HarfBuzz positioned them, in visual order.

    A glyph that carries text is shown as a CID (its ToUnicode entry is that text, its width the font's); the
    extra glyphs of a cluster (an Indic vowel drawn in two parts, a mark a font adds) carry none and are filled
    as outlines after the text object, with the cluster's own glyph, whose text is then shown invisibly across
    the cluster, so extraction reads each cluster's characters exactly once and sees no gap.
    A left-to-right line whose glyphs are not one per character is wrapped in a /Span with /ActualText
    (ISO 32000-1 14.9.4). ``space_after``: the line ends where a break took a space, which is then shown as
    invisible text at the line's logical end, so tagged and extracted text keep the two words apart.
    """
    size = placed.size
    x = placed.x
    line = placed.line
    out = [color_op(color)]
    actual = not line.rtl and line.complex
    if actual:
        out.append("/Span << /ActualText " + pdf_string(line.text).decode("ascii") + " >> BDC")
    outlines: list[str] = []
    scale = size / 1000
    for run in line.runs:
        slot = fonts.slot(run.font)
        font = run.font
        tj = _ShowText(slot)
        pen = 0  # where HarfBuzz's pen is, in thousandths of an em from the run's start
        # Right-to-left with positioned marks (Hebrew points, Arabic harakat): one invisible text object with
        # every character at its pen, the glyphs filled as outlines where HarfBuzz put them, so readers that
        # split text objects at a mark (PDFium) read one run.
        hidden = run.rtl and any(g.x_offset or g.y_offset for g in run.glyphs)
        glyphs = run.glyphs
        for k, g in enumerate(glyphs):
            # Positioned marks, the glyphs of a cluster of several and their extra glyphs are filled as
            # outlines; their text (a mark's character, the further characters of a conjunct) is invisible
            # text at the pen, so the text position only moves forward and readers keep the characters with
            # their letter. So is a letter whose advance HarfBuzz changed when an invisible mark follows
            # it: a kerning move between them would part the mark from its letter (pdf.js).
            positioned = bool(g.x_offset or g.y_offset)
            several = g.span != g.advance or (not hidden and _kerned_before_mark(font, glyphs, k))
            drawn_as_text = g.text and not hidden and not g.invisible and not positioned and not several
            if not drawn_as_text and not g.invisible:
                outlines.append(_outline(font, g.gid, x + (pen + g.x_offset) * scale,
                                         placed.baseline + g.y_offset * scale, scale))
            if g.text and run.rtl and len(g.text) > 1 and g.advance and not g.invisible:
                # A right-to-left ligature (lam-alef, Allah): readers read a right-to-left run glyph by glyph
                # from the left and reverse it, a glyph's characters too, so each character is invisible text
                # over its share of the ligature, the last on the left.
                if drawn_as_text:
                    outlines.append(_outline(font, g.gid, x + pen * scale, placed.baseline, scale))
                share = g.advance / len(g.text)
                for j, ch in enumerate(reversed(g.text)):
                    gid = font.hb_font.get_nominal_glyph(ord(ch)) or g.gid
                    gid = gid if font.width(gid) else g.gid
                    part = g._replace(gid=gid, text=ch, advance=round(share * (j + 1)) - round(share * j))
                    tj.show(part._replace(span=part.advance), pen + round(share * j), invisible=True,
                            in_hidden=hidden, stretch=True, rtl=True)
            elif g.text:
                shown = g
                if run.rtl and len(g.text) > 1:
                    # Marks stacked on one letter (shin dot and qamats) in the order readers reverse them into:
                    # of different combining classes, either order is the same text (Unicode 15 section 3.11).
                    shown = g._replace(text=g.text[::-1])
                if several and not font.width(g.gid):
                    # A zero-width glyph cannot be scaled across its cluster: the text goes on another of it.
                    wide = [h.gid for h in glyphs if h.cluster == g.cluster and font.width(h.gid)]
                    shown = shown._replace(gid=wide[0]) if wide else shown
                tj.show(shown, pen, invisible=not drawn_as_text, in_hidden=hidden, stretch=several, rtl=run.rtl)
            pen += g.advance
        prefix = "3 Tr " if hidden else ""
        suffix = " 0 Tr" if hidden else ""
        out.append(f"BT /{slot.name} {size:.3f} Tf {x:.3f} {placed.baseline:.3f} Td {prefix}{tj.array()} TJ{suffix} ET")
        x += run.width * scale
    if space_after and line.runs:
        out.append(_invisible_space(fonts, placed))
    out.extend(op for op in outlines if op)
    if actual:
        out.append("EMC")
    return "\n".join(out)


def _invisible_space(fonts: FontSet, placed: PlacedLine) -> str:
    """An invisible space at the line's logical end: right of a left-to-right line, left of a right-to-left one."""
    run = placed.line.runs[0 if placed.line.rtl else -1]
    gid = run.font.hb_font.get_nominal_glyph(32)
    if not gid:
        return ""
    slot = fonts.slot(run.font)
    width = run.font.width(gid) * placed.size / 1000
    x = placed.x - width if placed.line.rtl else placed.x + placed.width
    return (f"BT /{slot.name} {placed.size:.3f} Tf {x:.3f} {placed.baseline:.3f} Td 3 Tr "
            f"[<{slot.cid(gid, ' '):04X}>] TJ 0 Tr ET")


def _kerned_before_mark(font: FontFile, glyphs: tuple[Glyph, ...], k: int) -> bool:
    """Glyph k's advance is not the font's (kerning) and an invisible zero-width mark or character follows."""
    if k + 1 == len(glyphs) or glyphs[k].advance == font.width(glyphs[k].gid):
        return False
    after = glyphs[k + 1]
    return not after.advance and bool(after.x_offset or after.y_offset or after.invisible)


class _ShowText:
    """The TJ array of one run: glyphs shown at HarfBuzz's pen, with the moves between them (kerning and
    cluster positioning as TJ adjustments, ISO 32000-1 9.4.3)."""

    def __init__(self, slot: FontSlot) -> None:
        self.slot = slot
        self.parts: list[str] = []
        self.pending: list[str] = []
        self.cursor = 0  # where the PDF's text position is, in thousandths of an em

    def _flush(self) -> None:
        if self.pending:
            self.parts.append("<" + "".join(self.pending) + ">")
            self.pending = []

    def show(self, g: Glyph, pen: int, invisible: bool, in_hidden: bool = False, stretch: bool = False,
             rtl: bool = False) -> None:
        """Show the glyph's text at `pen`: visible with the font's advance, or invisible (render mode 3); an
        invisible one that `stretch`es is scaled horizontally to its cluster's width, one that spans nothing (a
        mark, the further characters of a conjunct) to a thousandth of an em (never a zero scale)."""
        cid = f"{self.slot.cid(g.gid, g.text):04X}"
        width = self.slot.font.width(g.gid)
        target = g.span if stretch else 0 if g.span else 1
        if g.invisible and target == 1 and not rtl:
            pen -= 1  # a conjunct's further characters end where it ends, so readers keep them with it
        if pen != self.cursor:
            self._flush()
            self.parts.append(str(self.cursor - pen))
        if not invisible:
            self.pending.append(cid)
            self.cursor = pen + width
            return
        self._flush()
        mode, reset = ("", "") if in_hidden else ("3 Tr ", " 0 Tr")
        if width > 0 and target > 0 and target != width:
            self.parts.append(f"] TJ {mode}{target * 100 / width:.4f} Tz [<{cid}>] TJ 100 Tz{reset} [")
            self.cursor = pen + target
        else:
            self.parts.append(f"<{cid}>" if in_hidden else f"] TJ 3 Tr [<{cid}>] TJ 0 Tr [")
            self.cursor = pen + width

    def array(self) -> str:
        self._flush()
        return "[" + " ".join(self.parts) + "]"


def _outline(font: FontFile, gid: int, x: float, y: float, scale: float) -> str:
    path = font.outline(gid)
    return f"q {scale:.5f} 0 0 {scale:.5f} {x:.3f} {y:.3f} cm {path} Q" if path else ""
