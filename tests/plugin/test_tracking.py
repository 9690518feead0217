"""Tracking events of a certificate's life, read back from the twin's tracking log."""
from __future__ import annotations

import logging

import pytest

from cert_xblock import platform
from cert_xblock.issuing.issuance import issue_certificate
from cert_xblock.notifications import tracking
from cert_xblock.platform.twin.models import CourseOverview
from cert_xblock.platform.twin.tracker import TrackedEvent
from tests.verify.conftest import BLOCK, COURSE, RULES, make_learner

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def certificate(tmp_path, settings):
    settings.STORAGES = {**settings.STORAGES, "cert_xblock": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    CourseOverview.objects.create(id=COURSE, display_name="Events", org="VerifyX")
    learner = platform.learner_by_id(make_learner("tess", "Tess Track", 0.8))
    return issue_certificate(learner, BLOCK, RULES, via="learner", request_id="req-track").certificate


def events() -> list[tuple[str, dict]]:
    return [(event.name.rsplit(".", 1)[1], event.data) for event in TrackedEvent.objects.all()]


def test_an_issue_is_tracked_with_its_request_id(certificate):
    assert events() == [("issued", {"certificate_id": certificate.verify_id, "user_id": certificate.user_id,
                                    "course_id": str(COURSE), "block_id": BLOCK.block_id,
                                    "request_id": "req-track", "via": "learner"})]


def test_a_request_and_a_download_are_tracked(certificate):
    TrackedEvent.objects.all().delete()
    tracking.certificate_requested(certificate.user_id, COURSE, BLOCK.block_id, "req-2", "issued")
    tracking.certificate_downloaded(certificate)
    assert [(name, data.get("request_id"), data.get("outcome")) for name, data in events()] == [
        ("requested", "req-2", "issued"), ("downloaded", None, None)]


def test_a_broken_tracker_costs_nothing_but_a_log_line(certificate, monkeypatch, caplog):
    def broken(name, data):
        raise ConnectionError("tracking backend unreachable")

    monkeypatch.setattr(platform, "emit_event", broken)
    with caplog.at_level(logging.ERROR, logger="cert_xblock"):
        tracking.certificate_requested(certificate.user_id, COURSE, BLOCK.block_id, "req-3", "not_eligible")
    assert "request_id=req-3 could not emit edx.cert_xblock.certificate.requested" in caplog.text
