"""Never boxes: a name with a character no installed font has is refused; nothing is stored or recorded."""
from __future__ import annotations

import json
import logging
from types import SimpleNamespace

import pytest
from webob import Request

from cert_xblock import platform
from cert_xblock.block.learner_view import grade_me
from cert_xblock.issuing.issuance import issue_certificate
from cert_xblock.models import IssuedCertificate, IssueFailure
from cert_xblock.platform.twin.models import UserProfile
from cert_xblock.rendering import MissingGlyphs
from tests.issuance.test_issue_path import BLOCK, RULES, stored_files
from tests.issuance.test_issue_path import learner as enrolled_learner  # noqa: F401 - the fixture

UNPRINTABLE = "Ada \U000f0041 Lovelace"  # a private-use character: no font anywhere has it
pytestmark = pytest.mark.django_db(transaction=True)


def _named(learner, name: str):
    UserProfile.objects.filter(user_id=learner.user_id).update(name=name)
    return platform.learner_by_id(learner.user_id)


def _files(tmp_path) -> list:
    return [p for p in (tmp_path / "certs").rglob("*") if p.is_file()] if (tmp_path / "certs").exists() else []


def test_a_name_no_font_can_print_is_refused_and_leaves_no_file_and_no_record(enrolled_learner, tmp_path):  # noqa: F811
    with pytest.raises(MissingGlyphs) as caught:
        issue_certificate(_named(enrolled_learner, UNPRINTABLE), BLOCK, RULES, via="learner", request_id="req-glyph")
    assert caught.value.characters == "\U000f0041" and caught.value.scripts == ("Private use",)
    assert "U+F0041" in str(caught.value)
    assert not IssuedCertificate.objects.exists()
    assert _files(tmp_path) == [] and stored_files(tmp_path / "certs") == []


def test_the_learner_is_told_the_certificate_is_delayed_and_the_log_has_request_id_and_script(
    enrolled_learner, tmp_path, caplog  # noqa: F811
):
    block = SimpleNamespace(block_ref=BLOCK, certificate_settings=RULES)
    request = Request.blank("/", method="POST", body=b"{}")
    with caplog.at_level(logging.ERROR, logger="cert_xblock.block.learner_view"):
        response = grade_me(block, request, _named(enrolled_learner, UNPRINTABLE))
    body = json.loads(response.body)
    assert response.status_code == 422 and body["status"] == "delayed"
    assert "delayed" in body["error"] and "\U000f0041" not in body["error"]
    [record] = [r for r in caplog.records if "cannot print" in r.getMessage()]
    assert f"request_id={body['request_id']}" in record.getMessage()
    assert "script: Private use" in record.getMessage()
    assert not IssuedCertificate.objects.exists() and _files(tmp_path) == []
    [failure] = IssueFailure.objects.all()  # what the staff view counts and lists as a render failure
    assert (failure.kind, failure.request_id) == (IssueFailure.Kind.RENDER, body["request_id"])
    assert "U+F0041" in failure.detail


def test_the_same_learner_with_a_name_in_other_scripts_is_issued(enrolled_learner, tmp_path):  # noqa: F811
    learner = _named(enrolled_learner, "ශ්‍රී ලංකා क्षत्रिय")
    result = issue_certificate(learner, BLOCK, RULES, via="learner", request_id="req-ok")
    assert result.status == "issued" and IssuedCertificate.objects.count() == 1
    assert len(stored_files(tmp_path / "certs")) == 1
