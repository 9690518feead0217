"""TrueType fonts: discovery on a search path, glyph lookup, and fast per-certificate subsetting.

Fonts are parsed once per process. A certificate embeds, for each font it uses, a TrueType subset holding
only the glyphs it draws: the glyph records are cut out of the parsed font and cached, so a subset is a few
byte joins rather than a full subsetter run. The subset follows the OpenType 1.9 specification: the
required tables (section "Font tables"), 'glyf'/'loca' with composite glyphs renumbered, 'cmap' formats 4
and 12, a format-0 'name' table, and the head checksum adjustment; OTS and fontTools check it in the tests.
Glyph outlines are also drawn as PDF paths (``FontFile.outline``) for glyphs that carry no text.
"""
from __future__ import annotations

import os
import struct
from array import array
from functools import cache, lru_cache
from pathlib import Path

import uharfbuzz as hb

from cert_xblock.rendering.scripts import Script, script_of
from cert_xblock.rendering.types import RenderError

PACKAGE_FONTS = Path(__file__).parent / "fonts"
SYSTEM_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")
FONT_PATH_ENV = "CERT_XBLOCK_FONT_PATH"

# TrueType outlines only: reportlab and PDF viewers embed 'glyf' fonts as FontFile2; CFF (.otf) is skipped.
ROLE_FILES = {
    "sans": ("DejaVuSans.ttf",),
    "sans-bold": ("DejaVuSans-Bold.ttf",),
    "serif": ("DejaVuSerif.ttf", "DejaVuSans.ttf"),
    "serif-bold": ("DejaVuSerif-Bold.ttf", "DejaVuSans-Bold.ttf"),
}
# Wide-coverage fallbacks tried in order for anything neither the script's fonts nor the role's font have.
FALLBACK_FILES = (
    "NotoSans-Regular.ttf",
    "DroidSansFallbackFull.ttf",
    "DroidSansFallback.ttf",
    "NanumGothic.ttf",
    "Symbola_hint.ttf",
    "Symbola.ttf",
    "NotoSansSymbols2-Regular.ttf",
    "NotoSansSymbols-Regular.ttf",
    "DejaVuSans.ttf",
)


def font_dirs() -> list[Path]:
    """Where fonts are looked for, in order: $CERT_XBLOCK_FONT_PATH, the package's own, the system's."""
    extra = [Path(p) for p in os.environ.get(FONT_PATH_ENV, "").split(os.pathsep) if p]
    return [*extra, PACKAGE_FONTS, *SYSTEM_FONT_DIRS]


@lru_cache(maxsize=1)
def _font_index() -> dict[str, Path]:
    index: dict[str, Path] = {}
    for root in font_dirs():
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.suffix.lower() in (".ttf", ".ttc"):
                index.setdefault(path.name, path)
    return index


def find_font(names: tuple[str, ...]) -> FontFile | None:
    """The first of the named font files found on the search path that has TrueType outlines."""
    index = _font_index()
    for name in names:
        if name in index:
            font = load_font(str(index[name]))
            if font is not None:
                return font
    return None


@cache
def load_font(path: str) -> FontFile | None:
    """Parse a TrueType font once per process; None when it has no 'glyf' outlines (CFF)."""
    try:
        return FontFile(path)
    except (OSError, KeyError, struct.error, ValueError):
        return None


@cache
def font_chain(role: str) -> tuple[FontFile, ...]:
    """The role's font followed by the fallbacks, without duplicates."""
    chain: list[FontFile] = []
    for names in (ROLE_FILES[role], *((n,) for n in FALLBACK_FILES)):
        font = find_font(names)
        if font is not None and font not in chain:
            chain.append(font)
    if not chain:
        chain.append(_reportlab_vera())
    return tuple(chain)


@cache
def specialist(role: str, script: Script) -> FontFile | None:
    """The font made for the script in this role (None when the script uses the role's font or none is installed)."""
    return find_font(script.files[role]) if script.files else None


def font_for(cp: int, role: str) -> FontFile | None:
    """The font that draws the character in this role: its script's own font, else the role's font and then
    the fallbacks; None when no available font has it."""
    script = script_of(cp)
    if script is not None and script.files:
        font = specialist(role, script)
        if font is not None and font.has_glyph(cp):
            return font
    return next((f for f in font_chain(role) if f.has_glyph(cp)), None)


