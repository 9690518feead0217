"""``python -m tests.reliability.seed_crowd PREFIX COUNT``: COUNT passing learners ``PREFIX-0``… in the demo
course of a running server's database (its environment), in bulk, and ``cara`` as course staff."""
from __future__ import annotations

import sys
from datetime import UTC, datetime

import django


def main(prefix: str, count: int) -> None:
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from opaque_keys.edx.keys import CourseKey

    from cert_xblock.platform.twin.models import CourseAccessRole, CourseEnrollment, PersistentCourseGrade, UserProfile

    course = CourseKey.from_string(settings.CERT_XBLOCK_TWIN_COURSE)
    users = get_user_model().objects.bulk_create(get_user_model()(username=f"{prefix}-{i}",
                                                                  email=f"{prefix}-{i}@example.com")
                                                 for i in range(count))
    UserProfile.objects.bulk_create(UserProfile(user=u, name=f"Crowd Learner {i} Ødegård") for i, u in
                                    enumerate(users))
    CourseEnrollment.objects.bulk_create(CourseEnrollment(user=u, course_id=course, mode="verified") for u in users)
    PersistentCourseGrade.objects.bulk_create(PersistentCourseGrade(
        user_id=u.pk, course_id=course, percent_grade=0.9, letter_grade="A", grading_policy_hash="crowd",
        passed_timestamp=datetime.now(UTC)) for u in users)
    staff, _ = get_user_model().objects.get_or_create(username="cara", defaults={"email": "cara@example.com"})
    CourseAccessRole.objects.get_or_create(user=staff, org=course.org, course_id=course, role="staff")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
