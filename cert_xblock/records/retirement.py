"""A learner's account retirement, done to cert_xblock's records as the platform does it to its own certificates.

The platform's certificates app keeps a retired learner's ``GeneratedCertificate`` — status, grade, mode, verify
uuid, download URL — and empties only its ``name``, in the row and in its history
(``clear_pii_from_certificate_records_for_user`` in lms/djangoapps/certificates/api.py, called by
``AccountRetirementView`` in openedx/core/djangoapps/user_api/accounts/views.py). Its web certificate prints the
name from the profile, which retirement blanks, so the platform serves no page or file with the name afterwards.
Audit rows written about the learner by staff lose their free text and point at the retired username
(``ManualEnrollmentAudit.retire_manual_enrollments``: ``reason`` emptied, the email replaced;
``DataSharingConsent``: the username replaced).

cert_xblock does the same: the certificate and its public record stay (it was genuinely awarded, and the verify page
keeps saying so, without a name), the printed name is emptied everywhere it was kept, and the files that print it —
every PDF and share picture of every printing — are deleted, since a printed name cannot be emptied. docs/plugin.md
("What retirement leaves") lists what is kept, column by column; tests/staff/test_retirement.py holds the code to it.
Logs name the learner by user id only.
"""
from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cert_xblock.models import (
    AllowlistEntry,
    BatchRun,
    CertificateVersion,
    IssuedCertificate,
    IssuedCredential,
    IssueFailure,
    StaffAction,
)
from cert_xblock.records import storage

log = logging.getLogger(__name__)
NO_EMAIL = {"email_status": IssuedCertificate.EmailStatus.NONE, "email_attempts": 0, "email_error": "",
            "email_updated_at": None}


@dataclass(frozen=True)
class Retired:
    """What one retirement changed, for the log line (counts only: nothing that names the learner)."""

    certificates: int
    files: int
    audit_rows: int


def stop_emails(user_id: int) -> int:
    """``USER_RETIRE_MAILINGS``: forget the issue email's delivery (no resend goes to the retired address); the
    number of certificates whose email state was emptied."""
    return IssuedCertificate.objects.filter(user_id=user_id).update(**NO_EMAIL)


def retire_learner(user_id: int, username: str, retired_username: str, now: datetime | None = None) -> Retired:
    """``USER_RETIRE_LMS_CRITICAL``: empty what names the learner, delete the files that print it (after the commit),
    and put the retired username where an audit row named them. Safe to run twice."""
    now = now or timezone.now()
    retired_username = retired_username or f"retired user {user_id}"
    with transaction.atomic():
        certificates = list(IssuedCertificate.objects.select_for_update().filter(user_id=user_id)
                            .values_list("pk", "file_name"))
        ids = [pk for pk, _ in certificates]
        files = [name for _, name in certificates if name]
        files += [name for name in CertificateVersion.objects.filter(certificate_id__in=ids)
                  .values_list("file_name", flat=True) if name]
        IssuedCertificate.objects.filter(pk__in=ids).update(
            name="", revoke_reason="", file_name="", file_size=0, modified=now, **NO_EMAIL)
        IssuedCertificate.objects.filter(pk__in=ids, holder_retired_at__isnull=True).update(holder_retired_at=now)
        CertificateVersion.objects.filter(certificate_id__in=ids).update(name="", file_name="", file_size=0)
        # The credential is signed again on request, for the retired address under a new salt: the salted hash of
        # the original email goes with the cached document.
        for credential in IssuedCredential.objects.filter(certificate_id__in=ids):
            IssuedCredential.objects.filter(pk=credential.pk).update(
                salt=secrets.token_hex(16), document=None, signed_at=None, version=0, modified=now)
        IssueFailure.objects.filter(user_id=user_id).delete()
        AllowlistEntry.objects.filter(user_id=user_id).update(notes="")
        named = (lambda field: Q(**{field: username})) if username else (lambda field: Q(pk__in=[]))
        audit_rows = StaffAction.objects.filter(Q(learner_id=user_id) | named("learner_username")).update(
            learner_username=retired_username, reason="", detail={})
        audit_rows += StaffAction.objects.filter(Q(actor_id=user_id) | named("actor_username")).update(
            actor_username=retired_username)
        if username:
            AllowlistEntry.objects.filter(created_by=username).update(created_by=retired_username)
            BatchRun.objects.filter(started_by=username).update(started_by=retired_username)
        transaction.on_commit(lambda: _delete_files(user_id, files))
    log.info("cert_xblock user=%s retired: %d certificate(s), %d file(s), %d audit row(s)", user_id, len(ids),
             len(files), audit_rows)
    return Retired(len(ids), len(files), audit_rows)


def _delete_files(user_id: int, files: list[str]) -> None:
    """Each printing's PDF and its share picture; a file that will not go is logged (by user id) for the operator."""
    for name in files:
        for file_name in (name, storage.image_name(name)):
            try:
                storage.delete_pdf(file_name)
            except Exception:  # pylint: disable=broad-except
                log.exception("cert_xblock user=%s retired: could not delete a certificate file", user_id)
