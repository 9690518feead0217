"""The renderer's inputs: plain, immutable data, so callers and tests can build them without Django."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any


class RenderError(ValueError):
    """The data cannot be printed (for example an empty learner name); the message says why."""


class MissingGlyphs(RenderError):
    """No available font has a glyph for some characters: the certificate is refused rather than printed with
    boxes. ``scripts`` names the scripts (or Unicode blocks) of ``characters``."""

    def __init__(self, characters: str, scripts: tuple[str, ...]) -> None:
        self.characters = characters
        self.scripts = scripts
        listed = ", ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in characters)
        super().__init__(
            f"No installed font can print these {' and '.join(scripts)} characters: {listed}. "
            "Install the fonts listed by `cert-xblock fonts` (or add a folder to CERT_XBLOCK_FONT_PATH)."
        )


@dataclass(frozen=True)
class Signatory:
    name: str
    title: str = ""
    signature: bytes | None = None  # PNG or JPEG bytes


@dataclass(frozen=True)
class Design:
    """Which design, and how the author set it up.

    ``artist`` draws a design that is not bundled (an installed plug-in, ``cert_xblock.plugins``): it receives a
    ``DesignPage`` and returns the ``Layout``. It is part of the design's identity, so templates drawn by one
    plug-in object are never reused for another.
    """

    name: str = "classic"
    orientation: str = "landscape"  # landscape | portrait
    page_size: str = "A4"  # A4 | Letter
    accent_color: str = "#1f4e79"
    artist: Callable[[Any], Any] | None = None


@dataclass(frozen=True)
class Wording:
    """The fixed sentences of a certificate, in the learner's language (the caller translates; English here).

    ``issued_on`` is the date as the reader writes it ("22 novembre 2026"); blank means "22 November 2026".
    """

    preamble: str = "This certifies that"
    completion: str = "has successfully completed"
    issued_by: str = "Issued by {org}"
    issued_on: str = ""
    on_date: str = "on {date}"
    verify_at: str = "Verify at {url}"
    code_label: str = "Verification code {code}"  # under the QR code, beside "Verify at {url}"
    # The pictures' alternate text (read by screen readers in the certificate's language).
    logo_of: str = "Logo of {org}"
    logo: str = "Logo"
    signature_of: str = "Signature of {name}"
    signature: str = "Signature"
    qr_code: str = "QR code linking to the verification page {url}"


@dataclass(frozen=True)
class CertificateData:
    learner_name: str
    course_name: str
    org_name: str
    issued_on: date
    verify_url: str
    short_code: str  # as printed, e.g. "7K2QM-XR4PA"
    title: str = "Certificate of Completion"
    grade_text: str = ""
    custom_text: str = ""
    signatories: tuple[Signatory, ...] = field(default_factory=tuple)
    logo: bytes | None = None
    language: str = "en"
    wording: Wording = field(default_factory=Wording)
