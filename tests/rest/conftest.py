"""A course with a learner holding certificates, another learner, course staff, and a staff member elsewhere."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from opaque_keys.edx.keys import CourseKey

from cert_xblock.config.stored import save_block_config
from cert_xblock.config.values import CertificateSettings
from cert_xblock.models import IssuedCertificate
from cert_xblock.platform.twin.models import CourseEnrollment, CourseOverview, PersistentCourseGrade, UserProfile
from cert_xblock.platform.twin.roles import CourseAccessRole
from cert_xblock.records import storage

COURSE = CourseKey.from_string("course-v1:RestX+R1+2026")
OTHER_COURSE = CourseKey.from_string("course-v1:RestX+R2+2026")
BLOCK = "block-v1:RestX+R1+2026+type@cert_xblock+block@final"
NOW = datetime.now(UTC)
PDF = b"%PDF-1.4 stand-in for the REST tests"


@dataclass
class People:
    learner: object
    other_learner: object
    course_staff: object
    other_course_staff: object
    instructor: object
    org_staff: object
    global_staff: object


def certificate(user, course_key=COURSE, block_id=BLOCK, **fields) -> IssuedCertificate:
    values = {"name": user.username.title(), "course_name": "REST in Practice", "org_name": "RestX",
              "issued_at": NOW - timedelta(days=10), "request_id": "req", "file_name": "c.pdf", "grade_percent": 0.88}
    return IssuedCertificate.objects.create(user=user, course_key=course_key, block_id=block_id, **{**values, **fields})


@pytest.fixture
def people(db, settings, tmp_path) -> People:
    settings.STORAGES = {**settings.STORAGES, "cert_xblock": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    storage.save_pdf("c.pdf", PDF)
    users = get_user_model().objects
    learner, other, staff, elsewhere, instructor, org_staff, global_staff = (
        users.create(username=name, email=f"{name}@example.org")
        for name in ("ada", "ben", "cara", "dev", "ivan", "olga", "sam"))
    global_staff.is_staff = True
    global_staff.save()
    CourseOverview.objects.create(id=COURSE, display_name="REST in Practice", org="RestX", lowest_passing_grade="0.6")
    for user, percent, letter in ((learner, 0.88, "B"), (other, 0.41, "")):
        UserProfile.objects.create(user=user, name=user.username.title())
        CourseEnrollment.objects.create(user=user, course_id=COURSE, mode="verified")
        PersistentCourseGrade.objects.create(user_id=user.pk, course_id=COURSE, percent_grade=percent,
                                             letter_grade=letter, grading_policy_hash="h")
    CourseAccessRole.objects.create(user=staff, course_id=COURSE, org="RestX", role="staff")
    CourseAccessRole.objects.create(user=elsewhere, course_id=OTHER_COURSE, org="RestX", role="instructor")
    CourseAccessRole.objects.create(user=instructor, course_id=COURSE, org="RestX", role="instructor")
    CourseAccessRole.objects.create(user=org_staff, org="RestX", role="staff")  # every course of the org
    save_block_config(BLOCK, COURSE, CertificateSettings(display_name="Final certificate"))
    certificate(learner, verify_id="a" * 32)
    certificate(learner, course_key=OTHER_COURSE, block_id="block-v1:RestX+R2+2026+type@cert_xblock+block@x",
                course_name="Another course")
    return People(learner, other, staff, elsewhere, instructor, org_staff, global_staff)
