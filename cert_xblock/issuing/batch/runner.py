"""Batch issuance: who still needs a block's certificate, and issuing them one chunk at a time.

The candidates come from one SQL pass over the platform's own index (persisted grades that have passed,
or for a minimum-percent block the grades at or above it) plus the allowlist, minus learners who already
hold or lost this block's certificate, restricted to certificate-eligible enrollments. So a re-run over a
course whose learners are all certified costs one query, not a recomputation of the course.
Each chunk is then confirmed with the grades read through ``CourseGradeFactory`` (one prefetch per chunk)
and every learner goes through the one issuance path's steps: decided and rendered here, stored on an upload
thread meanwhile (the storage's round trip no longer idles the worker), and recorded with the rest of the chunk
in one commit (one transaction, not one per learner). A chunk is safe to run twice: a learner issued by the
first run is found holding the certificate and skipped.
"""
from __future__ import annotations

import logging
import os
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db.models import F, Q
from opaque_keys.edx.keys import CourseKey

from cert_xblock import platform
from cert_xblock.config.values import CertificateSettings
from cert_xblock.issuing.eligibility import mode_certified
from cert_xblock.issuing.issuance import (
    Assessment,
    BlockRef,
    Printed,
    assess,
    gather_standings,
    print_certificate,
    record_certificates,
    store_certificate,
)
from cert_xblock.issuing.kinds import asks_a_grade
from cert_xblock.issuing.kinds.coursework import lesson_candidates, rule_candidates
from cert_xblock.issuing.kinds.pathway import narrow_candidates
from cert_xblock.models import AllowlistEntry, BatchRun, CertificateBlockConfig, IssuedCertificate, IssueFailure
from cert_xblock.platform.types import Enrollment
from cert_xblock.records.failures import record_failures
from cert_xblock.rendering import RenderError

log = logging.getLogger(__name__)

# The confirm step decides on the percent as eligibility.to_percent reads it (a stored 0.69995 is 70%); this
# margin keeps such rows, and float noise, candidates for a 70% minimum.
_PERCENT_MARGIN = 0.005


class BlockNotConfigured(LookupError):
    """No database copy of this block's settings: Studio never published it and nobody viewed it."""


@dataclass(frozen=True)
class BatchBlock:
    """A certificate block as the batch sees it: where it is, and its Studio settings."""

    ref: BlockRef
    rules: CertificateSettings


@dataclass
class ChunkReport:
    """What one chunk did: counts an operator reads, failures by learner, and learners left for a retry."""

    issued: int = 0
    would_issue: int = 0
    skipped: Counter = field(default_factory=Counter)
    failed: dict[int, str] = field(default_factory=dict)
    pending: list[int] = field(default_factory=list)
    transient_error: BaseException | None = None

    def add(self, other: ChunkReport) -> None:
        """Fold another chunk's counts into this one (the command's running total)."""
        self.issued += other.issued
        self.would_issue += other.would_issue
        self.skipped.update(other.skipped)
        self.failed.update(other.failed)
        self.pending.extend(other.pending)


def _stored_block(row: CertificateBlockConfig) -> BatchBlock:
    return BatchBlock(BlockRef(row.block_id, row.course_key), CertificateSettings.from_dict(row.settings))


def load_block(block_id: str) -> BatchBlock:
    """The block's stored settings; raises ``BlockNotConfigured`` when there is no copy."""
    row = CertificateBlockConfig.objects.filter(block_id=block_id).first()
    if row is None:
        raise BlockNotConfigured(f"certificate block {block_id} has no stored settings; publish the course "
                                 "in Studio or view the block once")
    return _stored_block(row)


def course_blocks(course_key: CourseKey) -> list[BatchBlock]:
    """Every enabled certificate block of a course that has stored settings (the batch's and the API's list)."""
    rows = CertificateBlockConfig.objects.filter(course_key=course_key, enabled=True).order_by("block_id")
    return [_stored_block(row) for row in rows]


def candidate_queries(block: BatchBlock) -> tuple[Any, Any]:
    """The two SQL sets of learners who may still need the certificate, as user-id querysets: by grade (in a
    certifying enrollment) and by allowlist (any active enrollment); both without learners who hold or lost it.
    The batch lists their union; the staff view counts it without reading a single grade."""
    course_key, block_id = block.ref.course_key, block.ref.block_id
    uncertified = [mode for mode, earns in platform.enrollment_modes(course_key).items()
                   if not mode_certified(Enrollment(mode, True, earns), block.rules)]
    certifying = platform.enrollments(course_key).exclude(mode__in=uncertified)
    holders = IssuedCertificate.objects.filter(block_id=block_id).values("user_id")
    if block.rules.eligibility_source:
        by_rule = _source_candidates(block, certifying)
    else:
        by_rule = _graded_candidates(block).filter(user_id__in=certifying.values("user_id"))
    if block.rules.kind == "pathway":
        by_rule = narrow_candidates(block.rules, course_key, by_rule)
    by_grade = by_rule.exclude(user_id__in=holders).values_list("user_id", flat=True)
    # The allowlist grants regardless of grade and of enrollment mode, as the eligibility rules do.
    by_allowlist = AllowlistEntry.objects.filter(
        Q(block_id=block_id) & Q(user_id__in=platform.enrollments(course_key).values("user_id"))
    ).exclude(user_id__in=holders).values_list("user_id", flat=True)
    return by_grade, by_allowlist


