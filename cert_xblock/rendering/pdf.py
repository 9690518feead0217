"""A small PDF writer for one-page certificates: text as CID glyphs with ToUnicode, subset TrueType fonts,
images, metadata.

The page's fixed artwork is drawn with reportlab once per design; what changes per certificate (the name,
the QR code, the glyphs to embed) is written here directly, which is what keeps a certificate near a
millisecond.
"""
from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass

from .fonts import FontFile
from .layout import PlacedLine

COMPRESSION = 6
FONT_COMPRESSION = 1  # font programs barely compress better at higher levels, and cost most of the time


class FontSlot:
    """One font's use in one document: CID i draws glyph gids[i-1]; keys map (glyph, text) to CID."""

    __slots__ = ("font", "frozen", "gids", "keys", "name", "unicode_entries")

    def __init__(self, font: FontFile, name: str) -> None:
        self.font = font
        self.name = name
        self.keys: dict[tuple[int, str], int] = {}
        self.gids: list[int] = []
        self.unicode_entries: list[bytes] = []
        # The embedded objects of this exact glyph set, shared by every certificate that adds no glyph.
        self.frozen: tuple[int, bytes, bytes, bytes] | None = None

    def cid(self, gid: int, text: str) -> int:
        key = (gid, text)
        cid = self.keys.get(key)
        if cid is None:
            self.gids.append(gid)
            cid = self.keys[key] = len(self.gids)
            self.unicode_entries.append(b"<%04X> <%s>" % (cid, text.encode("utf-16-be").hex().encode("ascii")))
        return cid

    def copy(self) -> FontSlot:
        other = FontSlot(self.font, self.name)
        other.keys = dict(self.keys)
        other.gids = list(self.gids)
        other.unicode_entries = list(self.unicode_entries)
        other.frozen = self.frozen
        return other

    def freeze(self) -> None:
        """Prepare the embedded objects of the current glyph set once (the template's fonts)."""
        self.frozen = (len(self.gids), *_font_parts(self))


class FontSet:
    """The fonts of one document, named /F1, /F2, ... in order of first use."""

    def __init__(self, slots: dict[FontFile, FontSlot] | None = None) -> None:
        self.slots: dict[FontFile, FontSlot] = slots or {}

    def slot(self, font: FontFile) -> FontSlot:
        slot = self.slots.get(font)
        if slot is None:
            slot = self.slots[font] = FontSlot(font, f"F{len(self.slots) + 1}")
        return slot

    def copy(self) -> FontSet:
        return FontSet({font: slot.copy() for font, slot in self.slots.items()})

    def freeze(self) -> None:
        for slot in self.slots.values():
            slot.freeze()


def color_op(hex_color: str, stroke: bool = False) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return f"{r:.3f} {g:.3f} {b:.3f} {'RG' if stroke else 'rg'}"


def text_ops(fonts: FontSet, placed: PlacedLine, color: str) -> str:
    """Operators drawing one placed line, glyph by glyph as HarfBuzz positioned them, in visual order."""
    size = placed.size
    x = placed.x
    out = [color_op(color)]
    for run in placed.line.runs:
        slot = fonts.slot(run.font)
        font = run.font
        ops = [f"BT /{slot.name} {size:.3f} Tf {x:.3f} {placed.baseline:.3f} Td ["]
        pending: list[str] = []
        for g in run.glyphs:
            if g.x_offset or g.y_offset:
                if pending:
                    ops.append("<" + "".join(pending) + ">")
                    pending = []
                if g.x_offset:
                    ops.append(str(-g.x_offset))
                if g.y_offset:
                    ops.append(f"] TJ {g.y_offset * size / 1000:.3f} Ts [")
            pending.append(f"{slot.cid(g.gid, g.text):04X}")
            adjust = g.x_offset + font.width(g.gid) - g.advance
            if g.y_offset:
                ops.append("<" + "".join(pending) + "> ] TJ 0 Ts [")
                pending = []
            if adjust:
                if pending:
                    ops.append("<" + "".join(pending) + ">")
                    pending = []
                ops.append(str(adjust))
        if pending:
            ops.append("<" + "".join(pending) + ">")
        ops.append("] TJ ET")
        out.append(" ".join(ops))
        x += run.width * size / 1000
    return "\n".join(out)


def pdf_string(text: str) -> bytes:
    """A PDF text string: literal when plain ASCII, else UTF-16BE with a byte-order mark."""
    if text.isascii() and text.isprintable():
        return b"(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("ascii") + b")"
    return b"<FEFF" + text.encode("utf-16-be", "surrogatepass").hex().upper().encode("ascii") + b">"


@dataclass(frozen=True)
class Image:
    """An image XObject ready to embed: its dictionary entries and (compressed) data, plus an alpha mask."""

    entries: bytes
    data: bytes
    smask: Image | None = None


