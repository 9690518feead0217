"""Bulk seeding of large courses in the twin's platform tables, for the batch tests and the benchmark.

Learner ``i`` of a course gets a profile chosen by ``i % 10`` so every kind of learner the batch must tell
apart is present in any course of ten or more: passed, failed, never graded, passed-then-failed, audit,
inactive, allowlisted below the bar, revoked. ``SeededCourse.eligible`` is the set that must end up
certified, computed from the same table, independently of the code under test.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from opaque_keys.edx.keys import CourseKey

from cert_xblock.config.values import CertificateSettings
from cert_xblock.models import AllowlistEntry, CertificateBlockConfig, IssuedCertificate
from cert_xblock.platform.twin.models import (
    CourseEnrollment,
    CourseOverview,
    PersistentCourseGrade,
    UserProfile,
)

PASSED_AT = datetime(2026, 11, 1, tzinfo=UTC)

# i % 10 -> (mode, is_active, percent or None for no grade row, letter, passed_timestamp set, allowlisted, eligible)
PROFILES = {
    0: ("verified", True, 0.91, "Pass", True, False, True),
    1: ("verified", True, 0.75, "Pass", True, False, True),
    2: ("honor", True, 0.70, "Pass", True, False, True),
    3: ("verified", True, 0.42, "", False, False, False),       # failing
    4: ("verified", True, None, "", False, False, False),        # never graded
    5: ("verified", True, 0.55, "", True, False, False),         # passed once, failing now
    6: ("audit", True, 0.88, "Pass", True, False, False),        # auditing
    7: ("verified", False, 0.95, "Pass", True, False, False),    # unenrolled
    8: ("audit", True, 0.30, "", False, True, True),             # allowlisted below the bar
    9: ("verified", True, 0.99, "Pass", True, False, False),     # revoked earlier (see seed_course)
}


@dataclass
class SeededCourse:
    course_key: CourseKey
    block_id: str
    user_ids: list[int] = field(default_factory=list)
    eligible: set[int] = field(default_factory=set)


def seed_course(learners: int, slug: str = "B500", schedule: str = "", every_learner_passes: bool = False,
                all_hold_certificates: bool = False, email_on_issue: bool = True) -> SeededCourse:
    """A course of ``learners`` learners with its certificate block's settings stored, in bulk inserts."""
    course_key = CourseKey.from_string(f"course-v1:BatchX+{slug}+2026")
    block_id = f"block-v1:BatchX+{slug}+2026+type@cert_xblock+block@certificate"
    CourseOverview.objects.update_or_create(id=course_key, defaults={
        "display_name": f"Batch course {slug}", "org": "BatchX", "lowest_passing_grade": "0.70"})
    rules = CertificateSettings(batch_schedule=schedule, email_on_issue=email_on_issue)
    CertificateBlockConfig.objects.update_or_create(block_id=block_id, defaults={
        "course_key": course_key, "settings": rules.to_dict()})
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"{slug.lower()}-{i}", email=f"{slug.lower()}-{i}@example.com")
        for i in range(learners))
    seeded = SeededCourse(course_key, block_id, [u.pk for u in users])
    profiles, enrollments, grades, allowlist, certificates = [], [], [], [], []
    for i, user in enumerate(users):
        profile = PROFILES[i % 10]
        mode, active, percent, letter, ever_passed, allowlisted, eligible = profile
        if every_learner_passes:
            mode, active, percent, letter, ever_passed, allowlisted, eligible = PROFILES[0]
        profiles.append(UserProfile(user=user, name=f"Learner {i} Łukasz Ødegård"))
        enrollments.append(CourseEnrollment(user=user, course_id=course_key, mode=mode, is_active=active))
        if percent is not None:
            grades.append(PersistentCourseGrade(user_id=user.pk, course_id=course_key, percent_grade=percent,
                                                letter_grade=letter, grading_policy_hash="seed",
                                                passed_timestamp=PASSED_AT if ever_passed else None))
        if allowlisted:
            allowlist.append(AllowlistEntry(user=user, course_key=course_key, block_id=block_id))
        if all_hold_certificates or (i % 10 == 9 and not every_learner_passes):
            revoked = not all_hold_certificates
            certificates.append(IssuedCertificate(
                user=user, course_key=course_key, block_id=block_id, name=f"Learner {i}", course_name="Batch",
                status="revoked" if revoked else "issued", live=None if revoked else 1, issued_at=PASSED_AT,
                file_name=f"seeded/{i}.pdf", request_id="seed"))
        elif eligible:
            seeded.eligible.add(user.pk)
    for model, rows in ((UserProfile, profiles), (CourseEnrollment, enrollments), (PersistentCourseGrade, grades),
                        (AllowlistEntry, allowlist), (IssuedCertificate, certificates)):
        model.objects.bulk_create(rows, batch_size=5000)
    return seeded


def certified(course: SeededCourse) -> list[int]:
    """User ids holding a live certificate of the course's block (a list: duplicates would show)."""
    return list(IssuedCertificate.objects.filter(block_id=course.block_id, live=1).values_list("user_id", flat=True))
