"""Enrollment tracks are certified by the platform's own rule (``CourseMode.is_eligible_for_certificate``)."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model

from cert_xblock import platform
from cert_xblock.config.stored import save_block_config
from cert_xblock.issuing.batch import runner as batch
from cert_xblock.issuing.issuance import issue_certificate
from cert_xblock.platform.twin.models import (
    CourseEnrollment,
    CourseMode,
    CourseOverview,
    PersistentCourseGrade,
    UserProfile,
)
from tests.verify.conftest import BLOCK, COURSE, RULES

pytestmark = pytest.mark.django_db


@pytest.fixture
def passing(tmp_path, settings):
    """Makes a passing learner enrolled in a given mode; emails off, local storage."""
    settings.STORAGES = {**settings.STORAGES, "cert_xblock": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    settings.CERT_XBLOCK_EMAIL_ENABLED = False
    CourseOverview.objects.create(id=COURSE, display_name="Tracks", org="VerifyX", lowest_passing_grade="0.5")
    save_block_config(BLOCK.block_id, COURSE, RULES)

    def make(username: str, mode: str) -> int:
        user = get_user_model().objects.create(username=username, email=f"{username}@example.org")
        UserProfile.objects.create(user=user, name=username.title())
        CourseEnrollment.objects.create(user=user, course_id=COURSE, mode=mode)
        PersistentCourseGrade.objects.create(user_id=user.pk, course_id=COURSE, percent_grade=0.9,
                                             letter_grade="Pass", grading_policy_hash="h",
                                             passed_timestamp=datetime.now(UTC))
        return user.pk
    return make


def test_an_honor_learner_is_refused_where_honor_certificates_are_disabled(passing, settings):
    settings.FEATURES = {"DISABLE_HONOR_CERTIFICATES": True}
    honor, verified = passing("hono", "honor"), passing("vera", "verified")
    result = issue_certificate(platform.learner_by_id(honor), BLOCK, RULES, via="learner", request_id="req-h")
    assert (result.status, result.decision.reason.value) == ("not_eligible", "mode_not_certified")
    assert batch.candidate_ids(batch.load_block(BLOCK.block_id)) == [verified]


def test_honor_learners_are_certified_where_the_platform_certifies_honor(passing, settings):
    settings.FEATURES = {"DISABLE_HONOR_CERTIFICATES": False}
    honor = passing("hono", "honor")
    assert batch.candidate_ids(batch.load_block(BLOCK.block_id)) == [honor]
    assert issue_certificate(platform.learner_by_id(honor), BLOCK, RULES, via="learner", request_id="r").created


def test_the_twin_mirrors_the_platforms_rule(settings):
    settings.FEATURES = {"DISABLE_HONOR_CERTIFICATES": True}
    assert [CourseMode.is_eligible_for_certificate(m) for m in ("audit", "honor", "verified", "professional")] == [
        False, False, True, True]
    assert CourseMode.is_eligible_for_certificate("honor", status="downloadable"), "an earned honor cert is kept"
    settings.FEATURES = {}
    assert CourseMode.is_eligible_for_certificate("honor") and not CourseMode.is_eligible_for_certificate("audit")
