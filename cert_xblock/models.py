"""The records cert_xblock keeps: issued certificates and the database copy of each block's settings.

One live certificate per learner per block is guaranteed by the database, not by application code:
``live`` is 1 for the live row and NULL once revoked, and (user, block_id, live) is unique. NULLs never
collide, so any number of revoked rows may sit beside the single live one, on MySQL as on sqlite.
"""
from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from opaque_keys.edx.django.models import CourseKeyField

# Crockford-style alphabet: no I, L, O, U, so a code read off paper is not misread.
SHORT_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SHORT_CODE_LENGTH = 10


def new_verify_id() -> str:
    """A random, unguessable verification id (32 hex characters)."""
    return uuid.uuid4().hex


def new_short_code() -> str:
    """A random code printed on the certificate, typed into the verify page as XXXXX-XXXXX."""
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(SHORT_CODE_LENGTH))


def normalize_short_code(text: str) -> str:
    """Accept what a person types: any case, spaces or dashes, and the usual look-alike letters."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def format_short_code(code: str) -> str:
    """The short code as printed: two groups of five."""
    return f"{code[:5]}-{code[5:]}"


class IssuedCertificate(models.Model):
    """One certificate given to one learner by one certificate block."""

    class Status(models.TextChoices):
        ISSUED = "issued", "issued"
        REVOKED = "revoked", "revoked"

    class EmailStatus(models.TextChoices):
        NONE = "", "not sent"  # switched off, or issued before delivery was recorded
        QUEUED = "queued", "queued"
        SENT = "sent", "sent"  # the platform's message channel delivered it
        FAILED = "failed", "failed"  # see email_error; retried until CERT_XBLOCK_EMAIL_MAX_RETRIES

    verify_id = models.CharField(max_length=32, unique=True, default=new_verify_id, editable=False)
    short_code = models.CharField(max_length=SHORT_CODE_LENGTH, unique=True, default=new_short_code, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="cert_xblock_certificates")
    course_key = CourseKeyField(max_length=255, db_index=True)
    block_id = models.CharField(max_length=255, db_index=True, help_text="Usage key of the certificate block")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ISSUED)
    live = models.PositiveSmallIntegerField(null=True, default=1, editable=False)

    # A snapshot of what was printed, so the record stays true if the learner or course changes later.
    name = models.CharField(max_length=255)
    course_name = models.CharField(max_length=255)
    org_name = models.CharField(max_length=255, blank=True)
    title = models.CharField(max_length=255, blank=True)
    grade_percent = models.FloatField(null=True)
    grade_letter = models.CharField(max_length=255, blank=True)
    grade_passed = models.BooleanField(default=False)
    # Whether the verify page may show the grade: decided when the certificate is printed (the block's
    # "Show the grade" then), so turning the setting on later never publishes a grade the PDF did not print.
    grade_public = models.BooleanField(default=False)
    issued_via = models.CharField(max_length=32, default="learner", help_text="learner, batch or staff")
    allowlisted = models.BooleanField(default=False)

    file_name = models.CharField(max_length=512, help_text="Name of the PDF in the certificate storage")
    file_size = models.PositiveIntegerField(default=0)
    request_id = models.CharField(max_length=64, db_index=True)
    language = models.CharField(max_length=16, default="en")
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoke_reason = models.CharField(max_length=255, blank=True)
    # The issue email's delivery, so staff see an email that did not leave and can send it again.
    email_status = models.CharField(max_length=16, choices=EmailStatus.choices, default=EmailStatus.NONE,
                                    blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_error = models.CharField(max_length=255, blank=True)
    email_updated_at = models.DateTimeField(null=True, blank=True)
    # Regeneration prints a new PDF under the same verify id and short code; earlier printings are kept as
    # ``CertificateVersion`` rows (cert_xblock.staff).
    version = models.PositiveIntegerField(default=1)
    regenerated_at = models.DateTimeField(null=True, blank=True)
    # When the holder's account was retired (records.retirement): the record stays, without their name or PDF.
    holder_retired_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "cert_xblock"
        constraints = [
            models.UniqueConstraint(fields=["user", "block_id", "live"], name="cert_xblock_one_live_cert_per_block"),
        ]
        indexes = [models.Index(fields=["block_id", "status"], name="cert_xblock_block_status")]

    def __str__(self) -> str:
        return f"{self.verify_id} {self.course_key} user={self.user_id} {self.status}"


class CertificateBlockConfig(models.Model):
    """The database copy of one block's Studio settings, for work done outside a request (batch, verify).

    Refreshed when the block is viewed or saved and when Studio publishes the course.
    """

    block_id = models.CharField(max_length=255, unique=True)
    course_key = CourseKeyField(max_length=255, db_index=True)
    settings = models.JSONField(default=dict)
    enabled = models.BooleanField(default=True)
    last_batch_run = models.DateTimeField(null=True, blank=True)
    # The batch run working on this block (see cert_xblock.issuing.batch.lease): its request id, the time its lease
    # lapses unless a chunk finishes first, and how many of its chunks are still to finish.
    batch_request_id = models.CharField(max_length=64, blank=True)
    batch_lease_until = models.DateTimeField(null=True, blank=True)
    batch_chunks_left = models.IntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "cert_xblock"

    def __str__(self) -> str:
        return f"{self.block_id} ({'enabled' if self.enabled else 'disabled'})"


class AllowlistEntry(models.Model):
    """A learner course staff granted the certificate regardless of grade."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    course_key = CourseKeyField(max_length=255)
    block_id = models.CharField(max_length=255)
    notes = models.CharField(max_length=255, blank=True)
    created_by = models.CharField(max_length=150, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "cert_xblock"
        constraints = [models.UniqueConstraint(fields=["block_id", "user"], name="cert_xblock_allowlist_once")]


# --- course-team operations (cert_xblock.staff) -------------------------------------------------------------------
class StaffAction(models.Model):
    """One thing the course team (or an operator) did to a block's certificates: the audit trail.

    Who (``actor_username`` stays when the account goes), when, what (``kind``), to whom, why and the request id
    that also stamps the log lines and any certificate the action issued.
    """

    class Kind(models.TextChoices):
        ALLOWLIST_ADD = "allowlist_add", "allowlist add"
        ALLOWLIST_REMOVE = "allowlist_remove", "allowlist remove"
        REVOKE = "revoke", "revoke"
        RESTORE = "restore", "restore"
        REGENERATE = "regenerate", "regenerate"
        ISSUE_NOW = "issue_now", "issue now"

    course_key = CourseKeyField(max_length=255)
    block_id = models.CharField(max_length=255)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    actor_username = models.CharField(max_length=150)
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    learner_username = models.CharField(max_length=150, blank=True)
    certificate = models.ForeignKey(IssuedCertificate, null=True, on_delete=models.SET_NULL,
                                    related_name="staff_actions")
    reason = models.CharField(max_length=500, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    request_id = models.CharField(max_length=64, db_index=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "cert_xblock"
        indexes = [models.Index(fields=["block_id", "created"], name="cert_xblock_action_block"),
                   models.Index(fields=["certificate", "created"], name="cert_xblock_action_cert")]

    def __str__(self) -> str:
        return f"{self.created} {self.actor_username} {self.kind} {self.learner_username} ({self.request_id})"


class CertificateVersion(models.Model):
    """An earlier printing of a certificate, kept when staff regenerate it: the file and the name it printed."""

    certificate = models.ForeignKey(IssuedCertificate, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    name = models.CharField(max_length=255)
    course_name = models.CharField(max_length=255)
    title = models.CharField(max_length=255, blank=True)
    file_name = models.CharField(max_length=512)
    file_size = models.PositiveIntegerField(default=0)
    printed_at = models.DateTimeField()
    request_id = models.CharField(max_length=64)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "cert_xblock"
        constraints = [models.UniqueConstraint(fields=["certificate", "version"], name="cert_xblock_version_once")]


class BatchRun(models.Model):
    """One batch run of one block and how far it got, so "issue now" can show its progress until it is done."""

    request_id = models.CharField(max_length=64, unique=True)
    course_key = CourseKeyField(max_length=255)
    block_id = models.CharField(max_length=255, db_index=True)
    started_by = models.CharField(max_length=150, blank=True)
    candidates = models.IntegerField(null=True)  # None until the run has listed them
    chunks = models.IntegerField(default=0)
    chunks_done = models.IntegerField(default=0)
    issued = models.IntegerField(default=0)
    skipped = models.IntegerField(default=0)
    failed = models.IntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "cert_xblock"


class IssueFailure(models.Model):
    """A learner the batch could not certify (render or storage error), until they hold the certificate."""

    class Kind(models.TextChoices):
        RENDER = "render", "render"
        STORAGE = "storage", "storage"

    course_key = CourseKeyField(max_length=255)
    block_id = models.CharField(max_length=255)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    detail = models.CharField(max_length=500, blank=True)
    request_id = models.CharField(max_length=64)
    failed_at = models.DateTimeField(auto_now=True)  # the latest failure

    class Meta:
        app_label = "cert_xblock"
        constraints = [models.UniqueConstraint(fields=["block_id", "user"], name="cert_xblock_failure_once")]


# --- Open Badges credentials (cert_xblock.credentials) ----------------------------------------------------------
class IssuedCredential(models.Model):
    """The signed Open Badges 3.0 credential of one certificate, and its bit in the revocation status list.

    The row's id is its status-list index: rows are never deleted (a certificate that goes takes its link, not the
    row), so an index is never given to another credential. ``revoked`` is the bit, changed in the same transaction
    as the certificate's revocation or restoration; ``document`` caches the signed credential of ``version``.
    """

    certificate = models.OneToOneField(IssuedCertificate, null=True, on_delete=models.SET_NULL,
                                       related_name="credential")
    revoked = models.BooleanField(default=False)
    salt = models.CharField(max_length=32)  # of the learner's hashed email, kept so re-signing gives the same hash
    version = models.PositiveIntegerField(default=0)  # the certificate version ``document`` was signed for
    document = models.JSONField(null=True, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "cert_xblock"
        indexes = [models.Index(fields=["revoked", "id"], name="cert_xblock_credential_bit")]

    def __str__(self) -> str:
        return f"credential {self.pk} of certificate {self.certificate_id}{' (revoked)' if self.revoked else ''}"
