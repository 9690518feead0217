"""Reading real PDF bytes the way a person would: the text a reader extracts from them."""
from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-"), "not a PDF"
    return "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages)
