"""The issue email through the real edx-ace, which never raises: a missing template or a refusing SMTP server
must still leave the certificate marked failed, retried, and never logged as sent."""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from django.core import mail
from django.core.checks import run_checks

from cert_xblock import platform
from cert_xblock.core.resources import asset_dir
from cert_xblock.models import IssuedCertificate
from cert_xblock.notifications.email import MESSAGE_NAME, message_context, resend_issue_email
from tests.plugin.test_issue_email import course, issue  # noqa: F401 - the fixture and the issuing helper
from tests.verify.conftest import issued  # noqa: F401 - the fixture: real certificates

pytestmark = pytest.mark.django_db(transaction=True)
TEMPLATE_DIR = "cert_xblock/edx_ace/certificateissued/email"


@pytest.fixture
def retries(settings) -> None:
    settings.CERT_XBLOCK_EMAIL_RETRY_SECONDS = 0
    settings.CERT_XBLOCK_EMAIL_MAX_RETRIES = 2


def templates_without(tmp_path: Path, filename: str) -> str:
    """A copy of the package's templates with one of the email's five files missing."""
    copy = tmp_path / "templates"
    shutil.copytree(asset_dir("templates"), copy)
    (copy / TEMPLATE_DIR / filename).unlink()
    return str(copy)


def delivery_log(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("cert_xblock")]


def test_edx_ace_renders_our_templates_and_sends_the_email(edx_ace, settings, issued):  # noqa: F811
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    certificate = issued.valid
    platform.send_message(certificate.user_id, "vera@example.org", "en", MESSAGE_NAME, message_context(certificate))
    [email] = mail.outbox
    assert (email.to, email.from_email) == (["vera@example.org"], "certificates@lms.example.org")
    assert email.subject == "Your certificate for Verification in Practice is ready"
    assert email.extra_headers["Content-Language"] == "en"
    assert f"/certificates/verify/{certificate.verify_id}" in email.body
    assert "Congratulations! Verify University has issued your certificate" in email.alternatives[0][0]


def test_a_missing_template_leaves_the_certificate_failed_and_retried_never_logged_as_sent(
        course, edx_ace, settings, retries, eager_worker, tmp_path, caplog):  # noqa: F811
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [templates_without(tmp_path, "body.html")]}]
    with caplog.at_level(logging.INFO, logger="cert_xblock"):
        certificate = issue("nobody")
    row = IssuedCertificate.objects.get(pk=certificate.pk)
    assert (row.live, row.email_status, row.email_attempts) == (1, "failed", 3)
    assert row.email_error == f"MessageNotSent: missing templates: {TEMPLATE_DIR}/body.html"
    assert mail.outbox == []
    log = delivery_log(caplog)
    assert [line for line in log if "failed (attempt" in line] == [
        f"cert_xblock request_id=req-nobody email of certificate #{row.pk} failed (attempt {n} of 3): "
        f"missing templates: {TEMPLATE_DIR}/body.html" for n in (1, 2, 3)]
    assert not any("emailed" in line for line in log)


@pytest.mark.parametrize("channel", ["edx-ace", "twin"])
def test_an_smtp_server_that_refuses_leaves_the_certificate_failed_and_retried_then_staff_resend_it(
        course, channel, request, refusing_smtp, retries, eager_worker, settings, caplog):  # noqa: F811
    if channel == "edx-ace":
        request.getfixturevalue("edx_ace")
    with caplog.at_level(logging.INFO, logger="cert_xblock"):
        certificate = issue("refused")
    row = IssuedCertificate.objects.get(pk=certificate.pk)
    assert (row.live, row.email_status, row.email_attempts) == (1, "failed", 3)
    assert row.email_error.startswith("MessageNotSent: no channel delivered the email")
    assert len([line for line in delivery_log(caplog) if "failed (attempt" in line]) == 3
    assert not any("emailed" in line for line in delivery_log(caplog))

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the relay is fixed
    assert resend_issue_email(row, "req-resend")
    row.refresh_from_db()
    assert (row.email_status, row.email_attempts, row.email_error) == ("sent", 4, "")
    assert [email.to for email in mail.outbox] == [["refused@example.org"]]
    assert f"cert_xblock request_id=req-resend emailed certificate {row.verify_id}" in delivery_log(caplog)


def test_the_start_up_checks_warn_when_the_platform_cannot_find_a_template(edx_ace, settings, tmp_path):
    assert not [m for m in run_checks() if m.id == "cert_xblock.W001"]
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [templates_without(tmp_path, "subject.txt")]}]
    [warning] = [m for m in run_checks() if m.id == "cert_xblock.W001"]
    assert f"{TEMPLATE_DIR}/subject.txt" in warning.msg