def _reportlab_vera() -> FontFile:
    import reportlab

    font = load_font(str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"))
    if font is None:
        raise RenderError("No TrueType font is available to print the certificate.")
    return font


class FontFile:
    """A parsed TrueType font (a file or the first font of a collection)."""

    def __init__(self, path: str) -> None:
        self.path = path
        data = Path(path).read_bytes()
        self.data = data
        base = 0
        if data[:4] == b"ttcf":
            base = struct.unpack_from(">I", data, 12)[0]
        num_tables = struct.unpack_from(">H", data, base + 4)[0]
        self.tables: dict[str, tuple[int, int]] = {}
        for i in range(num_tables):
            tag, _check, off, length = struct.unpack_from(">4sIII", data, base + 12 + 16 * i)
            self.tables[tag.decode("latin-1")] = (off, length)
        if "glyf" not in self.tables:
            raise ValueError("not a TrueType-outline font")
        head = self.table("head")
        self.upem = struct.unpack_from(">H", head, 18)[0]
        self.bbox = struct.unpack_from(">hhhh", head, 36)
        long_loca = struct.unpack_from(">h", head, 50)[0] == 1
        self.num_glyphs = struct.unpack_from(">H", self.table("maxp"), 4)[0]
        hhea = self.table("hhea")
        self.ascent, self.descent = struct.unpack_from(">hh", hhea, 4)
        self.num_hmetrics = struct.unpack_from(">H", hhea, 34)[0]
        loca = array("I" if long_loca else "H", self.table("loca"))
        if array("H", b"\x00\x01")[0] != 1:
            loca.byteswap()
        self.loca = loca if long_loca else array("I", (2 * x for x in loca))
        self.glyf_offset = self.tables["glyf"][0]
        self.hmtx = self.table("hmtx")
        os2 = self.table("OS/2") if "OS/2" in self.tables else b""
        self.cap_height = struct.unpack_from(">h", os2, 88)[0] if len(os2) >= 90 else self.ascent
        self.name = self._postscript_name()
        self.hb_font = hb.Font(hb.Face(hb.Blob(data), 0))
        self.hb_font.scale = (1000, 1000)
        self._glyphs: dict[int, tuple[bytes, tuple[tuple[int, int], ...], int]] = {}
        self._widths: dict[int, int] = {}
        self._covered: dict[int, bool] = {}
        self._table_sums: dict[str, int] = {}
        self._outlines: dict[int, str] = {}
        self._name: bytes | None = None

    def table(self, tag: str) -> bytes:
        off, length = self.tables[tag]
        return self.data[off : off + length]

    def _postscript_name(self) -> str:
        stem = Path(self.path).stem
        return "".join(ch for ch in stem if ch.isalnum() or ch == "-") or "Font"

    def has_glyph(self, cp: int) -> bool:
        covered = self._covered.get(cp)
        if covered is None:
            covered = self._covered[cp] = self.hb_font.get_nominal_glyph(cp) is not None
        return covered

    def width(self, gid: int) -> int:
        """Advance in thousandths of an em, as written in the PDF /W array."""
        w = self._widths.get(gid)
        if w is None:
            w = self._widths[gid] = self.hb_font.get_glyph_h_advance(gid)
        return w

    def outline(self, gid: int) -> str:
        """The glyph as PDF path operators (ISO 32000-1 8.5.2) in thousandths of an em, filled nonzero."""
        ops = self._outlines.get(gid)
        if ops is None:
            pen = _PathPen()
            self.hb_font.draw_glyph_with_pen(gid, pen)
            ops = self._outlines[gid] = " ".join(pen.ops) + " f" if pen.ops else ""
        return ops

    def glyph(self, gid: int) -> tuple[bytes, tuple[tuple[int, int], ...], int]:
        """The glyph record padded to 4 bytes, (offset, gid) of each component of a composite, its checksum."""
        cached = self._glyphs.get(gid)
        if cached is not None:
            return cached
        start, end = self.loca[gid], self.loca[gid + 1]
        rec = self.data[self.glyf_offset + start : self.glyf_offset + end]
        components: list[tuple[int, int]] = []
        if len(rec) >= 10 and struct.unpack_from(">h", rec, 0)[0] < 0:
            pos = 10
            while True:
                flags, comp = struct.unpack_from(">HH", rec, pos)
                components.append((pos + 2, comp))
                pos += 4 + (4 if flags & 0x0001 else 2)
                pos += 2 if flags & 0x0008 else 4 if flags & 0x0040 else 8 if flags & 0x0080 else 0
                if not flags & 0x0020:
                    break
        rec += b"\0" * (-len(rec) % 4)
        cached = self._glyphs[gid] = (rec, tuple(components), _checksum(rec))
        return cached

    def _name_table(self) -> bytes:
        """A 'name' table (format 0) with the family, style, full and PostScript names, Windows Unicode."""
        if self._name is None:
            names = {1: self.name, 2: "Regular", 3: f"cert-xblock subset {self.name}", 4: self.name, 6: self.name}
            records, strings = [], b""
            for name_id, value in names.items():
                raw = value.encode("utf-16-be")
                records.append(struct.pack(">HHHHHH", 3, 1, 0x409, name_id, len(raw), len(strings)))
                strings += raw
            header = struct.pack(">HHH", 0, len(records), 6 + 12 * len(records))
            self._name = header + b"".join(records) + strings
        return self._name

    def hmetric(self, gid: int) -> bytes:
        if gid < self.num_hmetrics:
            return self.hmtx[4 * gid : 4 * gid + 4]
        last = 4 * (self.num_hmetrics - 1)
        lsb_at = 4 * self.num_hmetrics + 2 * (gid - self.num_hmetrics)
        return self.hmtx[last : last + 2] + self.hmtx[lsb_at : lsb_at + 2]

    def subset(self, gids: list[int], texts: list[str] | None = None) -> bytes:
        """A TrueType font whose glyph i+1 is the original glyph gids[i] (glyph 0 stays .notdef).

        Components of composite glyphs are appended after and renumbered, so the PDF can use the
        glyph index as CID with /CIDToGIDMap /Identity. The font keeps the tables the OpenType spec requires
        (cmap, head, hhea, hmtx, maxp, name, OS/2, post; OpenType 1.9 "Required tables") and passes OTS:
        its cmap maps each character that one glyph stands for alone (``texts[i]``) to that glyph.
        """
        order = [0, *gids]
        new_index: dict[int, int] = {}
        records: list[bytes] = []
        glyf_sum = 0
        i = 0
        while i < len(order):
            gid = order[i]
            rec, components, rec_sum = self.glyph(gid)
            if components:
                buf = bytearray(rec)
                for pos, comp in components:
                    if comp not in new_index:
                        new_index[comp] = len(order)
                        order.append(comp)
                    struct.pack_into(">H", buf, pos, new_index[comp])
                rec = bytes(buf)
                rec_sum = _checksum(rec)
            records.append(rec)
            glyf_sum += rec_sum
            new_index.setdefault(gid, i)
            i += 1
        loca = array("I", [0])
        total = 0
        for rec in records:
            total += len(rec)
            loca.append(total)
        if array("H", b"\x00\x01")[0] != 1:
            loca.byteswap()
        n = len(order)
        head = bytearray(self.table("head"))
        struct.pack_into(">I", head, 8, 0)
        struct.pack_into(">h", head, 50, 1)
        maxp = bytearray(self.table("maxp"))
        struct.pack_into(">H", maxp, 4, n)
        hhea = bytearray(self.table("hhea"))
        struct.pack_into(">H", hhea, 34, n)
        cmap: dict[int, int] = {}
        for i, text in enumerate(texts or ()):
            if len(text) == 1 and ord(text) != 0xFFFF:
                cmap.setdefault(ord(text), i + 1)
        tables = {
            "cmap": _cmap(cmap),
            "name": self._name_table(),
            "glyf": b"".join(records),
            "head": bytes(head),
            "hhea": bytes(hhea),
            "hmtx": b"".join(self.hmetric(g) for g in order),
            "loca": loca.tobytes(),
            "maxp": bytes(maxp),
            "post": b"\x00\x03\x00\x00" + self.table("post")[4:16] + b"\0" * 16,
        }
        for tag in ("cvt ", "fpgm", "prep", "OS/2"):
            if tag in self.tables:
                tables[tag] = self.table(tag)
        sums = {"glyf": glyf_sum & 0xFFFFFFFF}
        for tag in ("cvt ", "fpgm", "prep", "post", "OS/2", "name"):
            if tag in tables:
                if tag not in self._table_sums:
                    self._table_sums[tag] = _checksum(tables[tag])
                sums[tag] = self._table_sums[tag]
        return _assemble_sfnt(tables, sums)


class _PathPen:
    """Collects a HarfBuzz glyph outline as PDF path operators; quadratic curves become cubic ones."""

    def __init__(self) -> None:
        self.ops: list[str] = []
        self.x = self.y = 0.0

    def moveTo(self, p) -> None:
        self.x, self.y = p
        self.ops.append(f"{p[0]:g} {p[1]:g} m")

    def lineTo(self, p) -> None:
        self.x, self.y = p
        self.ops.append(f"{p[0]:g} {p[1]:g} l")

    def qCurveTo(self, c, p) -> None:
        (cx, cy), (x, y) = c, p
        c1 = (self.x + 2 * (cx - self.x) / 3, self.y + 2 * (cy - self.y) / 3)
        c2 = (x + 2 * (cx - x) / 3, y + 2 * (cy - y) / 3)
        self.curveTo(c1, c2, p)

    def curveTo(self, c1, c2, p) -> None:
        self.x, self.y = p
        self.ops.append(f"{c1[0]:.1f} {c1[1]:.1f} {c2[0]:.1f} {c2[1]:.1f} {p[0]:g} {p[1]:g} c")

    def closePath(self) -> None:
        self.ops.append("h")


def _cmap(mapping: dict[int, int]) -> bytes:
    """A 'cmap' table: Windows Unicode BMP (format 4, one segment per character) and, when a character is
    beyond the BMP (emoji), Windows Unicode full repertoire (format 12); only the latter when nothing is in
    the BMP."""
    bmp = sorted((cp, gid) for cp, gid in mapping.items() if cp < 0xFFFF)
    segments = [(cp, (gid - cp) & 0xFFFF) for cp, gid in bmp] + [(0xFFFF, 1)]
    count = len(segments)
    search = 2 << (count.bit_length() - 1)
    ends = struct.pack(f">{count}H", *(cp for cp, _ in segments))
    deltas = struct.pack(f">{count}H", *(delta for _, delta in segments))
    body = ends + b"\0\0" + ends + deltas + b"\0\0" * count
    format4 = struct.pack(">HHHHHHH", 4, 14 + len(body), 0, 2 * count, search, search.bit_length() - 2,
                          2 * count - search) + body
    if all(cp < 0xFFFF for cp in mapping):
        return struct.pack(">HHHHI", 0, 1, 3, 1, 12) + format4
    groups = sorted(mapping.items())
    format12 = struct.pack(">HHIII", 12, 0, 16 + 12 * len(groups), 0, len(groups)) + b"".join(
        struct.pack(">III", cp, cp, gid) for cp, gid in groups
    )
    if not bmp:  # emoji only: an empty BMP subtable would only draw warnings (PDFBox)
        return struct.pack(">HHHHI", 0, 1, 3, 10, 12) + format12
    return struct.pack(">HHHHIHHI", 0, 2, 3, 1, 20, 3, 10, 20 + len(format4)) + format4 + format12


def _checksum(data: bytes) -> int:
    data += b"\0" * (-len(data) % 4)
    words = array("I", data)
    if array("H", b"\x00\x01")[0] != 1:
        words.byteswap()
    return sum(words) & 0xFFFFFFFF


def _assemble_sfnt(tables: dict[str, bytes], sums: dict[str, int]) -> bytes:
    """The font file; the checksum adjustment is summed from the table checksums (tables are 4-aligned)."""
    tags = sorted(tables)
    num = len(tags)
    entry_selector = num.bit_length() - 1
    search_range = 16 * (1 << entry_selector)
    header = struct.pack(">IHHHH", 0x00010000, num, search_range, entry_selector, num * 16 - search_range)
    offset = 12 + 16 * num
    directory: list[bytes] = []
    bodies: list[bytes] = []
    total = 0
    for tag in tags:
        body = tables[tag]
        check = sums.get(tag)
        if check is None:
            check = _checksum(body)
        total += check
        directory.append(struct.pack(">4sIII", tag.encode("latin-1"), check, offset, len(body)))
        padded = body + b"\0" * (-len(body) % 4)
        bodies.append(padded)
        offset += len(padded)
    front = header + b"".join(directory)
    total += _checksum(front)
    font = bytearray(front + b"".join(bodies))
    head_at = len(front) + sum(len(b) for t, b in zip(tags, bodies, strict=True) if t < "head")
    struct.pack_into(">I", font, head_at + 8, (0xB1B0AFBA - total) & 0xFFFFFFFF)
    return bytes(font)
