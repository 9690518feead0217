"""Names made printable once: what is removed, what is kept, and the longest name a certificate prints legibly."""
from __future__ import annotations

from datetime import date

import pytest

from cert_xblock.issuing.names import NAME_MAX_COLUMNS, NameRefused, certificate_name, printable_name, refusal_message
from cert_xblock.rendering import DESIGNS, CertificateData, Design
from cert_xblock.rendering.engine import layout_certificate

LEGIBLE_POINTS = 12.0


@pytest.mark.parametrize("raw, printed", [
    ("Ada\x00 Love\x07lace", "Ada Lovelace"),  # NUL and other controls go
    ("  Ada \t\n Lovelace  ", "Ada Lovelace"),  # any white space collapses
    ("\u202eecalevoL adA", "ecalevoL adA"),  # an override cannot reverse the page but not the PDF
    ("\u2067שלום\u2069 Ada\u200f", "שלום Ada"),  # isolates and marks: the bidi algorithm alone orders the name
    ("Ada\u200b\u00ad\ufeffLovelace", "AdaLovelace"),  # invisible format characters go
    ("ශ්\u200dරී", "ශ්\u200dරී"),  # the zero-width joiner that makes ශ්‍රී is kept
    ("Ame\u0301lie", "Amélie"),  # NFC: one é however it was typed
])
def test_a_name_is_made_printable_once(raw, printed):
    assert printable_name(raw) == printed


def test_a_name_with_nothing_printable_falls_back_to_the_username():
    assert certificate_name("\u202e\x00 ", fallback="ada") == "ada"
    with pytest.raises(NameRefused) as refused:
        certificate_name("\x00", fallback="")
    assert "Add your full name in your account settings" in refusal_message(refused.value)


def test_the_longest_name_allowed_and_one_column_more():
    assert certificate_name("a" * NAME_MAX_COLUMNS) == "a" * NAME_MAX_COLUMNS
    with pytest.raises(NameRefused) as refused:
        certificate_name("a" * (NAME_MAX_COLUMNS + 1))
    assert refusal_message(refused.value) == (
        "Your full name is too long to print on a certificate (129 characters; at most 128). Shorten the full name "
        "in your account settings, then try again.")
    with pytest.raises(NameRefused):
        certificate_name("李" * (NAME_MAX_COLUMNS // 2 + 1))  # wide characters count two columns


def test_a_ten_thousand_character_name_is_refused_not_truncated():
    with pytest.raises(NameRefused) as refused:
        certificate_name("Very Long Name " * 700)
    assert refused.value.length > 10_000 - 100


@pytest.mark.parametrize("design", DESIGNS)
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_the_longest_allowed_name_prints_legibly_in_every_design(design, orientation, page_size):
    """Where the limit comes from: a name of NAME_MAX_COLUMNS wide Latin letters still prints at 12 pt or more."""
    name = ("Wilhelmina Maximiliana Ångström-Wolfeschlegelsteinhausenbergerdorff " * 3)[:NAME_MAX_COLUMNS]
    data = CertificateData(learner_name=name, course_name="A course", org_name="An org", issued_on=date(2026, 12, 2),
                           verify_url="https://lms.example.org/certificates/verify/x", short_code="AAAAA-BBBBB",
                           title="Certificate of Completion")
    block = layout_certificate(data, Design(name=design, orientation=orientation, page_size=page_size))["name"]
    assert block.size >= LEGIBLE_POINTS
