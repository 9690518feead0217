"""Grades: the learner's persisted course grade and subsection grades, read through the grades api, never computed.

``CourseGradeFactory().read`` with ``create_if_needed=False`` (lms/djangoapps/grades/course_grade_factory.py); the
bulk forms prefetch and clear the api's caches (lms/djangoapps/grades/models_api.py).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from opaque_keys.edx.keys import CourseKey

from cert_xblock.platform import backend, contract
from cert_xblock.platform.types import GradeSnapshot, SubsectionScore

# What the platform's ``ZeroCourseGrade`` says: no persisted grade is 0%, not passed, no letter, not attempted.
ZERO_GRADE = GradeSnapshot(percent=0.0, passed=False, letter=None, attempted=False)


def _snapshot(course_grade: Any) -> GradeSnapshot:
    return GradeSnapshot(
        percent=float(course_grade.percent),
        passed=bool(course_grade.passed),
        letter=course_grade.letter_grade or None,
        attempted=bool(getattr(course_grade, "attempted", False)),
        last_updated=getattr(course_grade, "last_updated", None),
    )


def _read_persisted(factory: Any, user: Any, course_key: CourseKey) -> GradeSnapshot:
    """``read`` with ``create_if_needed=False``: older releases compute and save a grade when none is persisted
    and the flag is left at its default (lms/djangoapps/grades/course_grade_factory.py). None is a zero grade."""
    grade = factory.read(user, course_key=course_key, create_if_needed=False)
    return _snapshot(grade) if grade is not None else ZERO_GRADE


def read_course_grade(user_id: int, course_key: CourseKey) -> GradeSnapshot:
    """The learner's persisted course grade. Never computed: a click must not cause a grade computation."""
    return _read_persisted(backend.current().grades_api.CourseGradeFactory(), contract.django_user(user_id), course_key)


def read_course_grades(user_ids: Iterable[int], course_key: CourseKey) -> dict[int, GradeSnapshot]:
    """Grades of many learners with one prefetch (one query), then cleared so memory does not grow."""
    from django.contrib.auth import get_user_model

    api = backend.current().grades_api
    users = list(get_user_model().objects.filter(pk__in=list(user_ids)))
    api.prefetch_course_grades(course_key, users)
    try:
        factory = api.CourseGradeFactory()
        return {user.pk: _read_persisted(factory, user, course_key) for user in users}
    finally:
        api.clear_prefetched_course_grades(course_key)


def passed_grades(course_key: CourseKey) -> Any:
    """QuerySet of persisted course grades in the course that have ever passed (uses the platform's index)."""
    api = backend.current().grades_api
    return api.get_recently_modified_grades([course_key], None, None).filter(passed_timestamp__isnull=False)


def course_grade_rows(course_key: CourseKey) -> Any:
    """QuerySet of every persisted course grade in the course (the platform's public accessor, unordered)."""
    return backend.current().grades_api.get_recently_modified_grades([course_key], None, None).order_by()


def _subsection_score(row: Any) -> SubsectionScore:
    """A persisted subsection grade as the platform reads it: an override's non-null values win
    (``_aggregated_score_from_model`` in lms/djangoapps/grades/subsection_grade.py)."""
    earned, possible = row.earned_graded, row.possible_graded
    override = getattr(row, "override", None)
    if override is not None:
        earned = override.earned_graded_override if override.earned_graded_override is not None else earned
        possible = override.possible_graded_override if override.possible_graded_override is not None else possible
    return SubsectionScore(float(earned), float(possible))


def subsection_scores(user_ids: Iterable[int], course_key: CourseKey) -> dict[int, dict[str, SubsectionScore]]:
    """Many learners' persisted subsection grades (subsection usage key → score), never computed.

    The grades api's bulk form: ``prefetch_course_and_subsection_grades`` reads every learner's rows in one query
    on the unique index (course_id, user_id, usage_key) (``PersistentSubsectionGrade.prefetch``), then
    ``get_subsection_grades`` serves each learner from that cache; ``clear_prefetched_course_grades`` drops both
    caches (lms/djangoapps/grades/models_api.py). A learner absent from a subsection never attempted it.
    """
    from django.contrib.auth import get_user_model

    api = backend.current().grades_api
    users = list(get_user_model().objects.filter(pk__in=list(user_ids)))
    api.prefetch_course_and_subsection_grades(course_key, users)
    try:
        return {user.pk: {str(key): _subsection_score(row)
                          for key, row in api.get_subsection_grades(user.pk, course_key).items()} for user in users}
    finally:
        api.clear_prefetched_course_grades(course_key)


def subsection_grade_rows(course_key: CourseKey, subsection_keys: list[str]) -> Any:
    """The course's persisted subsection grades in these subsections (a queryset, for the batch's SQL).

    It reads the course's range of the unique index (course_id, user_id, usage_key); the grades api has no query
    over a course's rows, so the model is read as the platform's grade report reads it (seed 001's use cases).
    """
    from opaque_keys.edx.keys import UsageKey

    keys = [UsageKey.from_string(key) for key in subsection_keys]
    return backend.current().PersistentSubsectionGrade.objects.filter(course_id=course_key, usage_key__in=keys)