def _stream(entries: bytes, data: bytes) -> bytes:
    return b"<< " + entries + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _to_unicode(slot: FontSlot) -> bytes:
    lines = [
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    entries = slot.unicode_entries
    for i in range(0, len(entries), 100):
        chunk = entries[i : i + 100]
        lines.append(b"%d beginbfchar" % len(chunk))
        lines.extend(chunk)
        lines.append(b"endbfchar")
    lines.append(b"endcmap CMapName currentdict /CMap defineresource pop end end")
    return b"\n".join(lines)


def _font_parts(slot: FontSlot) -> tuple[bytes, bytes, bytes]:
    """The expensive parts of a font's embedding: widths, FontFile2 stream, ToUnicode stream."""
    font = slot.font
    widths = b" ".join(b"%d" % font.width(g) for g in slot.gids)
    program = font.subset(slot.gids)
    packed = _stream(b"/Filter /FlateDecode /Length1 %d" % len(program), zlib.compress(program, FONT_COMPRESSION))
    to_unicode = _stream(b"/Filter /FlateDecode", zlib.compress(_to_unicode(slot), COMPRESSION))
    return widths, packed, to_unicode


def _font_objects(slot: FontSlot, first: int, tag: str) -> list[bytes]:
    """Type0 font, CIDFontType2, descriptor, FontFile2 and ToUnicode, numbered from `first`."""
    font = slot.font
    scale = 1000 / font.upem
    base_name = f"{tag}+{font.name}".encode("ascii")
    if slot.frozen is not None and slot.frozen[0] == len(slot.gids):
        widths, program, to_unicode = slot.frozen[1:]
    else:
        widths, program, to_unicode = _font_parts(slot)
    bbox = b" ".join(b"%d" % round(v * scale) for v in font.bbox)
    return [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] "
        b"/ToUnicode %d 0 R >>" % (base_name, first + 1, first + 4),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /CIDToGIDMap /Identity "
        b"/DW 1000 /W [1 [%s]] >>" % (base_name, first + 2, widths),
        b"<< /Type /FontDescriptor /FontName /%s /Flags 32 /FontBBox [%s] /ItalicAngle 0 /Ascent %d "
        b"/Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R >>"
        % (
            base_name,
            bbox,
            round(font.ascent * scale),
            round(font.descent * scale),
            round(font.cap_height * scale),
            first + 3,
        ),
        program,
        to_unicode,
    ]


def _subset_tag(index: int, slot: FontSlot) -> str:
    digest = hashlib.md5(repr(slot.gids).encode()).digest()
    return "".join(chr(65 + b % 26) for b in digest[:5]) + chr(65 + index % 26)


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    language: str
    created: str  # PDF date, e.g. D:20261122000000Z
    keywords: str = ""


def build_pdf(
    page_size: tuple[float, float],
    content: bytes,
    fonts: FontSet,
    images: dict[str, Image],
    meta: Metadata,
) -> bytes:
    """Assemble the one-page document; `content` is the page's already compressed content stream."""
    objects: list[bytes] = [b"", b"", b"", b"", b""]
    xobjects = []
    for name, image in images.items():
        number = len(objects) + 1
        entries = image.entries
        if image.smask is not None:
            entries += b" /SMask %d 0 R" % (number + 1)
        objects.append(_stream(entries, image.data))
        if image.smask is not None:
            objects.append(_stream(image.smask.entries, image.smask.data))
        xobjects.append(b"/%s %d 0 R" % (name.encode("ascii"), number))
    font_refs = []
    for index, slot in enumerate(fonts.slots.values()):
        if not slot.gids:
            continue
        first = len(objects) + 1
        objects.extend(_font_objects(slot, first, _subset_tag(index, slot)))
        font_refs.append(b"/%s %d 0 R" % (slot.name.encode("ascii"), first))
    width, height = page_size
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R /Lang %s /ViewerPreferences << /DisplayDocTitle true >> >>" % (
        pdf_string(meta.language)
    )
    objects[1] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    objects[2] = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Contents 4 0 R /Resources << /Font << %s >> "
        b"/XObject << %s >> /ProcSet [/PDF /Text /ImageB /ImageC] >> >>"
        % (_num(width), _num(height), b" ".join(font_refs), b" ".join(xobjects))
    )
    objects[3] = _stream(b"/Filter /FlateDecode", content)
    objects[4] = (b"<< /Title %s /Author %s /Subject %s /Keywords %s /Creator (cert-xblock) "
                  b"/Producer (cert-xblock renderer) /CreationDate %s >>") % (
        pdf_string(meta.title),
        pdf_string(meta.author),
        pdf_string(meta.subject),
        pdf_string(meta.keywords),
        pdf_string(meta.created),
    )
    out = [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"]
    position = len(out[0])
    offsets = []
    for number, body in enumerate(objects, 1):
        chunk = b"%d 0 obj\n%s\nendobj\n" % (number, body)
        offsets.append(position)
        position += len(chunk)
        out.append(chunk)
    doc_id = hashlib.md5(content).hexdigest().encode("ascii")
    out.append(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.append(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.append(
        b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, doc_id, doc_id, position)
    )
    return b"".join(out)


def _num(value: float) -> bytes:
    return (b"%.2f" % value).rstrip(b"0").rstrip(b".")
