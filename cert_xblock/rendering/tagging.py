"""Tagged PDF for PDF/UA-1: marked content, the structure tree, and the XMP metadata that declares it.

Follows ISO 32000-1 section 14.6 (marked content: BDC/EMC with an MCID, /Artifact for decoration),
14.7 (logical structure: StructTreeRoot, StructElem, ParentTree), 14.8 (tagged PDF, /MarkInfo, standard
structure types H1, P, Figure, Document), 14.9.2 (/Lang) and 14.9.3 (/Alt), and ISO 14289-1 (PDF/UA-1)
clauses 7.1 (real content tagged, artifacts marked, DisplayDocTitle, dc:title in XMP), 7.2 (/Lang),
7.3 (figures have alternate text) and 5 (the pdfuaid:part identification schema in the XMP stream).

A certificate has one page; its structure is a Document element whose kids are in reading order: title,
preamble, learner name, completion line, course, issued line, grade, custom text, signatories, the
verification text (a P holding a Link: the text and its link annotation, 14.7.4.4 and PDF/UA-1 7.18.5) and
code, the QR code.
"""
from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Element:
    """One structure element holding one marked-content sequence of the page."""

    tag: str  # a standard structure type: H1, P, Figure
    mcid: int
    alt: str = ""  # alternate text (figures)
    lang: str = ""  # BCP 47, when it differs from the document's
    actual: str = ""  # the element's text in logical order, when its glyphs run right to left (14.9.4)
    link: Link | None = None  # the element's text is a link: a Link element with the annotation inside it


@dataclass(frozen=True)
class Link:
    """A URI link annotation over the element's text (12.5.6.5), tagged as PDF/UA-1 7.18.5 asks: a Link
    structure element holding the text's marked content and an object reference to the annotation, whose
    /Contents describes it."""

    uri: str
    rect: tuple[float, float, float, float]  # x0 y0 x1 y1 on the page
    contents: str


def marked(tag: str, mcid: int, ops: str) -> str:
    """Operators wrapped as the marked-content sequence `mcid` of a structure element."""
    return f"/{tag} <</MCID {mcid}>> BDC\n{ops}\nEMC"


def artifact(ops: str) -> str:
    """Operators that are decoration (borders, backgrounds): outside the structure tree."""
    return f"/Artifact BMC\n{ops}\nEMC"


def structure_objects(elements: list[Element], first: int, page: int, pdf_string,
                      annotations: dict[int, int] | None = None) -> list[bytes]:
    """The StructTreeRoot (object `first`), the Document element, then one object per element (and one more
    for each element's Link, right after it).

    The page (object `page`) carries /StructParents 0; the parent tree maps its MCIDs to the elements, and
    each link annotation's /StructParent (1, 2, ...) to its Link element. ``annotations`` maps an element's
    MCID to the object number of its link annotation.
    """
    annotations = annotations or {}
    root, document = first, first + 1
    numbers: dict[int, int] = {}
    link_numbers: dict[int, int] = {}
    number = first + 2
    for el in elements:
        numbers[el.mcid] = number
        number += 1
        if el.link is not None:
            link_numbers[el.mcid] = number
            number += 1
    owners = {**numbers, **link_numbers}  # the marked content inside a Link belongs to the Link element
    parents = b" ".join(b"%d 0 R" % owners[mcid] if mcid in owners else b"null" for mcid in range(max(owners) + 1))
    nums = b"0 [%s]" % parents + b"".join(b" %d %d 0 R" % (k, link_numbers[mcid])
                                          for k, mcid in enumerate(link_numbers, 1))
    objects = [
        b"<< /Type /StructTreeRoot /K [%d 0 R] /ParentTree << /Nums [%s] >> /ParentTreeNextKey %d >>"
        % (document, nums, len(link_numbers) + 1),
        b"<< /Type /StructElem /S /Document /P %d 0 R /K [%s] >>"
        % (root, b" ".join(b"%d 0 R" % numbers[el.mcid] for el in elements)),
    ]
    for el in elements:
        extra = b""
        if el.alt:
            extra += b" /Alt " + pdf_string(el.alt)
        if el.lang:
            extra += b" /Lang " + pdf_string(el.lang)
        if el.actual:
            extra += b" /ActualText " + pdf_string(el.actual)
        kids = b"%d" % el.mcid if el.link is None else b"[%d 0 R]" % link_numbers[el.mcid]
        objects.append(
            b"<< /Type /StructElem /S /%s /P %d 0 R /Pg %d 0 R /K %s%s >>"
            % (el.tag.encode("ascii"), document, page, kids, extra)
        )
        if el.link is not None:
            objects.append(
                b"<< /Type /StructElem /S /Link /P %d 0 R /Pg %d 0 R /K [%d << /Type /OBJR /Obj %d 0 R >>] "
                b"/Alt %s >>" % (numbers[el.mcid], page, el.mcid, annotations[el.mcid], pdf_string(el.link.contents))
            )
    return objects


def xmp(title: str, author: str, subject: str, language: str, created: str) -> bytes:
    """The document's XMP packet: Dublin Core title, creator, description and language, and PDF/UA-1."""
    iso = f"{created[2:6]}-{created[6:8]}-{created[8:10]}T00:00:00Z"
    lang = escape(language)
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(subject)}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
<dc:format>application/pdf</dc:format>
<pdf:Producer>cert-xblock renderer</pdf:Producer>
<xmp:CreatorTool>cert-xblock</xmp:CreatorTool>
<xmp:CreateDate>{iso}</xmp:CreateDate>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="r"?>"""
    return packet.encode("utf-8")
