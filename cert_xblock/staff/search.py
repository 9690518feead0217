"""The staff search's text, matched ignoring case and accents the same way on every database.

A search for "orsted" must find "Ørsted" and "benoit" "Benoît", on sqlite (whose LIKE folds ASCII only) and on
MariaDB (whose collations differ on letters such as Ø). So the text becomes a regular expression in which each
letter is the class of its accented forms, upper and lower case both listed, and every other character escaped;
Django's ``iregex`` runs it as REGEXP on both (Python's ``re`` under sqlite, PCRE under MariaDB).
"""
from __future__ import annotations

import re
import unicodedata

# Letters that do not decompose to a base letter plus accents (NFKD leaves them whole).
_EXTRA = {"o": "øœ", "a": "æå", "d": "đð", "l": "ł", "t": "þ", "s": "ß", "e": "æœ", "i": "ı"}
_LATIN = "".join(chr(c) for c in range(0xC0, 0x250))


def _base(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()[:1]
    return base if base.isascii() else next((b for b, extra in _EXTRA.items() if base in extra), base)


def _variants() -> dict[str, str]:
    """Each base letter → every Latin letter that folds to it, both cases."""
    found: dict[str, set[str]] = {}
    for char in _LATIN:
        base = _base(char)
        if base.isascii() and base.isalpha():
            found.setdefault(base, set()).update({char, char.upper(), char.lower()})
    for base, extra in _EXTRA.items():
        found.setdefault(base, set()).update(extra + extra.upper())
    return {base: "".join(sorted(chars | {base, base.upper()})) for base, chars in found.items()}


_CLASSES = _variants()


def folded_pattern(text: str) -> str:
    """A regular expression matching ``text`` anywhere, whatever the case and accents of its letters."""
    parts = []
    for char in text:
        base = _base(char) if char.isalpha() else ""
        chars = _CLASSES.get(base)
        parts.append(f"[{re.escape(chars)}]" if chars else re.escape(char))
    return "".join(parts)
