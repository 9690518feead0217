"""What ``core.inputs`` lets through: valid Unicode text, up to each field's bound, and nothing past it."""
from __future__ import annotations

import pytest

from cert_xblock.core.inputs import Bounds, InputRefused, check_text, invalid_character


@pytest.mark.parametrize("point, valid", [
    (0xD7FF, True), (0xD800, False), (0xDBFF, False), (0xDC00, False), (0xDFFF, False), (0xE000, True),
    (0xFDCF, True), (0xFDD0, False), (0xFDEF, False), (0xFDF0, True),
    (0xFFFD, True), (0xFFFE, False), (0xFFFF, False), (0x1FFFE, False), (0x10000, True), (0x10FFFD, True),
    (0x10FFFF, False), (0x0, True), (0x200B, True),
])
def test_lone_surrogates_and_non_characters_are_not_text_everything_else_is(point, valid):
    assert (invalid_character(f"ab{chr(point)}") is None) is valid


def test_a_refusal_names_where_the_character_is_even_in_a_key():
    with pytest.raises(InputRefused, match=r"^'values.signatories\[1\]' holds a character that is not text \(U\+D8"):
        check_text({"values": {"signatories": ["Ada", "x\ud800"]}})
    with pytest.raises(InputRefused, match=r"^'noteU\+FFFE' holds a character that is not text \(U\+FFFE\)"):
        check_text({"note\ufffe": "fine"})
    check_text({"name": "Ünïcødé 名前 ✓", "n": [1, None, True]})


BOUNDS = Bounds(text={"certificate": 64}, whole={"page": (1, 10**9)})


@pytest.mark.parametrize("data, refused", [
    ({"certificate": "a" * 64}, None), ({"certificate": "a" * 65}, "'certificate' is too long (65 characters"),
    ({"page": "1"}, None), ({"page": 10**9}, None), ({"page": "0"}, "'page' must be a whole number"),
    ({"page": 10**9 + 1}, "'page' must be a whole number"), ({"page": "368934881474191034"}, "'page' must be"),
    ({"page": "²"}, "'page' must be"), ({"page": True}, "'page' must be"), ({"page": ""}, None),
])
def test_bounds_hold_at_their_limits(data, refused):
    if refused is None:
        BOUNDS.check(data)
    else:
        with pytest.raises(InputRefused, match=refused.replace("(", r"\(")):
            BOUNDS.check(data)
