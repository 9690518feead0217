"""Celery tasks of the batch: the beat tick, one run per block, and the chunks that fan out to workers.

``dispatch_due_batches`` (in ``CELERYBEAT_SCHEDULE``) claims the blocks whose Studio schedule came due and
starts a ``run_block_batch`` for each. A run takes the block's lease, lists the candidates and sends one
``issue_batch_chunk`` per chunk, so every worker the operator runs shares the course. All tasks
acknowledge late: a worker killed mid-chunk leaves its message to be delivered again, and a chunk is safe
to run twice. The run's request id travels with every chunk, into every log line and certificate.
"""
from __future__ import annotations

import logging

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings

from cert_xblock.issuing.batch import lease as batch_lease
from cert_xblock.issuing.batch import runner as batch
from cert_xblock.issuing.batch import schedule
from cert_xblock.issuing.issuance import new_request_id
from cert_xblock.records.failures import record_failures

log = logging.getLogger(__name__)

CHUNK_MAX_RETRIES = 8


@shared_task(name="cert_xblock.tasks.dispatch_due_batches", acks_late=True, ignore_result=True)
def dispatch_due_batches() -> list[str]:
    """Start a batch run for every block whose schedule came due; returns the request ids started."""
    started = []
    for block_id in schedule.claim_due_blocks():
        request_id = new_request_id()
        log.info("cert_xblock request_id=%s block=%s batch run scheduled", request_id, block_id)
        run_block_batch.delay(block_id, request_id)
        started.append(request_id)
    return started


@shared_task(name="cert_xblock.tasks.run_block_batch", acks_late=True, reject_on_worker_lost=True,
             ignore_result=True)
def run_block_batch(block_id: str, request_id: str) -> int:
    """Take the block's lease, list who still needs the certificate, fan the chunks out; returns the count."""
    if not batch_lease.acquire(block_id, request_id):
        log.info("cert_xblock request_id=%s block=%s another run holds the block; skipped", request_id, block_id)
        batch.run_skipped(request_id)
        return 0
    try:
        chunks = list(batch.chunked(batch.candidate_ids(batch.load_block(block_id))))
    except BaseException:
        # Nothing was sent: leave the block free for the next run rather than locked until the lease lapses.
        batch_lease.release(block_id, request_id)
        raise
    batch_lease.expect_chunks(block_id, request_id, len(chunks))
    batch.run_listed(request_id, sum(map(len, chunks)), len(chunks))
    log.info("cert_xblock request_id=%s block=%s %d chunks, %d candidates", request_id, block_id, len(chunks),
             sum(map(len, chunks)))
    for user_ids in chunks:
        issue_batch_chunk.delay(block_id, user_ids, request_id)
    return len(chunks)


@shared_task(bind=True, name="cert_xblock.tasks.issue_batch_chunk", acks_late=True, reject_on_worker_lost=True,
             max_retries=CHUNK_MAX_RETRIES, ignore_result=True)
def issue_batch_chunk(self, block_id: str, user_ids: list[int], request_id: str) -> int:
    """Issue one chunk; on a storage or database error, retry the learners not yet done, with backoff."""
    report = batch.issue_chunk(batch.load_block(block_id), user_ids, request_id)
    if report.transient_error is not None and self.request.retries < self.max_retries:
        countdown = get_exponential_backoff_interval(
            factor=settings.CERT_XBLOCK_BATCH_RETRY_SECONDS, retries=self.request.retries, maximum=600,
            full_jitter=True)
        log.warning("cert_xblock request_id=%s block=%s %d learners to retry in %ss", request_id, block_id,
                    len(report.pending), countdown)
        batch.chunk_counted(request_id, report, finished=False)
        raise self.retry(args=(block_id, report.pending, request_id), countdown=countdown,
                         exc=report.transient_error)
    if report.transient_error is not None:
        log.error("cert_xblock request_id=%s block=%s gave up on %d learners after %d retries: %r", request_id,
                  block_id, len(report.pending), self.request.retries, report.transient_error)
        record_failures(block_id, batch.load_block(block_id).ref.course_key, report.pending, "storage",
                              repr(report.transient_error), request_id)
    batch_lease.chunk_finished(block_id, request_id)
    batch.chunk_counted(request_id, report)
    log.info("cert_xblock request_id=%s block=%s chunk done: %d issued, skipped %s, %d failed", request_id,
             block_id, report.issued, dict(report.skipped), len(report.failed))
    return report.issued
