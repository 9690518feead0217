"""The audit learner's upgrade link is shown only where the platform's ``can_show_verified_upgrade`` would show it:
an active enrollment in an upsold mode, before the verified mode's deadline (issue 20, item 8). Run against the
twin and against the seam's LMS code over doubles of ``lms/djangoapps/courseware/utils.py``."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from opaque_keys.edx.keys import CourseKey

from cert_xblock import platform
from cert_xblock.platform.twin.models import CourseEnrollment, CourseMode

COURSE = CourseKey.from_string("course-v1:UpX+U1+2026")
pytestmark = pytest.mark.django_db


def learner(mode: str, active: bool = True) -> int:
    user = get_user_model().objects.create(username=f"{mode}-{active}")
    CourseEnrollment.objects.create(user=user, course_id=COURSE, mode=mode, is_active=active)
    return user.pk


def verified_track(deadline: datetime | None) -> None:
    CourseMode.objects.create(course_id=COURSE, mode_slug="verified", mode_display_name="Verified",
                              expiration_datetime=deadline)


def test_an_audit_learner_before_the_deadline_gets_the_platforms_link(platform_side):
    verified_track(datetime.now(UTC) + timedelta(days=3))
    assert platform.upgrade_url(learner("audit"), COURSE).endswith(f"/upgrade/{COURSE}/")


def test_after_the_deadline_there_is_no_link(platform_side):
    verified_track(datetime.now(UTC) - timedelta(days=2))
    assert platform.upgrade_url(learner("audit"), COURSE) == ""


@pytest.mark.parametrize("mode, active", [("verified", True), ("audit", False)])
def test_a_verified_or_unenrolled_learner_gets_no_link(platform_side, mode, active):
    verified_track(datetime.now(UTC) + timedelta(days=3))
    assert platform.upgrade_url(learner(mode, active), COURSE) == ""


def test_a_course_without_a_verified_deadline_shows_no_upgrade(platform_side):
    verified_track(None)
    assert platform.upgrade_url(learner("audit"), COURSE) == ""
