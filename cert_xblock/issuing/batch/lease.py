"""A lease with expiry on a block's batch, so two overlapping runs of one block never both work on it.

The lease lives on the block's ``CertificateBlockConfig`` row and is taken with one conditional UPDATE, so
it holds across worker machines with nothing but the database. The run that holds it counts its chunks
down; the last chunk to finish releases it. Every finished chunk pushes the expiry forward, so a lease
lapses only when its run stopped making progress (all its workers gone), and the next run takes over.
A chunk delivered twice (its worker died after the work, before the acknowledgement) counts down twice and
frees the lease a little early; the worst that costs is an overlapping run whose chunks find their
learners already certified.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db.models import F, Q

from cert_xblock.models import CertificateBlockConfig


def _expiry(now: datetime | None = None) -> datetime:
    return (now or datetime.now(UTC)) + timedelta(seconds=settings.CERT_XBLOCK_BATCH_LEASE_SECONDS)


def acquire(block_id: str, request_id: str, now: datetime | None = None) -> bool:
    """Take the block's lease for this run; True when it is free, lapsed, or already this run's."""
    now = now or datetime.now(UTC)
    free = Q(batch_lease_until__isnull=True) | Q(batch_lease_until__lt=now) | Q(batch_request_id=request_id)
    return bool(CertificateBlockConfig.objects.filter(Q(block_id=block_id) & free).update(
        batch_request_id=request_id, batch_lease_until=_expiry(now), batch_chunks_left=0))


def holder(block_id: str) -> tuple[str, datetime] | None:
    """The run holding the block's lease and when it lapses, or None when nobody holds it."""
    row = CertificateBlockConfig.objects.filter(block_id=block_id).values_list(
        "batch_request_id", "batch_lease_until").first()
    if row is None or row[1] is None or row[1] < datetime.now(UTC):
        return None
    return row[0], row[1]


def expect_chunks(block_id: str, request_id: str, count: int) -> None:
    """Record how many chunks this run fanned out; with none, the run is over and the lease is freed."""
    if count == 0:
        release(block_id, request_id)
        return
    CertificateBlockConfig.objects.filter(block_id=block_id, batch_request_id=request_id).update(
        batch_chunks_left=count, batch_lease_until=_expiry())


def chunk_finished(block_id: str, request_id: str) -> None:
    """Count one chunk of this run done, keep the lease alive, and free it after the last chunk."""
    rows = CertificateBlockConfig.objects.filter(block_id=block_id, batch_request_id=request_id)
    rows.update(batch_chunks_left=F("batch_chunks_left") - 1, batch_lease_until=_expiry())
    rows.filter(batch_chunks_left__lte=0).update(batch_lease_until=None)


def release(block_id: str, request_id: str) -> None:
    """Free the lease if this run still holds it."""
    CertificateBlockConfig.objects.filter(block_id=block_id, batch_request_id=request_id).update(
        batch_lease_until=None, batch_chunks_left=0)
