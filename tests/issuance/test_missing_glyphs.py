"""Never boxes: a name with a character no installed font has is refused; nothing is stored or recorded."""
from __future__ import annotations

import json
import logging
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from opaque_keys.edx.keys import CourseKey
from webob import Request

from cert_xblock import compat
from cert_xblock.config import CertificateSettings
from cert_xblock.issuance import BlockRef, issue_certificate
from cert_xblock.learner_view import grade_me
from cert_xblock.models import IssuedCertificate
from cert_xblock.rendering import MissingGlyphs
from cert_xblock.twin.models import CourseEnrollment, CourseOverview, PersistentCourseGrade, UserProfile

COURSE = CourseKey.from_string("course-v1:GlyphX+G1+2026")
BLOCK = BlockRef("block-v1:GlyphX+G1+2026+type@cert_xblock+block@g1", COURSE)
RULES = CertificateSettings(grade_rule="minimum_percent", minimum_percent=60)
UNPRINTABLE = "Ada \U000f0041 Lovelace"  # a private-use character: no font anywhere has it
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def certs(tmp_path, settings) -> Path:
    root = tmp_path / "certs"
    settings.STORAGES = {**settings.STORAGES, "cert_xblock": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(root)}}}
    CourseOverview.objects.create(id=COURSE, display_name="Glyphs", org="GlyphX", lowest_passing_grade="0.6")
    return root


def _learner(name: str):
    user = get_user_model().objects.create(username=f"u{abs(hash(name))}")
    UserProfile.objects.create(user=user, name=name)
    CourseEnrollment.objects.create(user=user, course_id=COURSE, mode="verified")
    PersistentCourseGrade.objects.create(user_id=user.pk, course_id=COURSE, percent_grade=0.9, letter_grade="A",
                                         grading_policy_hash="h")
    return compat.learner_by_id(user.pk)


def _files(root: Path) -> list[Path]:
    return sorted(root.rglob("*")) if root.exists() else []


def test_a_name_no_font_can_print_is_refused_and_leaves_no_file_and_no_record(certs):
    with pytest.raises(MissingGlyphs) as caught:
        issue_certificate(_learner(UNPRINTABLE), BLOCK, RULES, via="learner", request_id="req-glyph")
    assert caught.value.characters == "\U000f0041" and caught.value.scripts == ("Private use",)
    assert "U+F0041" in str(caught.value)
    assert not IssuedCertificate.objects.exists()
    assert [p for p in _files(certs) if p.is_file()] == []


def test_the_learner_is_told_the_certificate_is_delayed_and_the_log_has_request_id_and_script(certs, caplog):
    learner = _learner(UNPRINTABLE)
    block = SimpleNamespace(block_ref=BLOCK, certificate_settings=RULES)
    request = Request.blank("/", method="POST", body=b"{}")
    with caplog.at_level(logging.ERROR, logger="cert_xblock.learner_view"):
        response = grade_me(block, request, learner)
    body = json.loads(response.body)
    assert response.status_code == 422 and body["status"] == "delayed"
    assert "delayed" in body["error"] and "\U000f0041" not in body["error"]
    [record] = [r for r in caplog.records if "cannot print" in r.getMessage()]
    assert f"request_id={body['request_id']}" in record.getMessage()
    assert "script: Private use" in record.getMessage()
    assert not IssuedCertificate.objects.exists() and [p for p in _files(certs) if p.is_file()] == []


def test_the_same_learner_with_a_printable_name_in_any_script_is_issued(certs):
    result = issue_certificate(_learner("ශ්‍රී ලංකා क्षत्रिय"), BLOCK, RULES, via="learner", request_id="req-ok")
    assert result.status == "issued" and IssuedCertificate.objects.count() == 1
