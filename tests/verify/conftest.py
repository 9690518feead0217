"""A small course with real certificates issued through the one issuance path: valid, revoked, expired."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from opaque_keys.edx.keys import CourseKey

from cert_xblock import platform
from cert_xblock.config.stored import save_block_config
from cert_xblock.config.values import CertificateSettings
from cert_xblock.issuing.issuance import BlockRef, issue_certificate
from cert_xblock.models import IssuedCertificate
from cert_xblock.platform.twin.models import CourseEnrollment, CourseOverview, PersistentCourseGrade, UserProfile

COURSE = CourseKey.from_string("course-v1:VerifyX+V101+2026")
BLOCK = BlockRef("block-v1:VerifyX+V101+2026+type@cert_xblock+block@final", COURSE)
RULES = CertificateSettings(certificate_title="Certificate of Completion", validity_months=24)


@dataclass
class Issued:
    valid: IssuedCertificate
    revoked: IssuedCertificate
    expired: IssuedCertificate


def make_learner(username: str, full_name: str, percent: float) -> int:
    user = get_user_model().objects.create(username=username, email=f"{username}@example.org")
    UserProfile.objects.create(user=user, name=full_name)
    CourseEnrollment.objects.create(user=user, course_id=COURSE, mode="verified")
    PersistentCourseGrade.objects.create(user_id=user.pk, course_id=COURSE, percent_grade=percent, letter_grade="Pass",
                                         grading_policy_hash="h")
    return user.pk


@pytest.fixture
def issued(tmp_path, settings) -> Issued:
    """Three learners' certificates of one block; the block's settings copy says whether the grade shows."""
    settings.STORAGES = {**settings.STORAGES, "cert_xblock": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "certs")}}}
    CourseOverview.objects.create(id=COURSE, display_name="Verification in Practice", org="VerifyX",
                                  display_organization="Verify University", lowest_passing_grade="0.5")
    save_block_config(BLOCK.block_id, COURSE, RULES)

    def issue(username: str, name: str, percent: float, now: datetime | None = None) -> IssuedCertificate:
        learner = platform.learner_by_id(make_learner(username, name, percent))
        return issue_certificate(learner, BLOCK, RULES, via="learner", request_id=f"req-{username}",
                                 now=now).certificate

    valid = issue("vera", "Vera Valid", 0.91)
    revoked = issue("rex", "Rex Revoked", 0.77)
    expired = issue("eli", "Eli Expired", 0.66, now=datetime.now(UTC) - timedelta(days=3 * 365))
    # Revocation is a later staff action; here the row is set as that action will leave it.
    IssuedCertificate.objects.filter(pk=revoked.pk).update(
        status=IssuedCertificate.Status.REVOKED, live=None, revoked_at=datetime(2026, 10, 5, 9, tzinfo=UTC))
    revoked.refresh_from_db()
    return Issued(valid, revoked, expired)
