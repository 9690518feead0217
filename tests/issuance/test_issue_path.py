"""The one issuance path, in process: what is recorded, what is not, and what a failure leaves behind."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection
from django.test import override_settings
from opaque_keys.edx.keys import CourseKey

from cert_xblock import platform
from cert_xblock.config.values import CertificateSettings
from cert_xblock.issuing.issuance import BlockRef, gather_standings, issue_certificate, new_request_id
from cert_xblock.models import IssuedCertificate
from cert_xblock.platform.twin.grades_api import CourseGradeFactory
from cert_xblock.platform.twin.models import (
    CourseEnrollment,
    CourseOverview,
    PersistentCourseGrade,
    UserPreference,
    UserProfile,
)
from tests.pdf import pdf_text

COURSE = CourseKey.from_string("course-v1:PathX+P1+2026")
BLOCK = BlockRef("block-v1:PathX+P1+2026+type@cert_xblock+block@c1", COURSE)
RULES = CertificateSettings(grade_rule="minimum_percent", minimum_percent=60)
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def learner(tmp_path, settings):
    settings.STORAGES = {**settings.STORAGES, "cert_xblock": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "certs")}}}
    CourseOverview.objects.create(id=COURSE, display_name="Paths and Proofs", org="PathX", lowest_passing_grade="0.6")
    user = get_user_model().objects.create(username="path")
    UserProfile.objects.create(user=user, name="Émilie du Châtelet")
    CourseEnrollment.objects.create(user=user, course_id=COURSE, mode="verified")
    PersistentCourseGrade.objects.create(user_id=user.pk, course_id=COURSE, percent_grade=0.83, letter_grade="B",
                                         grading_policy_hash="h")
    return platform.learner_by_id(user.pk)


def stored_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.pdf")) if root.exists() else []


def test_issue_records_a_snapshot_and_stores_the_pdf(learner, tmp_path):
    result = issue_certificate(learner, BLOCK, RULES, via="learner", request_id="req-1")
    row = IssuedCertificate.objects.get()
    assert (result.status, result.created, row.pk) == ("issued", True, result.certificate.pk)
    assert (row.name, row.course_name, row.org_name) == ("Émilie du Châtelet", "Paths and Proofs", "PathX")
    assert (row.grade_percent, row.grade_letter, row.grade_passed) == (0.83, "B", True)
    assert (row.request_id, row.issued_via, row.status, row.live) == ("req-1", "learner", "issued", 1)
    [pdf] = stored_files(tmp_path / "certs")
    assert pdf.name == f"{row.verify_id}.pdf" and row.file_size == pdf.stat().st_size
    assert "Émilie du Châtelet" in pdf_text(pdf.read_bytes())


def test_the_grade_is_read_through_the_factory_and_update_is_never_called(learner):
    with (mock.patch.object(CourseGradeFactory, "read", autospec=True, side_effect=CourseGradeFactory.read) as read,
          mock.patch.object(CourseGradeFactory, "update", autospec=True) as update):
        issue_certificate(learner, BLOCK, RULES, via="learner", request_id=new_request_id())
        issue_certificate(learner, BLOCK, RULES, via="learner", request_id=new_request_id())
    assert read.call_count == 2
    assert update.call_count == 0


def test_a_failing_storage_leaves_no_certificate_and_a_retry_succeeds(learner, tmp_path, settings):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the storage wants a folder")
    broken = {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(blocker / "x")}}
    with override_settings(STORAGES={**settings.STORAGES, "cert_xblock": broken}), pytest.raises(OSError):
        issue_certificate(learner, BLOCK, RULES, via="batch", request_id="req-fail")
    assert not IssuedCertificate.objects.exists(), "no half-issued certificate"
    retried = issue_certificate(learner, BLOCK, RULES, via="batch", request_id="req-retry")
    assert retried.created and IssuedCertificate.objects.get().request_id == "req-retry"


def refusing_certificate_inserts(execute, sql, params, many, context):
    """The database refuses the certificate's INSERT, as a dropped connection would."""
    if sql.lstrip().upper().startswith("INSERT") and "cert_xblock_issuedcertificate" in sql:
        raise OperationalError("database went away")
    return execute(sql, params, many, context)


def test_a_failing_record_removes_the_file_it_stored(learner, tmp_path):
    with connection.execute_wrapper(refusing_certificate_inserts), pytest.raises(OperationalError):
        issue_certificate(learner, BLOCK, RULES, via="batch", request_id="req-db")
    assert not IssuedCertificate.objects.exists()
    assert stored_files(tmp_path / "certs") == [], "the stored file of an unrecorded certificate is removed"


def test_losing_a_race_returns_the_winner_and_removes_the_extra_file(learner, tmp_path):
    winner = issue_certificate(learner, BLOCK, RULES, via="learner", request_id="req-a").certificate
    # Another request read the learner's standing before the winner's commit, and reaches the record step second:
    def stale_read(*args):
        return {uid: replace(known, certificate=None) for uid, known in gather_standings(*args).items()}

    with mock.patch("cert_xblock.issuing.issuance.gather_standings", side_effect=stale_read):
        loser = issue_certificate(learner, BLOCK, RULES, via="learner", request_id="req-b")
    assert (loser.status, loser.created, loser.certificate.verify_id) == ("issued", False, winner.verify_id)
    assert [p.name for p in stored_files(tmp_path / "certs")] == [f"{winner.verify_id}.pdf"]
    assert IssuedCertificate.objects.count() == 1


def test_a_revoked_certificate_frees_the_slot_for_a_new_one_only_by_staff(learner):
    first = issue_certificate(learner, BLOCK, RULES, via="learner", request_id="r1").certificate
    IssuedCertificate.objects.filter(pk=first.pk).update(status="revoked", live=None)
    again = issue_certificate(learner, BLOCK, RULES, via="learner", request_id="r2")
    assert again.status == "not_eligible" and again.decision.reason.value == "revoked"
    reissued = issue_certificate(learner, BLOCK, RULES, via="staff", request_id="r3", staff_override=True)
    assert reissued.created and IssuedCertificate.objects.count() == 2


def test_a_french_learner_gets_a_certificate_worded_in_french(learner, tmp_path):
    UserPreference.objects.create(user_id=learner.user_id, key="pref-lang", value="fr")
    french = platform.learner_by_id(learner.user_id)
    row = issue_certificate(french, BLOCK, RULES, via="learner", request_id="req-fr").certificate
    [pdf] = stored_files(tmp_path / "certs")
    text = pdf_text(pdf.read_bytes())
    assert "Ce certificat atteste que" in text and "a suivi avec succès" in text
    french_months = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                     "octobre", "novembre", "décembre")
    assert f"le {row.issued_at.day} {french_months[row.issued_at.month - 1]} {row.issued_at.year}" in text
    assert "Délivré par PathX" in text
    assert "This certifies that" not in text