def _graded_candidates(block: BatchBlock) -> Any:
    """The rows (with ``user_id``) of learners whose grades may meet the block's rules, from the platform's indexes."""
    course_key, block_id = block.ref.course_key, block.ref.block_id
    if not asks_a_grade(block.rules):
        # No grade asked: completions and the assignment types' grades find them (docs/batch.md).
        return rule_candidates(block_id, course_key, block.rules)
    if block.rules.kind == "lesson":
        # Not the course grade: learners with a persisted grade in the lesson's subsections (docs/batch.md).
        return lesson_candidates(block_id, course_key, block.rules)
    if block.rules.grade_rule == "minimum_percent":
        minimum = block.rules.minimum_percent / 100 - _PERCENT_MARGIN
        return platform.course_grade_rows(course_key).filter(percent_grade__gte=minimum)
    return platform.passed_grades(course_key).order_by()


def _source_candidates(block: BatchBlock, certifying: Any) -> Any:
    """A block decided by an installed eligibility source: the learners the source offers (its ``candidates``), in
    a certifying enrollment; a source that offers none leaves every certifying enrollment a candidate (the source
    is then asked about each, a chunk at a time)."""
    from cert_xblock import plugins

    offered = plugins.candidates(block.rules.eligibility_source, block.ref.course_key)
    return certifying if offered is None else certifying.filter(user_id__in=offered)


def candidate_ids(block: BatchBlock) -> list[int]:
    """Learners who may still need this block's certificate, ascending, in three queries (modes, then the two)."""
    by_grade, by_allowlist = candidate_queries(block)
    return sorted(set(by_grade) | set(by_allowlist))


def chunked(user_ids: Iterable[int], size: int | None = None) -> Iterator[list[int]]:
    """Consecutive chunks of at most ``size`` learners (``CERT_XBLOCK_BATCH_CHUNK_SIZE`` by default)."""
    size = size or settings.CERT_XBLOCK_BATCH_CHUNK_SIZE
    ids = list(user_ids)
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def issue_chunk(block: BatchBlock, user_ids: list[int], request_id: str, *, dry_run: bool = False,
                now: datetime | None = None) -> ChunkReport:
    """Confirm and issue one chunk of learners; the number of reads does not depend on who they are.

    Each qualifying learner's certificate is rendered here while the previous one's file goes to the storage on
    the process's upload thread, and the chunk's records are committed together once their files are stored (one
    transaction, not one per learner). A render error is that learner's alone: it is counted and the chunk goes
    on. Any other error (storage, database) is taken as transient: the chunk stops, the certificates whose files
    were stored are recorded (or, if the database is what failed, their files deleted), and the learners not
    recorded are left ``pending`` with the error so the caller retries them.
    """
    now = now or datetime.now(UTC)
    report = ChunkReport()
    grades = platform.read_course_grades(user_ids, block.ref.course_key)
    learners = platform.learners_by_ids(grades)
    standings = gather_standings(block.ref, block.rules, grades,
                                 {user_id: learner.language for user_id, learner in learners.items()})
    uploads: list[tuple[Printed, Future]] = []
    halted = threading.Event()  # set by the chunk's first failed upload: the uploads queued after it do not start
    for position, user_id in enumerate(user_ids):
        learner = learners.get(user_id)
        if learner is None:
            log.info("cert_xblock request_id=%s user=%s block=%s skipped: no such user", request_id, user_id,
                     block.ref.block_id)
            report.skipped["no_such_user"] += 1
            continue
        known = standings[user_id]
        try:
            if dry_run:
                result = assess(learner, block.ref, block.rules, now=now, known=known)
            else:
                result = print_certificate(learner, block.ref, block.rules, via="batch", request_id=request_id,
                                           now=now, known=known)
                if isinstance(result, Printed):
                    if len(uploads) >= _UPLOADS_AHEAD:
                        uploads[-_UPLOADS_AHEAD][1].result()  # the storage's error, if it failed, stops the chunk
                    uploads.append((result, _upload_thread().submit(_store_unless_halted, result, halted)))
                    continue
        except RenderError as exc:
            log.exception("cert_xblock request_id=%s user=%s block=%s render failed", request_id, user_id,
                          block.ref.block_id)
            report.failed[user_id] = f"render failed: {exc}"
            if not dry_run:
                record_failures(block.ref.block_id, block.ref.course_key, [user_id], IssueFailure.Kind.RENDER,
                                str(exc), request_id)
            continue
        except Exception as exc:  # noqa: BLE001 - storage or database trouble: retry the rest of the chunk
            log.warning("cert_xblock request_id=%s user=%s block=%s stopped the chunk: %r", request_id, user_id,
                        block.ref.block_id, exc)
            halted.set()
            return _finish(report, uploads, block, request_id, stopped_by=exc, not_reached=user_ids[position:])
        _count(report, result, request_id, block)
    return _finish(report, uploads, block, request_id)


