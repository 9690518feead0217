"""Revoking a certificate (a reason is required) and restoring it. The record and its file are always kept.

Revoking clears ``live``, so the holder's download, the learner view and the batch all stop seeing a
certificate, and the verify page says it was revoked and when; restoring makes the same record live again
(same verify id and short code, same file). The database's one-live-certificate constraint still holds: a
learner cannot hold a revoked and a restored certificate of one block at once, since eligibility never
issues a second one to a learner whose certificate was revoked.
"""
from __future__ import annotations

from datetime import UTC, datetime

from django.db import transaction
from django.utils.translation import gettext_noop

from cert_xblock.credentials.status import record_revocation
from cert_xblock.issuing.issuance import BlockRef
from cert_xblock.models import IssuedCertificate, StaffAction
from cert_xblock.staff import audit
from cert_xblock.staff.audit import Actor, StaffError


def revoke(block: BlockRef, certificate: IssuedCertificate, reason: object, actor: Actor) -> IssuedCertificate:
    """Revoke a valid certificate, keeping the record; the reason is required and shown to staff."""
    why = audit.required_reason(reason)
    with transaction.atomic():
        locked = IssuedCertificate.objects.select_for_update().get(pk=certificate.pk, block_id=block.block_id)
        if locked.status == IssuedCertificate.Status.REVOKED:
            raise StaffError(gettext_noop("This certificate is already revoked."), status=409)
        locked.status, locked.live = IssuedCertificate.Status.REVOKED, None
        locked.revoked_at, locked.revoke_reason = datetime.now(UTC), why[:255]
        locked.save(update_fields=["status", "live", "revoked_at", "revoke_reason", "modified"])
        record_revocation(locked, revoked=True)
        audit.record(actor, block, StaffAction.Kind.REVOKE, learner=locked.user, certificate=locked, reason=why)
    return locked


def restore(block: BlockRef, certificate: IssuedCertificate, reason: object, actor: Actor) -> IssuedCertificate:
    """Make a revoked certificate valid again: the same record, verify id and file."""
    why = audit.required_reason(reason)
    with transaction.atomic():
        locked = IssuedCertificate.objects.select_for_update().get(pk=certificate.pk, block_id=block.block_id)
        if locked.status != IssuedCertificate.Status.REVOKED:
            raise StaffError(gettext_noop("This certificate is not revoked."), status=409)
        if IssuedCertificate.objects.filter(user_id=locked.user_id, block_id=block.block_id, live=1).exists():
            raise StaffError(gettext_noop("This learner already holds a valid certificate from this block."),
                             status=409)
        locked.status, locked.live, locked.revoked_at, locked.revoke_reason = (
            IssuedCertificate.Status.ISSUED, 1, None, "")
        locked.save(update_fields=["status", "live", "revoked_at", "revoke_reason", "modified"])
        record_revocation(locked, revoked=False)
        audit.record(actor, block, StaffAction.Kind.RESTORE, learner=locked.user, certificate=locked, reason=why)
    return locked
