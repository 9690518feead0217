"""The learner's email when a certificate is issued.

Sent by a Celery task so a slow or failing mail server never delays or undoes an issue: the certificate is
already committed when the email is queued, every failure is logged with the request id and recorded on the
certificate (``email_status``: queued, sent, failed), and the task retries with exponential backoff.
edx-ace swallows a missing template and an SMTP refusal, so "sent" is only recorded when its channel
reported the delivery (``platform.send_message``). Where no worker can receive it (the standalone demo, a
broker outage) the email is sent at once, still after the issuing transaction committed. Inside the LMS the
message goes through edx-ace, elsewhere the twin's copy of it; it is written in the learner's language.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core import checks
from django.db.models import F
from django.utils import timezone

from cert_xblock import platform
from cert_xblock.config.stored import load_block_config
from cert_xblock.config.values import CertificateSettings
from cert_xblock.core.i18n import authored_title, gettext_for
from cert_xblock.core.queueing import enqueue
from cert_xblock.models import IssuedCertificate, format_short_code
from cert_xblock.records.links import verify_url

log = logging.getLogger(__name__)
MESSAGE_NAME = "certificateissued"


def email_wanted(certificate: IssuedCertificate, rules: CertificateSettings | None = None) -> bool:
    """The operator's switch (``CERT_XBLOCK_EMAIL_ENABLED``) and the block's ``email_on_issue`` both allow it.

    ``rules`` are the settings the issuer used; without them the block's stored copy is read.
    """
    if not getattr(settings, "CERT_XBLOCK_EMAIL_ENABLED", True):
        return False
    if rules is None:
        rules = load_block_config(certificate.block_id)
    return rules is None or rules.emails_on_issue()


def queue_issue_email(certificate: IssuedCertificate, request_id: str,
                      rules: CertificateSettings | None = None) -> bool:
    """Queue the email of a freshly issued certificate; True when it was queued or sent. Never raises."""
    try:
        if not email_wanted(certificate, rules):
            return False
    except Exception:
        log.exception("cert_xblock request_id=%s email of certificate %s failed", request_id, certificate.verify_id)
        return False
    # Issuance wrote ``queued`` in the certificate's INSERT: no UPDATE per certificate to say it again.
    return resend_issue_email(certificate, request_id,
                              recorded=certificate.email_status == IssuedCertificate.EmailStatus.QUEUED)


def resend_issue_email(certificate: IssuedCertificate, request_id: str, *, recorded: bool = False) -> bool:
    """Hand the certificate's email to a worker (or send it now when none can receive it); staff resend with it.

    The certificate shows ``queued`` (written here unless ``recorded``), then ``sent`` or ``failed``. True when
    queued or sent. Never raises.
    """
    try:
        if not recorded:
            record_delivery(certificate.pk, IssuedCertificate.EmailStatus.QUEUED)
        if not enqueue(send_issue_email, certificate.pk, request_id, request_id=request_id):
            deliver_issue_email(certificate.pk, request_id)
        return True
    except Exception as exc:
        record_delivery(certificate.pk, IssuedCertificate.EmailStatus.FAILED, error=exc)
        log.exception("cert_xblock request_id=%s email of certificate %s failed", request_id, certificate.verify_id)
        return False


@shared_task(bind=True, name="cert_xblock.send_issue_email", acks_late=True)
def send_issue_email(self: Any, certificate_id: int, request_id: str) -> bool:
    """Send one issue email; on failure mark it failed, log with the request id and retry with exponential backoff."""
    try:
        return deliver_issue_email(certificate_id, request_id)
    except Exception as exc:  # whatever the mail server did, the email is retried
        attempt = self.request.retries + 1
        max_retries = int(getattr(settings, "CERT_XBLOCK_EMAIL_MAX_RETRIES", 5))
        log.warning("cert_xblock request_id=%s email of certificate #%s failed (attempt %d of %d): %s",
                    request_id, certificate_id, attempt, max_retries + 1, exc)
        delay = int(getattr(settings, "CERT_XBLOCK_EMAIL_RETRY_SECONDS", 60)) * 2 ** self.request.retries
        raise self.retry(exc=exc, countdown=delay, max_retries=max_retries) from exc


def deliver_issue_email(certificate_id: int, request_id: str) -> bool:
    """Send the email now; False when there is nothing to send (revoked, no address, the holder retired).

    Raises ``platform.MessageNotSent`` (or the channel's own error) when it did not leave, after marking the
    certificate ``failed``; ``sent`` only once the platform's channel delivered it.
    """
    certificate = IssuedCertificate.objects.get(pk=certificate_id)
    learner = platform.learner_by_id(certificate.user_id)
    if (certificate.status != IssuedCertificate.Status.ISSUED or not learner.email
            or certificate.holder_retired_at is not None):
        record_delivery(certificate_id, IssuedCertificate.EmailStatus.NONE)
        return False
    try:
        platform.send_message(learner.user_id, learner.email, certificate.language, MESSAGE_NAME,
                            message_context(certificate))
    except Exception as exc:
        record_delivery(certificate_id, IssuedCertificate.EmailStatus.FAILED, error=exc, attempted=True)
        raise
    record_delivery(certificate_id, IssuedCertificate.EmailStatus.SENT, attempted=True)
    log.info("cert_xblock request_id=%s emailed certificate %s", request_id, certificate.verify_id)
    return True


def record_delivery(certificate_id: int, status: str, *, error: BaseException | None = None,
                    attempted: bool = False) -> None:
    """Write the email's state on the certificate (one UPDATE), with the error staff will read when it failed."""
    changes: dict[str, Any] = {"email_status": status, "email_updated_at": timezone.now(),
                               "email_error": f"{type(error).__name__}: {error}"[:255] if error else ""}
    if attempted:
        changes["email_attempts"] = F("email_attempts") + 1
    IssuedCertificate.objects.filter(pk=certificate_id).update(**changes)


@checks.register
def check_message_templates(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """At start-up (``check``, ``migrate``, ``runserver``): warn when the platform cannot find the email's
    templates, since edx-ace would then drop every issue email with only a monitoring attribute to show for it."""
    if not getattr(settings, "CERT_XBLOCK_EMAIL_ENABLED", True):
        return []
    try:
        missing = platform.missing_message_templates(MESSAGE_NAME)
    except platform.PlatformUnavailable:
        return []
    return [checks.Warning(f"cert_xblock cannot find the issue email's template {path}; no issue email can be "
                           "sent", hint="Install cert_xblock as a package (its templates/ folder ships inside it) "
                           "and keep Django's app-directories template loader.", id="cert_xblock.W001")
            for path in missing]


def message_context(certificate: IssuedCertificate) -> dict[str, Any]:
    """Every string of the email, already in the learner's language, so edx-ace and the twin print the same."""
    _ = gettext_for(certificate.language)
    return {
        "language": certificate.language,
        "from_name": certificate.org_name or certificate.course_name,
        "subject": _subject(certificate, _),
        "greeting": _("Dear {name},").format(name=certificate.name),
        "message": _("Congratulations! {org} has issued your certificate for {course}.").format(
            org=certificate.org_name or certificate.course_name, course=certificate.course_name),
        "course_label": _("Download it from the course"),
        "course_url": platform.courseware_url(certificate.course_key, certificate.block_id),
        "verify_label": _("Anyone can check it is genuine at this address"),
        "verify_url": verify_url(certificate.verify_id),
        "code_label": _("Verification code"),
        "short_code": format_short_code(certificate.short_code),
    }


def _subject(certificate: IssuedCertificate, _: Callable[[str], str]) -> str:
    """The certificate's own name where the author gave it one: a course with several blocks sends several
    emails, which the default title alone would not tell apart."""
    title = authored_title(certificate.title)
    if not title:
        return _("Your certificate for {course} is ready").format(course=certificate.course_name)
    return _("Your “{title}” for {course} is ready").format(title=title, course=certificate.course_name)
