"""Twin of the LMS's upgrade message rule: ``can_show_verified_upgrade`` (lms/djangoapps/courseware/utils.py).

The platform shows an upgrade only to an active enrollment in a mode it upsells to verified (audit, honor) while
the enrollment's upgrade deadline has not passed; the deadline is the course's verified mode's
``expiration_datetime`` (``CourseEnrollment.course_upgrade_deadline``), and with no verified mode, or one without
a deadline, there is none and no upgrade is shown. (The LMS's dynamic, schedule-based deadlines are not played.)
"""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from opaque_keys.edx.keys import CourseKey

from cert_xblock.platform.twin.models import CourseEnrollment, CourseMode

UPSELL_TO_VERIFIED_MODES = ("audit", "honor")  # CourseMode.UPSELL_TO_VERIFIED_MODES


def can_show_verified_upgrade(user: Any, enrollment: CourseEnrollment | None, course: Any = None) -> bool:
    if enrollment is None or enrollment.mode not in UPSELL_TO_VERIFIED_MODES:
        return False
    verified = CourseMode.objects.filter(course_id=enrollment.course_id, mode_slug="verified").first()
    deadline = verified.expiration_datetime if verified is not None else None
    if deadline is None or datetime.now(UTC).date() > deadline.date():
        return False
    return enrollment.is_active


def upgrade_url(user_id: int, course_key: CourseKey) -> str:
    """The twin's upgrade page, where the platform would show an upgrade; "" elsewhere."""
    enrollment = CourseEnrollment.objects.filter(user_id=user_id, course_id=course_key).first()
    return f"/twin/upgrade/{course_key}/" if can_show_verified_upgrade(None, enrollment) else ""
