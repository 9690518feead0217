"""What a plug-in package implements: the two entry-point groups and the plain data they exchange with the block.

A plug-in is an object (or a class, instantiated once with no arguments) named by an entry point of an installed
distribution. Everything here is plain, typed data so a plug-in author can write and test one without Django or an
Open edX instance; ``docs/plugins.md`` walks through the example package in ``tests/plugin_example``.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from opaque_keys.edx.keys import CourseKey

from cert_xblock.platform.types import GradeSnapshot
from cert_xblock.rendering import DesignPage, Layout

ELIGIBILITY_GROUP = "cert_xblock.eligibility"
DESIGN_GROUP = "cert_xblock.designs"


@dataclass(frozen=True)
class EligibilityRequest:
    """One chunk of learners to decide for at once (a click asks for one learner, a batch chunk for hundreds):
    a source answers them all in a constant number of reads of its own, whatever their count."""

    course_key: CourseKey
    block_id: str  # the certificate block's usage key, as text
    user_ids: tuple[int, ...]
    grades: Mapping[int, GradeSnapshot]  # each learner's course grade, as the platform reported it
    languages: Mapping[int, str] = field(default_factory=dict)  # each learner's language code; absent: "en"

    def language(self, user_id: int) -> str:
        """The language to write this learner's message in."""
        return self.languages.get(user_id) or "en"


@dataclass(frozen=True)
class Verdict:
    """A source's answer for one learner: whether they meet its rule, and the sentence they are shown
    (in their language). ``current`` and ``required`` (0..100) draw the learner view's progress bar when given."""

    met: bool
    message: str
    current: float | None = None
    required: float | None = None


@runtime_checkable
class EligibilitySource(Protocol):
    """Entry-point group ``cert_xblock.eligibility``: decides who meets the source's rule.

    Optional: ``candidates(course_key) -> Iterable[int]``, the learners the batch should consider for a block that
    uses this source (without it the batch considers the course's learners in a certifying enrollment).
    """

    title: str  # shown in Studio's list and in the learner view
    help_text: str  # shown in Studio under the title

    def decide(self, request: EligibilityRequest) -> Mapping[int, Verdict]:
        """A verdict for every learner of ``request.user_ids``."""


@runtime_checkable
class CandidateSource(Protocol):
    """A source that also narrows the batch's candidates (see ``EligibilitySource``)."""

    def candidates(self, course_key: CourseKey) -> Iterable[int]:
        """The user ids that may meet the rule in this course; others are not asked."""


@runtime_checkable
class DesignSource(Protocol):
    """Entry-point group ``cert_xblock.designs``: the page's artwork and where each text goes.

    ``layout`` gets the page (``DesignPage``: size, margin, accent colour, number of signatories and the shared grid
    ``standard``) and returns a ``Layout`` with every slot of ``standard`` (it may move or restyle them), the QR,
    logo and signature boxes, and ``artwork``: PDF operators drawn with reportlab through ``page.artwork(draw)``.
    The renderer prints the texts, pictures and QR code, tagged for screen readers, in every script.
    """

    title: str
    help_text: str

    def layout(self, page: DesignPage) -> Layout:
        """The design's layout for this page."""
