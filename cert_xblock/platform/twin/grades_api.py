"""Twin of ``lms.djangoapps.grades.api``: the part of its surface cert_xblock calls.

``CourseGradeFactory.read`` reads the persisted row as stored: the platform rounds a percent when it computes
the grade and stores it so, and reads it back without rounding again; a failing row's letter ('') reads as
None (``CourseGradeBase`` keeps ``letter_grade or None``). Without a row, a read with ``create_if_needed=False``
returns a zero grade, as every release does. With the default ``create_if_needed=True``, older releases compute
and save a grade there, so the twin refuses, as it refuses ``update``: cert_xblock must never cause a grade
computation, and a call that could would be a bug the tests should see.
"""
from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from cert_xblock.platform.twin.coursework import PersistentSubsectionGrade
from cert_xblock.platform.twin.models import PersistentCourseGrade

# The prefetched subsection grades, per course (the platform keeps them in the RequestCache, keyed by course).
_subsection_cache: dict[Any, dict[int, list[PersistentSubsectionGrade]]] = {}


class CourseGrade:
    """The fields of the platform's ``CourseGrade`` that a persisted read fills in."""

    def __init__(self, user: Any, course_key: Any, percent: float, letter_grade: str | None, passed: bool,
                 last_updated: datetime | None = None, attempted: bool = True):
        self.user = user
        self.course_key = course_key
        self.percent = percent
        self.letter_grade = letter_grade or None
        self.passed = passed
        self.attempted = attempted
        self.last_updated = last_updated


class ZeroCourseGrade(CourseGrade):
    """No persisted grade: 0%, not passed, no letter, not attempted."""

    def __init__(self, user: Any, course_key: Any):
        super().__init__(user, course_key, 0.0, None, False, None, attempted=False)


class GradeUpdateForbidden(RuntimeError):
    """cert_xblock asked the twin for a call that computes a grade, which the product must never do."""


class CourseGradeFactory:
    GradeResult = namedtuple("GradeResult", ["student", "course_grade", "error"])

    def read(self, user, course=None, collected_block_structure=None, course_structure=None, course_key=None,
             create_if_needed=True) -> CourseGrade:
        course_key = course_key or getattr(course, "id", None)
        try:
            row = PersistentCourseGrade.read(user.id, course_key)
        except PersistentCourseGrade.DoesNotExist:
            if create_if_needed:
                raise GradeUpdateForbidden(
                    "CourseGradeFactory.read without create_if_needed=False computes a grade on older releases"
                ) from None
            return ZeroCourseGrade(user, course_key)
        return CourseGrade(user, course_key, row.percent_grade, row.letter_grade, row.letter_grade != "",
                           last_updated=row.modified)

    def iter(self, users: Iterable, course=None, collected_block_structure=None, course_key=None,
             force_update=False):
        for user in users:
            try:
                yield self.GradeResult(user, self.read(user, course=course, course_key=course_key), None)
            except Exception as exc:  # noqa: BLE001 - the platform keeps marching past one learner's error
                yield self.GradeResult(user, None, exc)

    def update(self, user, course=None, collected_block_structure=None, course_structure=None, course_key=None,
               force_update_subsections=False):
        raise GradeUpdateForbidden("CourseGradeFactory.update must not be called by cert_xblock")


def prefetch_course_grades(course_key, users) -> None:
    PersistentCourseGrade.prefetch(course_key, users)


def clear_prefetched_course_grades(course_key) -> None:
    """Drops both prefetched course and subsection grades, as the platform's function of this name does."""
    PersistentCourseGrade.clear_prefetched_data(course_key)
    _subsection_cache.pop(course_key, None)


def prefetch_course_and_subsection_grades(course_key, users) -> None:
    """Course grades and every subsection grade of these learners, one query each (``select_related('override')``
    as ``PersistentSubsectionGrade.prefetch`` does)."""
    PersistentCourseGrade.prefetch(course_key, users)
    cached: dict[int, list[PersistentSubsectionGrade]] = {user.id: [] for user in users}
    rows = PersistentSubsectionGrade.objects.select_related("override").filter(
        user_id__in=[user.id for user in users], course_id=course_key)
    for row in rows:
        cached.setdefault(row.user_id, []).append(row)
    _subsection_cache[course_key] = cached


def get_subsection_grades(user_id, course_key) -> dict:
    """Usage key → persisted subsection grade of one learner: from the prefetch when there is one, else a query
    (``models_api.get_subsection_grades`` over ``bulk_read_grades``)."""
    cached = _subsection_cache.get(course_key)
    rows = cached.get(user_id, []) if cached is not None else PersistentSubsectionGrade.objects.select_related(
        "override").filter(user_id=user_id, course_id=course_key)
    return {row.usage_key: row for row in rows}


def get_recently_modified_grades(course_keys, start_date, end_date, users=None):
    """QuerySet of persisted course grades, filtered and ordered like the platform's function."""
    filters: dict[str, Any] = {}
    if course_keys:
        filters["course_id__in"] = course_keys
    if start_date:
        filters["modified__gte"] = start_date
    if end_date:
        filters["modified__lte"] = end_date
    if users:
        filters["user_id__in"] = [u.id for u in users]
    return PersistentCourseGrade.objects.filter(**filters).order_by("modified")
