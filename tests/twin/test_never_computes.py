"""A learner with no persisted grade never causes a grade computation: the click, the batch and the API read."""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from cert_xblock import platform
from cert_xblock.config.stored import save_block_config
from cert_xblock.issuing.batch import runner as batch
from cert_xblock.issuing.issuance import issue_certificate
from cert_xblock.models import IssuedCertificate
from cert_xblock.platform.twin.models import CourseEnrollment, CourseOverview, PersistentCourseGrade, UserProfile
from tests.verify.conftest import BLOCK, COURSE, RULES, make_learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(tmp_path, settings) -> int:
    """Enrolled, never graded: the platform holds no PersistentCourseGrade row for them."""
    settings.STORAGES = {**settings.STORAGES, "cert_xblock": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    settings.CERT_XBLOCK_EMAIL_ENABLED = False
    CourseOverview.objects.create(id=COURSE, display_name="Never Computed", org="VerifyX", lowest_passing_grade="0.5")
    user = get_user_model().objects.create(username="newcomer", email="newcomer@example.org")
    UserProfile.objects.create(user=user, name="New Comer")
    CourseEnrollment.objects.create(user=user, course_id=COURSE, mode="verified")
    return user.pk


def test_the_learners_click_reads_a_zero_grade_and_is_told_they_have_not_passed(newcomer):
    result = issue_certificate(platform.learner_by_id(newcomer), BLOCK, RULES, via="learner", request_id="req-new")
    assert (result.status, result.decision.reason.value, result.grade.percent) == ("not_eligible", "not_passed", 0.0)
    assert not PersistentCourseGrade.objects.filter(user_id=newcomer).exists()


def test_a_batch_chunk_with_an_ungraded_learner_reads_them_as_zero_and_issues_the_others(newcomer):
    save_block_config(BLOCK.block_id, COURSE, RULES)
    graded = make_learner("graded", "Graded Learner", 0.8)
    report = batch.issue_chunk(batch.load_block(BLOCK.block_id), [newcomer, graded], "req-chunk")
    assert (report.issued, dict(report.skipped), report.failed, report.pending) == (1, {"not_passed": 1}, {}, [])
    assert list(IssuedCertificate.objects.values_list("user_id", flat=True)) == [graded]
    assert not PersistentCourseGrade.objects.filter(user_id=newcomer).exists()
