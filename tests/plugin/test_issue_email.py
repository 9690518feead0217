"""The learner's email on issue: in their language, switchable, never able to undo an issue, retried."""
from __future__ import annotations

import logging

import pytest
from django.core import mail

from cert_xblock import platform
from cert_xblock.config.stored import save_block_config
from cert_xblock.config.values import CertificateSettings
from cert_xblock.issuing.issuance import issue_certificate
from cert_xblock.models import IssuedCertificate, format_short_code
from cert_xblock.platform.twin.models import CourseOverview, UserPreference
from tests.plugin.flaky_mail import FlakyBackend
from tests.verify.conftest import BLOCK, COURSE, RULES, make_learner

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def course(tmp_path, settings):
    settings.STORAGES = {**settings.STORAGES, "cert_xblock": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    CourseOverview.objects.create(id=COURSE, display_name="Lettres et courriels", org="VerifyX",
                                  display_organization="Université Démo")


def issue(username: str, language: str = "en", rules: CertificateSettings = RULES) -> IssuedCertificate:
    user_id = make_learner(username, username.title() + " Martin", 0.8)
    UserPreference.objects.create(user_id=user_id, key="pref-lang", value=language)
    return issue_certificate(platform.learner_by_id(user_id), BLOCK, rules, via="learner",
                             request_id=f"req-{username}").certificate


def test_the_learner_gets_an_email_in_their_language_with_the_verify_link(course):
    certificate = issue("lea", language="fr")
    [email] = mail.outbox
    assert email.to == ["lea@example.org"]
    assert email.subject == "Votre certificat pour Lettres et courriels est prêt"
    assert email.extra_headers["Content-Language"] == "fr"
    assert "Bonjour Lea Martin," in email.body
    assert f"/certificates/verify/{certificate.verify_id}" in email.body
    assert format_short_code(certificate.short_code) in email.body
    html, mime = email.alternatives[0]
    assert mime == "text/html" and "Félicitations ! Université Démo vous a délivré" in html


def test_the_block_setting_turns_the_email_off(course):
    rules = CertificateSettings(**{**RULES.to_dict(), "email_on_issue": False})
    save_block_config(BLOCK.block_id, COURSE, rules)
    certificate = issue("quiet", rules=rules)
    assert mail.outbox == [] and certificate.live == 1


def test_the_operator_setting_turns_every_email_off(course, settings):
    settings.CERT_XBLOCK_EMAIL_ENABLED = False
    issue("nomail")
    assert mail.outbox == []


def test_a_mail_server_that_is_down_never_undoes_the_issue_and_is_logged_with_the_request_id(course, settings,
                                                                                          caplog):
    settings.EMAIL_BACKEND = "tests.plugin.flaky_mail.DownBackend"
    with caplog.at_level(logging.ERROR, logger="cert_xblock"):
        certificate = issue("down")
    row = IssuedCertificate.objects.get(pk=certificate.pk)
    assert row.live == 1
    assert (row.email_status, row.email_attempts) == ("failed", 1)
    assert row.email_error == "ConnectionRefusedError: SMTP server at 127.0.0.1:25 refused the connection"
    assert f"request_id=req-down email of certificate {certificate.verify_id} failed" in caplog.text
    assert "refused the connection" in caplog.text


def test_a_failed_email_is_retried_with_the_request_id_until_it_goes_out(course, settings, caplog, eager_worker):
    settings.EMAIL_BACKEND = "tests.plugin.flaky_mail.FlakyBackend"
    settings.CERT_XBLOCK_EMAIL_RETRY_SECONDS = 0
    FlakyBackend.failures_left = 2
    with caplog.at_level(logging.WARNING, logger="cert_xblock"):
        certificate = issue("retry")
    assert [email.to for email in mail.outbox] == [["retry@example.org"]]
    row = IssuedCertificate.objects.get(pk=certificate.pk)
    assert (row.email_status, row.email_attempts, row.email_error) == ("sent", 3, "")
    failures = [r.getMessage() for r in caplog.records if "failed (attempt" in r.getMessage()]
    assert failures == [
        f"cert_xblock request_id=req-retry email of certificate #{certificate.pk} failed (attempt {n} of 6): "
        "SMTP server timed out" for n in (1, 2)]
