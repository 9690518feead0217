""""Issue now": the batch for one block, started by the course team, and its progress until it is done.

The run is the batch's own (``tasks.run_block_batch``: the candidates in SQL, chunks fanned out to the workers,
each learner through the one issuance path, under the block's lease). A ``BatchRun`` row, created here and
counted by the batch, is what the staff view polls. Where no worker can receive the run (the demo without a
broker), it runs in this process, chunk after chunk, through the same functions.
"""
from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_noop

from cert_xblock import platform
from cert_xblock.core import queueing
from cert_xblock.issuing.batch import lease as batch_lease
from cert_xblock.issuing.batch import runner as batch
from cert_xblock.issuing.issuance import issue_certificate
from cert_xblock.models import BatchRun, IssuedCertificate, StaffAction
from cert_xblock.records.failures import record_failures
from cert_xblock.staff import audit
from cert_xblock.staff.audit import Actor, StaffError
from cert_xblock.staff.lookup import user_by_identifier
from cert_xblock.staff.standing_words import standing_words

QUEUED, RUNNING, DONE, SKIPPED = "queued", "running", "done", "skipped"


def start(block: batch.BatchBlock, actor: Actor) -> BatchRun:
    """Start a run for the block's remaining eligible learners; ``StaffError`` (409) while another run works."""
    from cert_xblock.issuing.batch import tasks

    busy = batch_lease.holder(block.ref.block_id)
    if busy is not None:
        raise StaffError(gettext_noop("A batch run is already working on this block (request id {request_id})."),
                         status=409, request_id=busy[0])
    with transaction.atomic():
        run = BatchRun.objects.create(request_id=actor.request_id, course_key=block.ref.course_key,
                                      block_id=block.ref.block_id, started_by=actor.username)
        audit.record(actor, block.ref, StaffAction.Kind.ISSUE_NOW)
    if not queueing.has_worker_queue(tasks.run_block_batch):
        _run_here(block, run.request_id)
        return run

    def send() -> None:
        # After the commit (the LMS wraps requests in a transaction), so the worker finds the run's row.
        if not queueing.enqueue(tasks.run_block_batch, block.ref.block_id, run.request_id, request_id=run.request_id):
            _run_here(block, run.request_id)

    transaction.on_commit(send)
    return run


def issue_one(block: batch.BatchBlock, identifier: Any, actor: Actor, _: Any) -> IssuedCertificate:
    """One learner's certificate, now, through the one issuance path; ``StaffError`` saying why when they do not
    qualify (the same words the staff list shows)."""
    user = user_by_identifier(identifier)
    # Already certified is the caller's mistake to hear about, not a silent 200 with the certificate they hold.
    if IssuedCertificate.objects.filter(block_id=block.ref.block_id, user_id=user.pk, live=1).exists():
        raise StaffError(gettext_noop("{username} already holds a valid certificate from this block."), status=409,
                         username=user.username)
    learner = platform.learner_by_id(user.pk)
    standing = issue_certificate(learner, block.ref, block.rules, via="staff", request_id=actor.request_id)
    if standing.certificate is None:
        raise StaffError(gettext_noop("{username} does not qualify: {reason}"), status=409, username=user.username,
                         reason=standing_words(standing.decision, standing.grade.attempted, _))
    if standing.created:
        audit.record(actor, block.ref, StaffAction.Kind.ISSUE_NOW, learner=user, certificate=standing.certificate)
    return standing.certificate


def _run_here(block: batch.BatchBlock, request_id: str) -> None:
    """The same run without a worker: the lease, the candidates, each chunk in turn, counted as the tasks do."""
    block_id = block.ref.block_id
    if not batch_lease.acquire(block_id, request_id):
        batch.run_skipped(request_id)
        return
    try:
        chunks = list(batch.chunked(batch.candidate_ids(block)))
        batch.run_listed(request_id, sum(map(len, chunks)), len(chunks))
        for user_ids in chunks:
            report = batch.issue_chunk(block, user_ids, request_id)
            if report.transient_error is not None:
                record_failures(block.ref.block_id, block.ref.course_key, report.pending, "storage",
                                repr(report.transient_error), request_id)
            batch.chunk_counted(request_id, report)
    finally:
        batch_lease.release(block_id, request_id)


def progress(block_id: str, request_id: str | None = None) -> dict[str, Any] | None:
    """How far a run got (the block's latest when no request id is given); None when there is none."""
    runs = BatchRun.objects.filter(block_id=block_id)
    run = (runs.filter(request_id=request_id) if request_id else runs.order_by("-created", "-id")).first()
    if run is None:
        return None
    if run.finished_at is not None:
        state = SKIPPED if run.candidates is None else DONE
    else:
        state = QUEUED if run.candidates is None else RUNNING
    handled = run.issued + run.skipped + run.failed
    remaining = max(0, (run.candidates or 0) - handled)
    # Learners of the run not yet counted: waiting for a worker while the run is queued; once it runs, those being
    # worked and those whose chunk still waits for a worker alike — the run records count a chunk when it finishes,
    # not when a worker takes it, so "running" is not told apart from waiting (the staff view says "running or
    # waiting").
    return {"request_id": run.request_id, "state": state, "candidates": run.candidates,
            "queued": remaining if state != RUNNING else 0, "running": remaining if state == RUNNING else 0,
            "issued": run.issued, "skipped": run.skipped,
            "failed": run.failed, "started_by": run.started_by, "started_at": run.created.isoformat(),
            "finished_at": run.finished_at.isoformat() if run.finished_at else None}
