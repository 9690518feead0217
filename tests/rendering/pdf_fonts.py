"""A validator of the embedded fonts of a PDF, built on pikepdf and fontTools: every glyph's /W width against
the font program's advance (PDF/UA-1 7.21.5 and PDF/A 6.2.11.5, which veraPDF checks to one unit), and every
ToUnicode entry of a glyph that stands for several characters.

Run it on files: ``python -m tests.rendering.pdf_fonts a.pdf b.pdf`` prints each problem and exits 1 if any.
"""
from __future__ import annotations

import io
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from fontTools.ttLib import TTFont

TOLERANCE = 1.0  # thousandths of an em: veraPDF's tolerance for /W against the font program


@dataclass(frozen=True)
class EmbeddedFont:
    name: str
    widths: dict[int, float]  # CID -> /W (or /DW) width
    advances: dict[int, float]  # CID -> the font program's advance, in thousandths of an em
    to_unicode: dict[int, str]
    shown: frozenset[int]  # the CIDs the page's content streams show


def _w_array(w: pikepdf.Array) -> dict[int, float]:
    """/W of a CIDFont (ISO 32000-1 9.7.4.3): ``c [w1 w2 ...]`` and ``c_first c_last w`` entries."""
    out: dict[int, float] = {}
    items = list(w)
    i = 0
    while i < len(items):
        first = int(items[i])
        if isinstance(items[i + 1], pikepdf.Array):
            for k, width in enumerate(items[i + 1]):
                out[first + k] = float(width)
            i += 2
        else:
            for cid in range(first, int(items[i + 1]) + 1):
                out[cid] = float(items[i + 2])
            i += 3
    return out


def _cmap(data: bytes) -> dict[int, str]:
    """bfchar and bfrange entries of a ToUnicode CMap (9.10.3)."""
    mapping: dict[int, str] = {}
    text = data.decode("latin-1")
    tokens = text.replace("<", " <").replace(">", "> ").replace("[", " [ ").replace("]", " ] ").split()
    section = ""
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in ("beginbfchar", "beginbfrange"):
            section = token
        elif token in ("endbfchar", "endbfrange"):
            section = ""
        elif section == "beginbfchar" and token.startswith("<"):
            mapping[int(token[1:-1], 16)] = bytes.fromhex(tokens[i + 1][1:-1]).decode("utf-16-be")
            i += 1
        elif section == "beginbfrange" and token.startswith("<"):
            lo, hi = int(token[1:-1], 16), int(tokens[i + 1][1:-1], 16)
            start = tokens[i + 2]
            if start == "[":
                j = i + 3
                for cid in range(lo, hi + 1):
                    mapping[cid] = bytes.fromhex(tokens[j][1:-1]).decode("utf-16-be")
                    j += 1
                i = j
            else:
                base = bytes.fromhex(start[1:-1])
                for k, cid in enumerate(range(lo, hi + 1)):
                    mapping[cid] = (base[:-1] + bytes([base[-1] + k])).decode("utf-16-be")
                i += 2
        i += 1
    return mapping


def _shown(page: pikepdf.Page) -> dict[str, set[int]]:
    """The CIDs each font resource shows in the page's content (two-byte Identity-H codes)."""
    shown: dict[str, set[int]] = {}
    current = ""
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "Tf":
            current = str(operands[0])
        elif op in ("Tj", "TJ", "'", '"'):
            strings = operands[0] if op == "TJ" else [operands[-1]]
            for item in strings:
                if isinstance(item, pikepdf.String):
                    raw = bytes(item)
                    shown.setdefault(current, set()).update(
                        int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)
                    )
    return shown


def embedded_fonts(pdf: bytes) -> list[EmbeddedFont]:
    """Every Type0/CIDFontType2 font of every page, with its widths, the program's advances and ToUnicode."""
    fonts = []
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            shown = _shown(page)
            for name, font in page.Resources.Font.items():
                descendant = font.DescendantFonts[0]
                program = TTFont(io.BytesIO(descendant.FontDescriptor.FontFile2.read_bytes()))
                scale = 1000 / program["head"].unitsPerEm
                order = program.getGlyphOrder()
                hmtx = program["hmtx"]
                cid_to_gid = descendant.get("/CIDToGIDMap")
                table = b"" if cid_to_gid is None or isinstance(cid_to_gid, pikepdf.Name) else cid_to_gid.read_bytes()

                def gid_of(cid: int, table: bytes = table) -> int:
                    return int.from_bytes(table[2 * cid : 2 * cid + 2], "big") if table else cid

                listed = _w_array(descendant.get("/W", pikepdf.Array()))
                default = float(descendant.get("/DW", 1000))
                cids = set(listed) | shown.get(name, set())
                widths = {cid: listed.get(cid, default) for cid in cids}
                advances = {cid: hmtx[order[gid_of(cid)]][0] * scale for cid in cids if gid_of(cid) < len(order)}
                fonts.append(EmbeddedFont(str(font.BaseFont), widths, advances,
                                          _cmap(font.ToUnicode.read_bytes()), frozenset(shown.get(name, ()))))
    return fonts


def width_mismatches(pdf: bytes) -> list[str]:
    """Every glyph whose /W width differs from its embedded program's advance, or that is not in the program."""
    problems = []
    for font in embedded_fonts(pdf):
        for cid, width in sorted(font.widths.items()):
            advance = font.advances.get(cid)
            if advance is None:
                problems.append(f"{font.name} CID {cid}: no such glyph in the font program")
            elif abs(width - advance) > TOLERANCE:
                problems.append(f"{font.name} CID {cid}: /W {width:g}, font program {advance:g}")
    return problems


def _rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


def reversed_mappings(pdf: bytes, texts: list[str]) -> list[str]:
    """ToUnicode entries of several characters that are not in logical order: for a right-to-left entry, one
    whose characters are not consecutive in logical order in any of the document's ``texts`` while its reverse is
    (lam-alef must map to U+0644 U+0627, never U+0627 U+0644)."""
    problems = []
    logical = [unicodedata.normalize("NFC", t) for t in texts]
    for font in embedded_fonts(pdf):
        for cid, text in sorted(font.to_unicode.items()):
            if len(text) < 2 or not any(map(_rtl, text)):
                continue
            forward = any(text in t for t in logical) or any(unicodedata.normalize("NFC", text) in t for t in logical)
            if not forward and any(text[::-1] in t for t in logical):
                problems.append(f"{font.name} CID {cid}: {text!r} is reversed (U+"
                                + " U+".join(f"{ord(c):04X}" for c in text) + ")")
    return problems


def main(paths: list[str]) -> int:
    """Print each width mismatch of each file; 1 if there is any."""
    found = 0
    for path in paths:
        for problem in width_mismatches(Path(path).read_bytes()):
            print(f"{path}: {problem}")
            found += 1
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
