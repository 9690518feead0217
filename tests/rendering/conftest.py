"""Helpers for the renderer's tests: sample data, and independent readers of the real PDF bytes (pypdf,
poppler's pdftotext and pdftoppm, PDFium through pypdfium2, pdf.js under node, zbar)."""
from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

from fontTools.ttLib import TTFont
from pypdf import PdfReader

from cert_xblock.rendering import CertificateData

VERIFY_URL = "https://courses.example.org/certificates/verify/7K2QM-XR4PA"


def sample(**changes) -> CertificateData:
    data = CertificateData(
        learner_name="Zoë Ångström",
        course_name="Introduction to Computational Thinking",
        org_name="Université Exemple",
        issued_on=date(2026, 11, 22),
        verify_url=VERIFY_URL,
        short_code="7K2QM-XR4PA",
        grade_text="Final grade: 92%",
    )
    return replace(data, **changes)


def page_text(pdf: bytes) -> str:
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def _to_unicode(cmap: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    inside = False
    for line in cmap.decode("ascii").splitlines():
        if line.endswith("beginbfchar"):
            inside = True
        elif line == "endbfchar":
            inside = False
        elif inside:
            cid, text = line.split(" ")
            mapping[int(cid[1:-1], 16)] = bytes.fromhex(text[1:-1]).decode("utf-16-be")
    return mapping


def drawn_glyphs(pdf: bytes) -> list[dict]:
    """Every glyph the page draws: its font, CID, the text it stands for, and whether the embedded font
    has a real outline for it (not .notdef, not empty)."""
    reader = PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    fonts = {}
    for name, ref in page["/Resources"]["/Font"].items():
        font = ref.get_object()
        descendant = font["/DescendantFonts"][0].get_object()
        program = descendant["/FontDescriptor"]["/FontFile2"].get_object().get_data()
        tt = TTFont(io.BytesIO(program))
        order = tt.getGlyphOrder()
        glyf = tt["glyf"]
        fonts[name] = {
            "order": order,
            "base": str(font["/BaseFont"]),
            "unicode": _to_unicode(font["/ToUnicode"].get_object().get_data()),
            "has_outline": {
                gid: gid != 0 and glyf[gname].numberOfContours != 0 for gid, gname in enumerate(order)
            },
        }
    glyphs = []
    current = None
    content = page.get_contents().get_data().decode("latin-1")
    for match in _TEXT_TOKENS.finditer(content):
        if match.group(1):
            current = fonts["/" + match.group(1)]
            continue
        raw = bytes.fromhex(match.group(2))
        for i in range(0, len(raw), 2):
            cid = int.from_bytes(raw[i : i + 2], "big")
            glyphs.append(
                {
                    "font": current["base"],
                    "cid": cid,
                    "text": current["unicode"].get(cid, ""),
                    "has_outline": current["has_outline"].get(cid, False),
                    "cid_is_notdef": cid == 0 or current["order"][cid] == ".notdef",
                }
            )
    return glyphs


# Font selections and the hex strings of TJ operators (the writer's only other strings are /ActualText).
_TEXT_TOKENS = re.compile(r"/(F\d+) [\d.]+ Tf|(?<!/ActualText )<([0-9A-Fa-f]+)>")


def render_png(pdf: bytes, tmp_path, dpi: int = 150) -> bytes:
    """The page as a PNG, rendered by poppler's pdftoppm; its stderr must stay empty (no warnings)."""
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(path), str(tmp_path / "page")],
        capture_output=True,
        check=True,
    )
    assert result.stderr == b"", result.stderr.decode()
    return (tmp_path / "page.png").read_bytes()


def decode_qr(png: bytes) -> list[str]:
    from PIL import Image
    from pyzbar.pyzbar import decode

    return [symbol.data.decode("utf-8") for symbol in decode(Image.open(io.BytesIO(png)))]



PDFJS_DIR = Path(__file__).parent / "js"
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def poppler_text(pdf: bytes, tmp_path) -> str:
    """poppler's pdftotext, without the bidi embedding controls it wraps right-to-left lines in."""
    path = tmp_path / "poppler.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8").translate(_BIDI_CONTROLS)


def pdfium_text(pdf: bytes) -> str:
    """PDFium's text of page 1 (pypdfium2)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return document[0].get_textpage().get_text_range()
    finally:
        document.close()


def pdfjs_available() -> str | None:
    """Why pdf.js cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not (PDFJS_DIR / "node_modules" / "pdfjs-dist").is_dir():
        return f"pdfjs-dist is not installed: run `npm ci` in {PDFJS_DIR} (scripts/dev.py test does)"
    return None


def pdfjs_texts(pdfs: list[bytes], tmp_path) -> list[str]:
    """pdf.js's text of page 1 of each PDF (its text items joined, a line break where an item ends a line)."""
    paths = []
    for i, pdf in enumerate(pdfs):
        path = tmp_path / f"pdfjs-{i}.pdf"
        path.write_bytes(pdf)
        paths.append(str(path))
    out = subprocess.run(["node", str(PDFJS_DIR / "extract_text.mjs"), *paths], capture_output=True, check=True)
    texts = json.loads(out.stdout.decode("utf-8").strip().splitlines()[-1])
    return [texts[p] for p in paths]
