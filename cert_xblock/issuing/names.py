"""The learner's name as it is printed: made printable once, on the way in, and refused when it cannot be.

The same cleaned text is stored on the certificate and used everywhere afterwards — the PDF, the verify page, the
JSON, the email and the download's file name — so what the page shows is what the PDF prints:

* control characters (``Cc``: NUL, escape, line breaks…) are removed, white space of any kind is collapsed to one
  space and trimmed;
* explicit bidi formatting (embeddings, overrides, isolates, marks: U+202A–202E, U+2066–2069, U+200E/200F, U+061C)
  is removed: every reader then orders the name by the Unicode bidi algorithm alone, the PDF renderer and a
  browser alike, so a name cannot read one way on the page and another on paper;
* other invisible format characters (zero-width space, soft hyphen, BOM, word joiner, tag characters) are
  removed, except the zero-width joiner and non-joiner, which change how Indic and Arabic letters join
  (ශ්‍රී needs its ZWJ);
* the text is NFC-normalised, so "é" is one character however it was typed.

A name too long to print legibly is refused, never truncated: ``NAME_MAX_COLUMNS`` is the width at which a name
still prints at 12 pt or more in the narrowest name box of every design (portrait, two lines; measured by
``tests/unit/test_names.py``), counting East Asian wide characters as two columns. It is well under the record's
255-character column.
"""
from __future__ import annotations

import re
import unicodedata

from cert_xblock.rendering import RenderError

NAME_MAX_COLUMNS = 128
_KEEP_FORMAT = frozenset({"\u200c", "\u200d"})  # ZWNJ, ZWJ: they change how letters join
_SPACES = re.compile(r"\s+")


class NameRefused(RenderError):
    """The learner's full name cannot be printed as it is (too long, or nothing printable in it)."""

    def __init__(self, reason: str, length: int):
        super().__init__(reason)
        self.reason, self.length = reason, length


def printable_name(raw: str) -> str:
    """The name as it is stored and printed (see the module docstring); may be empty."""
    text = unicodedata.normalize("NFC", raw or "")
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch.isspace():
            kept.append(" ")
        elif category in ("Cc", "Cs") or (category == "Cf" and ch not in _KEEP_FORMAT):
            continue
        else:
            kept.append(ch)
    return _SPACES.sub(" ", "".join(kept)).strip()


def columns(name: str) -> int:
    """How wide a name is in character columns: East Asian wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in name)


def certificate_name(full_name: str, fallback: str = "") -> str:
    """The printable name for a certificate, or ``NameRefused`` when it cannot be printed legibly.

    ``fallback`` (the username) stands in for a name with nothing printable, as the LMS itself shows it.
    """
    name = printable_name(full_name) or printable_name(fallback)
    if not name:
        raise NameRefused("empty", 0)
    width = columns(name)
    if width > NAME_MAX_COLUMNS:
        raise NameRefused("too_long", width)
    return name


def refusal_message(exc: NameRefused, _=lambda s: s) -> str:
    """What the learner is told, in their language: what to change, and where."""
    if exc.reason == "too_long":
        return _("Your full name is too long to print on a certificate ({length} characters; at most {limit}). "
                 "Shorten the full name in your account settings, then try again.").format(
            length=exc.length, limit=NAME_MAX_COLUMNS)
    return _("Your account has no name that can be printed on a certificate. Add your full name in your "
             "account settings, then try again.")
