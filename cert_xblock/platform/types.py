"""Plain data the platform seam returns: what a grade, a learner, an enrollment and a course look like.

Kept apart from the area modules so that pure modules (eligibility, rendering input) can use these types
without importing Django or the platform.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from opaque_keys.edx.keys import CourseKey


@dataclass(frozen=True)
class GradeSnapshot:
    """What ``CourseGradeFactory().read`` said about one learner, as plain data."""

    percent: float  # 0..1, as the platform rounds it
    passed: bool
    letter: str | None
    attempted: bool
    last_updated: datetime | None = None


@dataclass(frozen=True)
class Learner:
    user_id: int | None
    username: str
    full_name: str
    email: str
    language: str
    is_staff: bool = False

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None


ANONYMOUS = Learner(user_id=None, username="", full_name="", email="", language="en")


@dataclass(frozen=True)
class Enrollment:
    mode: str
    is_active: bool
    earns_certificate: bool  # the platform's ``CourseMode.is_eligible_for_certificate(mode)``


@dataclass(frozen=True)
class CourseInfo:
    course_key: CourseKey
    display_name: str
    org: str
    lowest_passing_grade: float | None  # 0..1, the course's own passing cutoff
    start: datetime | None
    end: datetime | None


@dataclass(frozen=True)
class CourseRoles:
    """What the platform says of one user in one course, for the permission table (``cert_xblock.core.permissions``)."""

    global_staff: bool = False
    course_staff: bool = False  # has_access(user, 'staff', course): staff, instructors, org staff, global staff
    instructor: bool = False  # has_access(user, 'instructor', course)
    author: bool = False  # may edit the course in Studio; only ever True in Studio's process
    # A course-team member viewing the course as someone else (``get_course_masquerade``): "learner" (view as a
    # learner, or as a content group), "specific" (view as a specific learner); "" when not masquerading. The
    # platform's masquerade is read-only, and the roles above are then the viewed learner's.
    masquerade: str = ""


NO_ROLES = CourseRoles()


# --- the course's structure and a learner's work in it (lesson certificates, assignment-type and completion rules) --
@dataclass(frozen=True)
class Unit:
    """A unit (vertical): every block in it, and those whose completion the platform counts."""

    usage_key: str
    blocks: tuple[str, ...]
    completable: tuple[str, ...]


@dataclass(frozen=True)
class Subsection:
    """A subsection (sequential) as the course's collected structure describes it.

    ``format`` is its assignment type (the grader's ``type``); ``possible_graded`` the graded points the course
    offers in it, which is what the platform counts for a learner who has no persisted grade there yet.
    """

    usage_key: str
    display_name: str
    graded: bool
    format: str
    possible_graded: float
    units: tuple[Unit, ...] = ()
    # When the learner may see their score: "always", "never", "past_due" (with ``due``, ISO text) — the
    # subsection's ``show_correctness``; the Progress page keeps hidden scores out of its figures.
    show_correctness: str = "always"
    due: str | None = None


@dataclass(frozen=True)
class Section:
    """A section (chapter) and its subsections, in course order."""

    usage_key: str
    display_name: str
    subsections: tuple[Subsection, ...]


@dataclass(frozen=True)
class AssignmentType:
    """One entry of the course's grading policy (``GRADER``), as ``xmodule.graders.AssignmentFormatGrader`` reads it."""

    type: str
    min_count: int
    drop_count: int
    weight: float
    short_label: str = ""


@dataclass(frozen=True)
class CourseOutline:
    """The course's sections, subsections and units, and its grading policy's assignment types."""

    sections: tuple[Section, ...]
    assignment_types: tuple[AssignmentType, ...]

    def section_holding(self, usage_key: str) -> Section | None:
        """The section whose units hold this block (its parent chain's chapter), or None."""
        for section in self.sections:
            for subsection in section.subsections:
                if any(usage_key in unit.blocks or usage_key == unit.usage_key for unit in subsection.units):
                    return section
        return None

    def sections_named(self, usage_keys: list[str]) -> tuple[Section, ...]:
        """The sections with these usage keys, in the author's order; unknown keys are left out."""
        by_key = {section.usage_key: section for section in self.sections}
        return tuple(by_key[key] for key in usage_keys if key in by_key)


@dataclass(frozen=True)
class SubsectionScore:
    """A learner's persisted graded score in one subsection, an instructor's override already applied."""

    earned_graded: float
    possible_graded: float


def assignment_types(grader: list[dict[str, Any]]) -> tuple[AssignmentType, ...]:
    """A grading policy's ``GRADER`` list as plain data (the platform's ``grader_from_conf`` reads the same keys)."""
    return tuple(AssignmentType(type=str(entry["type"]), min_count=int(float(entry.get("min_count", 0))),
                                drop_count=int(float(entry.get("drop_count", 0))),
                                weight=float(entry.get("weight", 0)), short_label=str(entry.get("short_label") or ""))
                 for entry in grader if "min_count" in entry)
