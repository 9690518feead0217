"""Plain data the platform seam returns: what a grade, a learner, an enrollment and a course look like.

Kept apart from ``compat`` so that pure modules (eligibility, rendering input) can use these types
without importing Django or the platform.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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
    """What the platform says of one user in one course, for the permission table (``cert_xblock.permissions``)."""

    global_staff: bool = False
    course_staff: bool = False  # has_access(user, 'staff', course): staff, instructors, org staff, global staff
    instructor: bool = False  # has_access(user, 'instructor', course)
    author: bool = False  # may edit the course in Studio; only ever True in Studio's process


NO_ROLES = CourseRoles()
