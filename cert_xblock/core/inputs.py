"""Text and numbers a caller sends, checked once before any work: what the database, a file name, a PDF or a log
can hold, and how long or large each named field may be.

Python strings can hold what no UTF-8 text can: a lone surrogate (``"\\ud800"`` in JSON) makes the database write,
the log line or the PDF fail half-way through an operation, after other work was done. Unicode's non-characters
(U+FFFE, U+FDD0…) are never text either. Both are refused here, with a 400 naming the field, by every door that
reads a caller's input (``core.http`` for the block's handlers, the REST API's parser and query), so the code behind
a door only ever sees valid text. Field bounds are a table each door passes in: a text's length, a whole number's
range (a page number past 2**63 is no database's integer).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cert_xblock.core.i18n import gettext_noop

Translate = Callable[[str], str]
# Whole numbers every database stores (a signed 64-bit integer), and the deepest a walk goes (parsers bound depth).
LARGEST_WHOLE = 2**63 - 1
_MAX_WALK = 32

INVALID_TEXT = gettext_noop("'{field}' holds a character that is not text ({code}): remove it and send it again.")
TOO_LONG = gettext_noop("'{field}' is too long ({length} characters; at most {limit}).")
NOT_WHOLE = gettext_noop("'{field}' must be a whole number between {low} and {high}.")


class InputRefused(ValueError):
    """A field the caller sent cannot be used; ``status`` is the 4xx, the message names the field."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def invalid_character(text: str) -> str | None:
    """The first character of ``text`` that is not valid Unicode text (lone surrogate, non-character), or None."""
    for char in text:
        point = ord(char)
        if 0xD800 <= point <= 0xDFFF or 0xFDD0 <= point <= 0xFDEF or point & 0xFFFE == 0xFFFE:
            return char
    return None


def code_of(char: str) -> str:
    """A character as people cite it: ``U+D800``."""
    return f"U+{ord(char):04X}"


def printable(text: str) -> str:
    """``text`` with each invalid character written as its code point, so a refusal can quote where it is."""
    return "".join(code_of(char) if invalid_character(char) else char for char in text)


def check_text(value: Any, field: str = "", _: Translate = lambda s: s) -> None:
    """Refuse (``InputRefused``, 400) any text inside ``value`` — keys too, at any depth — that is not valid
    Unicode, naming where it is (``note``, ``values.signatories[0]``)."""
    found = _first_invalid(value, field, 0)
    if found is not None:
        where, char = found
        raise InputRefused(_(INVALID_TEXT).format(field=where or "body", code=code_of(char)))


def _first_invalid(value: Any, where: str, depth: int) -> tuple[str, str] | None:
    if isinstance(value, str):
        char = invalid_character(value)
        return (where, char) if char is not None else None
    if depth > _MAX_WALK:
        return None
    if isinstance(value, Mapping):
        for key, child in value.items():
            name = f"{where}.{printable(str(key))}" if where else printable(str(key))
            found = _first_invalid(key, name, depth + 1) or _first_invalid(child, name, depth + 1)
            if found is not None:
                return found
    elif isinstance(value, (list, tuple)):
        for index, child in enumerate(value):
            found = _first_invalid(child, f"{where}[{index}]", depth + 1)
            if found is not None:
                return found
    return None


@dataclass(frozen=True)
class Bounds:
    """The bounds of a door's named fields: ``text`` (field → most characters) and ``whole`` (field → (low, high),
    for numbers and for digits sent as text, such as a query's ``page``). Fields not named are only checked for
    valid text; the operation behind the door still says what a value means."""

    text: Mapping[str, int]
    whole: Mapping[str, tuple[int, int]]

    def check(self, data: Mapping[str, Any], _: Translate = lambda s: s) -> None:
        """Refuse the first field out of bounds (``InputRefused``, 400, naming it and its limit)."""
        check_text(data, "", _)
        for field, limit in self.text.items():
            value = data.get(field)
            if isinstance(value, str) and len(value) > limit:
                raise InputRefused(_(TOO_LONG).format(field=field, length=len(value), limit=limit))
        for field, (low, high) in self.whole.items():
            value = data.get(field)
            if value is None or value == "":
                continue
            number = _whole(value)
            if number is None or not low <= number <= high:
                raise InputRefused(_(NOT_WHOLE).format(field=field, low=low, high=high))


def _whole(value: Any) -> int | None:
    """A whole number as sent (a JSON integer, or decimal digits of a query), or None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = value.strip() if isinstance(value, str) else ""
    if text.isascii() and text.isdigit() and len(text) <= 20:
        return int(text)
    return None
