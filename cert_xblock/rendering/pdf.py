"""A small PDF writer for one-page certificates (ISO 32000-1): text as CID glyphs with ToUnicode (9.10.3),
subset TrueType fonts (9.6.4, 9.7.4), invisible text (text rendering mode 3, 9.3.6), replacement text
(/ActualText, 14.9.4), glyph outlines as paths (8.5), images, metadata; tagging is in ``tagging``.

How text is drawn so that readers extract it exactly is in ``text_drawing``.

The page's fixed artwork is drawn with reportlab once per design; what changes per certificate (the name,
the QR code, the glyphs to embed) is written here directly, which is what keeps a certificate near a
millisecond.
"""
from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from urllib.parse import quote

from cert_xblock.rendering.fonts import FontFile
from cert_xblock.rendering.tagging import Element, structure_objects, xmp

COMPRESSION = 6
FONT_COMPRESSION = 1  # font programs barely compress better at higher levels, and cost most of the time


class FontSlot:
    """One font's use in one document: CID i draws glyph gids[i-1], whose width widths[i-1] is the font's
    advance for it; keys map (glyph, text) to CID."""

    __slots__ = ("font", "frozen", "gids", "keys", "name", "unicode_entries", "widths")

    def __init__(self, font: FontFile, name: str) -> None:
        self.font = font
        self.name = name
        self.keys: dict[tuple[int, str], int] = {}
        self.gids: list[int] = []
        self.widths: list[int] = []
        self.unicode_entries: list[bytes] = []
        # The embedded objects of this exact glyph set, shared by every certificate that adds no glyph.
        self.frozen: tuple[int, bytes, bytes, bytes] | None = None

    def cid(self, gid: int, text: str) -> int:
        key = (gid, text)
        cid = self.keys.get(key)
        if cid is None:
            self.gids.append(gid)
            self.widths.append(self.font.width(gid))
            cid = self.keys[key] = len(self.gids)
            self.unicode_entries.append(b"<%04X> <%s>" % (cid, text.encode("utf-16-be").hex().encode("ascii")))
        return cid

    def copy(self) -> FontSlot:
        other = FontSlot(self.font, self.name)
        other.keys = dict(self.keys)
        other.gids = list(self.gids)
        other.widths = list(self.widths)
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
    widths = b" ".join(b"%d" % w for w in slot.widths)
    program = font.subset(slot.gids, [key[1] for key in slot.keys])
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
    contents: list[bytes],
    fonts: FontSet,
    images: dict[str, Image],
    meta: Metadata,
    elements: list[Element],
) -> bytes:
    """Assemble the one-page tagged document; `contents` are the page's content streams, already compressed,
    in reading order, and `elements` the structure elements of their marked content, in reading order."""
    objects: list[bytes] = [b"", b"", b"", b""]
    content_refs = []
    for stream in contents:
        objects.append(_stream(b"/Filter /FlateDecode", stream))
        content_refs.append(b"%d 0 R" % len(objects))
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
    annotations: dict[int, int] = {}
    for el in elements:
        if el.link is not None:
            objects.append(_link_annotation(el, len(annotations) + 1))
            annotations[el.mcid] = len(objects)
    struct_root = len(objects) + 1
    objects.extend(structure_objects(elements, struct_root, 3, pdf_string, annotations))
    xmp_packet = xmp(meta.title, meta.author, meta.subject, meta.language, meta.created)
    objects.append(_stream(b"/Type /Metadata /Subtype /XML", xmp_packet))
    metadata = len(objects)
    width, height = page_size
    objects[0] = (
        b"<< /Type /Catalog /Pages 2 0 R /Lang %s /MarkInfo << /Marked true >> /StructTreeRoot %d 0 R "
        b"/Metadata %d 0 R /ViewerPreferences << /DisplayDocTitle true >> >>"
        % (pdf_string(meta.language), struct_root, metadata)
    )
    objects[1] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    objects[2] = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Contents [%s] /Resources << /Font << %s >> "
        b"/XObject << %s >> /ProcSet [/PDF /Text /ImageB /ImageC] >> /StructParents 0 /Tabs /S%s >>"
        % (_num(width), _num(height), b" ".join(content_refs), b" ".join(font_refs), b" ".join(xobjects),
           b" /Annots [%s]" % b" ".join(b"%d 0 R" % n for n in annotations.values()) if annotations else b"")
    )
    objects[3] = (b"<< /Title %s /Author %s /Subject %s /Keywords %s /Creator (cert-xblock) "
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
    doc_id = hashlib.md5(b"".join(contents)).hexdigest().encode("ascii")
    out.append(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.append(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.append(
        b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, doc_id, doc_id, position)
    )
    return b"".join(out)


def _link_annotation(el: Element, struct_parent: int) -> bytes:
    """A URI link over the element's text (ISO 32000-1 12.5.6.5), printed with the page (flag 4) and no border,
    with /Contents for assistive technology (PDF/UA-1 7.18.1) and its place in the structure (/StructParent)."""
    link = el.link
    rect = b" ".join(b"%.2f" % v for v in link.rect)
    uri = quote(link.uri, safe=":/?#[]@!$&'*+,;=%~").encode("ascii")  # 7-bit ASCII (12.6.4.7); no parentheses
    return (b"<< /Type /Annot /Subtype /Link /Rect [%s] /Border [0 0 0] /F 4 /Contents %s "
            b"/A << /S /URI /URI (%s) >> /StructParent %d >>" % (rect, pdf_string(link.contents), uri, struct_parent))


def _num(value: float) -> bytes:
    return (b"%.2f" % value).rstrip(b"0").rstrip(b".")
