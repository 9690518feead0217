"""Enrolments and modes: who is enrolled in a course, in which mode, whether the platform certifies that mode, and
where an audit learner upgrades (common/djangoapps/student/models.py, common/djangoapps/course_modes/models.py).
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from opaque_keys.edx.keys import CourseKey

from cert_xblock.platform import backend
from cert_xblock.platform.types import Enrollment

log = logging.getLogger(__name__)

def enrollments(course_key: CourseKey) -> Any:
    """QuerySet of active enrollments in the course."""
    return backend.current().CourseEnrollment.objects.filter(course_id=course_key, is_active=True)


def mode_earns_certificate(mode: str) -> bool:
    """The platform's own rule, ``CourseMode.is_eligible_for_certificate``: audit never, honor not where
    ``FEATURES['DISABLE_HONOR_CERTIFICATES']`` (common/djangoapps/course_modes/models.py)."""
    return bool(backend.current().CourseMode.is_eligible_for_certificate(mode))


def enrollment_modes(course_key: CourseKey) -> dict[str, bool]:
    """Each mode of the course's active enrollments → whether the platform certifies it (one query)."""
    modes = enrollments(course_key).order_by().values_list("mode", flat=True).distinct()
    return {mode: mode_earns_certificate(mode) for mode in modes}


def _enrollment(mode: str, is_active: bool) -> Enrollment:
    return Enrollment(mode=mode, is_active=is_active, earns_certificate=mode_earns_certificate(mode))


def get_enrollment(user_id: int, course_key: CourseKey) -> Enrollment | None:
    """The learner's enrollment in the course, or None when they never enrolled."""
    row = backend.current().CourseEnrollment.objects.filter(user_id=user_id, course_id=course_key).first()
    return _enrollment(row.mode, row.is_active) if row else None


def get_enrollments(user_ids: Iterable[int], course_key: CourseKey) -> dict[int, Enrollment]:
    """Many learners' enrollments in one query; learners who never enrolled are absent."""
    rows = backend.current().CourseEnrollment.objects.filter(user_id__in=list(user_ids), course_id=course_key)
    return {user_id: _enrollment(mode, is_active)
            for user_id, mode, is_active in rows.values_list("user_id", "mode", "is_active")}


def upgrade_url(user_id: int | None, course_key: CourseKey) -> str:
    """Where an audit learner upgrades to a certificate track in this course (the platform's own link), or ""."""
    if user_id is None:
        return ""
    try:
        return backend.current().upgrade_url(user_id, course_key)
    except Exception:
        log.warning("cert_xblock no upgrade link for user=%s course=%s", user_id, course_key, exc_info=True)
        return ""

