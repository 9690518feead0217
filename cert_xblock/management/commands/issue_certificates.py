"""``issue_certificates --course KEY [--block USAGE_KEY] [--dry-run]``: the batch, for operators who use cron.

Runs in this process, chunk by chunk, through the same candidate query and issuance path as the Celery
batch, under the same per-block lease (so it never overlaps a beat run). Prints a progress bar and a
summary (issued, skipped by reason, failed) and exits non-zero when any learner failed.
"""
from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from opaque_keys.edx.keys import CourseKey

from cert_xblock.issuing.batch import lease as batch_lease
from cert_xblock.issuing.batch import runner as batch
from cert_xblock.issuing.issuance import new_request_id
from cert_xblock.management.course_keys import existing_course_key

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Issue the certificate of a course's certificate blocks to every remaining eligible learner."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--course", required=True, help="Course key, e.g. course-v1:ORG+COURSE+RUN")
        parser.add_argument("--block", help="Usage key of one certificate block (default: all in the course)")
        parser.add_argument("--dry-run", action="store_true", help="Report who would be issued; write nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        course_key = existing_course_key(options["course"])
        blocks = _blocks(course_key, options.get("block"))
        request_id = new_request_id()
        total = batch.ChunkReport()
        for block in blocks:
            total.add(self._run_block(block, request_id, options["dry_run"]))
        self._summary(total, request_id, options["dry_run"])
        if total.failed:
            raise CommandError(f"{len(total.failed)} learners failed; see the log lines "
                               f"with request_id={request_id}, then run the command again")

    def _run_block(self, block: batch.BatchBlock, request_id: str, dry_run: bool) -> batch.ChunkReport:
        block_id = block.ref.block_id
        if not dry_run and not batch_lease.acquire(block_id, request_id):
            busy = batch_lease.holder(block_id)
            raise CommandError(f"a batch run (request id {busy[0] if busy else '?'}) is working on {block_id} "
                               f"until {busy[1].isoformat() if busy else 'soon'}; try again later")
        report = batch.ChunkReport()
        try:
            candidates = batch.candidate_ids(block)
            self.stdout.write(f"{block_id}: {len(candidates)} learners to check (request id {request_id})")
            done = 0
            for user_ids in batch.chunked(candidates):
                chunk = batch.issue_chunk(block, user_ids, request_id, dry_run=dry_run)
                # A cron run does not retry: learners a storage or database error left undone are failures.
                chunk.failed.update({user_id: f"not done: {chunk.transient_error!r}" for user_id in chunk.pending})
                chunk.pending.clear()
                report.add(chunk)
                done += len(user_ids)
                self._progress(done, len(candidates))
        finally:
            if not dry_run:
                batch_lease.release(block_id, request_id)
        return report

    def _progress(self, done: int, total: int) -> None:
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        self.stderr.write(f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}",
                          ending="\n" if done >= total else "")
        self.stderr.flush()

    def _summary(self, report: batch.ChunkReport, request_id: str, dry_run: bool) -> None:
        if dry_run:
            self.stdout.write(f"would issue: {report.would_issue}")
        else:
            self.stdout.write(f"issued: {report.issued}")
        skipped = sum(report.skipped.values())
        reasons = ", ".join(f"{reason} {count}" for reason, count in sorted(report.skipped.items()))
        self.stdout.write(f"skipped: {skipped}" + (f" ({reasons})" if reasons else ""))
        self.stdout.write(f"failed: {len(report.failed)}")
        for user_id, error in sorted(report.failed.items()):
            self.stdout.write(f"  user {user_id}: {error}")
        self.stdout.write(f"request id: {request_id}")


def _blocks(course_key: CourseKey, block_id: str | None) -> list[batch.BatchBlock]:
    if block_id:
        try:
            block = batch.load_block(block_id)
        except batch.BlockNotConfigured as exc:
            raise CommandError(str(exc)) from None
        if block.ref.course_key != course_key:
            raise CommandError(f"block {block_id} belongs to {block.ref.course_key}, not to {course_key}")
        return [block]
    blocks = batch.course_blocks(course_key)
    if not blocks:
        raise CommandError(f"course {course_key} has no certificate block with stored settings; publish the "
                           "course in Studio or view the block once")
    return blocks