# How far rendering may run ahead of the uploads: enough to keep the storage busy while the next PDF is made, few
# enough that a storage outage stops the chunk after a handful of learners and a few PDFs are held in memory.
_UPLOADS_AHEAD = 4
_uploader: ThreadPoolExecutor | None = None


def _upload_thread() -> ThreadPoolExecutor:
    """The process's one upload thread, kept across chunks (with its storage client and connections): each worker
    still sends one file at a time, as the plain-PUT floor of the benchmark does."""
    global _uploader
    if _uploader is None:
        _uploader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cert-xblock-upload")
    return _uploader


def _store_unless_halted(printed: Printed, halted: threading.Event) -> None:
    if halted.is_set():
        raise CancelledError("an earlier upload of the chunk failed")
    try:
        store_certificate(printed)
    except BaseException:
        halted.set()
        raise


def _forget_upload_thread() -> None:
    global _uploader
    _uploader = None  # a forked child (a prefork worker) has no copy of its parent's thread


os.register_at_fork(after_in_child=_forget_upload_thread)


def _finish(report: ChunkReport, uploads: list[tuple[Printed, Future]], block: BatchBlock, request_id: str, *,
            stopped_by: Exception | None = None, not_reached: list[int] | None = None) -> ChunkReport:
    """Wait for the chunk's uploads (after a failure, those not started are skipped), record every certificate whose
    file is stored in one commit, and leave pending the learners whose file is not stored and those not reached."""
    error, stored = stopped_by, []
    for printed, upload in uploads:
        try:
            upload.result()
        except Exception as exc:  # noqa: BLE001 - a failed or cancelled upload: that learner is retried
            if not isinstance(exc, CancelledError):
                log.warning("cert_xblock request_id=%s user=%s block=%s upload failed: %r", request_id,
                            printed.certificate.user_id, block.ref.block_id, exc)
                error = error or exc
            report.pending.append(printed.certificate.user_id)
            continue
        stored.append(printed)
    try:
        results = record_certificates(stored, block.rules, request_id)
    except Exception as exc:  # noqa: BLE001 - database trouble: their files are deleted, the retry issues them
        log.warning("cert_xblock request_id=%s block=%s could not record %d certificates: %r", request_id,
                    block.ref.block_id, len(stored), exc)
        error = exc
        report.pending += [printed.certificate.user_id for printed in stored]
    else:
        for result in results:
            _count(report, result, request_id, block)
    if error is not None:
        report.transient_error = error
        report.pending += not_reached or []
    return report


def _count(report: ChunkReport, result: Assessment, request_id: str, block: BatchBlock) -> None:
    if result.created:
        report.issued += 1
    elif result.status == "eligible":
        report.would_issue += 1
    elif result.status == "issued":
        log.info("cert_xblock request_id=%s user=%s block=%s already holds %s", request_id,
                 result.certificate.user_id, block.ref.block_id, result.certificate.verify_id)
        report.skipped["already_issued"] += 1
    else:
        report.skipped[result.decision.reason.value] += 1


# --- what a run did, for the staff view's "issue now" progress and failed count ------------------------------------
def run_skipped(request_id: str) -> None:
    """A run found another run holding the block's lease and did nothing."""
    BatchRun.objects.filter(request_id=request_id).update(finished_at=datetime.now(UTC))


def run_listed(request_id: str, candidates: int, chunks: int) -> None:
    """A run counted its candidates and fanned out its chunks (a run with none is done at once)."""
    runs = BatchRun.objects.filter(request_id=request_id)
    runs.update(candidates=candidates, chunks=chunks)
    if chunks == 0:
        runs.update(finished_at=datetime.now(UTC))


def chunk_counted(request_id: str, report: ChunkReport, *, finished: bool = True) -> None:
    """Add what one attempt at a chunk did to its run's progress; a chunk left to retry (``finished`` False)
    counts its learners done so far, and its last attempt counts the chunk and those it gave up on.
    The last chunk marks the run done."""
    runs = BatchRun.objects.filter(request_id=request_id)
    gave_up = len(report.pending) if finished else 0
    runs.update(chunks_done=F("chunks_done") + int(finished), issued=F("issued") + report.issued,
                skipped=F("skipped") + sum(report.skipped.values()),
                failed=F("failed") + len(report.failed) + gave_up)
    runs.filter(chunks_done__gte=F("chunks"), finished_at__isnull=True).update(finished_at=datetime.now(UTC))
