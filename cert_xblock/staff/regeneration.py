"""Regenerating certificates: a new PDF under the same verify id and short code, the earlier one kept.

For a learner who changed their name, or for every certificate of a block after its design changed. The new
printing comes from the one issuance module (``issuance.reprint_certificate``: the name made printable by
``names.certificate_name``, the block's texts and design as they are now); this module keeps the earlier
printing as a ``CertificateVersion`` (its file stays in storage), updates the record and writes the audit row,
all in one transaction. If that transaction fails, the new file is deleted and the record is as it was.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_noop

from cert_xblock import platform
from cert_xblock.config.values import CertificateSettings
from cert_xblock.issuing.batch.runner import chunked
from cert_xblock.issuing.issuance import BlockRef, reprint_certificate
from cert_xblock.models import CertificateVersion, IssuedCertificate, StaffAction
from cert_xblock.platform.types import CourseInfo, Learner
from cert_xblock.records import storage
from cert_xblock.staff import audit
from cert_xblock.staff.audit import Actor, StaffError

log = logging.getLogger(__name__)
RETIRED_HOLDER = gettext_noop("Its holder closed their account: the certificate stays valid, but it is not printed "
                              "again.")


def regenerate(block: BlockRef, rules: CertificateSettings, certificate: IssuedCertificate, reason: object,
               actor: Actor, *, learner: Learner | None = None, course: CourseInfo | None = None) -> IssuedCertificate:
    """Print one certificate again; returns the updated record (version + 1)."""
    why = audit.required_reason(reason)
    if certificate.status != IssuedCertificate.Status.ISSUED:
        raise StaffError(gettext_noop("A revoked certificate cannot be regenerated; restore it first."), status=409)
    if certificate.holder_retired_at is not None:
        raise StaffError(RETIRED_HOLDER, status=409)
    learner = learner or platform.learner_by_id(certificate.user_id)
    fresh = reprint_certificate(certificate, learner, rules, request_id=actor.request_id, course=course)
    try:
        with transaction.atomic():
            current = IssuedCertificate.objects.select_for_update().get(pk=certificate.pk)
            if current.version != certificate.version or current.status != IssuedCertificate.Status.ISSUED:
                raise StaffError(gettext_noop("This certificate changed meanwhile; reload and try again."),
                                 status=409)
            CertificateVersion.objects.create(
                certificate=current, version=current.version, name=current.name, course_name=current.course_name,
                title=current.title, file_name=current.file_name, file_size=current.file_size,
                printed_at=current.regenerated_at or current.issued_at, request_id=current.request_id)
            fresh.save()
            audit.record(actor, block, StaffAction.Kind.REGENERATE, learner=current.user, certificate=fresh,
                         reason=why, version=fresh.version, name=fresh.name, previous_name=current.name)
    except BaseException:
        storage.delete_pdf(fresh.file_name)
        raise
    # By user id, not username: logs outlive an account's retirement, and must name no one afterwards.
    log.info("cert_xblock request_id=%s block=%s regenerated %s (version %d) by user=%s", actor.request_id,
             block.block_id, fresh.verify_id, fresh.version, actor.user_id)
    return fresh


def regenerate_all(block: BlockRef, rules: CertificateSettings, reason: object, actor: Actor, *, after: int = 0,
                   limit: int | None = None, progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Print every valid certificate of the block again (those after the record id ``after``, at most ``limit`` of
    them), a chunk of learners at a time with their names read in bulk.

    The staff view and the API go ``limit`` at a time, each request short, passing ``next`` back as ``after`` until
    it is None; the command goes through all at once. A learner whose name cannot be printed, or whose PDF fails, is
    counted as failed and the rest go on.
    """
    why = audit.required_reason(reason)
    course = platform.get_course_info(block.course_key)
    valid = IssuedCertificate.objects.filter(block_id=block.block_id, live=1, pk__gt=after,
                                             holder_retired_at__isnull=True).order_by("pk")
    ids = list(valid.values_list("pk", flat=True)[:limit] if limit else valid.values_list("pk", flat=True))
    counts: dict[str, Any] = {"regenerated": 0, "failed": 0}
    for chunk in chunked(ids):
        certificates = list(IssuedCertificate.objects.filter(pk__in=chunk).select_related("user").order_by("pk"))
        learners = platform.learners_by_ids([c.user_id for c in certificates])
        for certificate in certificates:
            try:
                regenerate(block, rules, certificate, why, actor, learner=learners.get(certificate.user_id),
                           course=course)
            except Exception as exc:  # noqa: BLE001 - one learner's failure must not stop the others
                log.warning("cert_xblock request_id=%s block=%s regenerating %s failed: %r", actor.request_id,
                            block.block_id, certificate.verify_id, exc)
                counts["failed"] += 1
            else:
                counts["regenerated"] += 1
        if progress is not None:
            progress(counts["regenerated"] + counts["failed"], len(ids))
    last = ids[-1] if ids else after
    counts["remaining"] = valid.filter(pk__gt=last).count()
    counts["next"] = last if counts["remaining"] else None
    return counts


def versions(certificate: IssuedCertificate) -> list[dict[str, object]]:
    """Every printing of a certificate, the current one first: version, name printed, when, by whom, why."""
    actions = {a.detail.get("version"): a for a in certificate.staff_actions.filter(kind=StaffAction.Kind.REGENERATE)}
    printings = [(certificate.version, certificate.name, certificate.regenerated_at or certificate.issued_at,
                  certificate.file_name)]
    printings += [(v.version, v.name, v.printed_at, v.file_name)
                  for v in certificate.versions.order_by("-version")]
    rows = []
    for version, name, printed_at, file_name in printings:
        action = actions.get(version)
        rows.append({"version": version, "name": name, "printed_at": printed_at.isoformat(), "file_name": file_name,
                     "by": action.actor_username if action else certificate.issued_via,
                     "reason": action.reason if action else "", "request_id": action.request_id if action else "",
                     "current": version == certificate.version})
    return rows
