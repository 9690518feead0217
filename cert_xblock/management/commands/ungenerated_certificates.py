"""``ungenerated_certificates --block USAGE_KEY [--issue]``.

Lists the learners who qualify for the block's certificate but do not hold it (passed, or allowlisted, in a
certifying enrollment, never revoked) — the platform's old ``ungenerated_certs``. With ``--issue`` it runs
"issue now" for them (on the Celery workers when there are any, else here) and waits until the run is done.
"""
from __future__ import annotations

import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cert_xblock import staff
from cert_xblock.issuing.batch.runner import candidate_ids
from cert_xblock.staff.commands import add_block_arguments, command_block, operator


class Command(BaseCommand):
    help = "List the learners who qualify for a block's certificate but do not hold it; --issue to certify them."

    def add_arguments(self, parser: Any) -> None:
        add_block_arguments(parser)
        parser.add_argument("--issue", action="store_true", help="Issue them now (the batch for this block)")
        parser.add_argument("--timeout", type=int, default=3600, help="Seconds to wait for the run (with --issue)")

    def handle(self, *args: Any, **options: Any) -> None:
        block = command_block(options["block"])
        ids = candidate_ids(block)
        if not options["issue"]:
            for username in get_user_model().objects.filter(pk__in=ids).order_by("username").values_list(
                    "username", flat=True).iterator():
                self.stdout.write(username)
            self.stdout.write(f"{len(ids)} learners without the certificate", self.style.SUCCESS)
            return
        actor = operator(options["by"])
        try:
            run = staff.start_issue_now(block, actor)
        except staff.StaffError as exc:
            raise CommandError(str(exc)) from None
        deadline = time.monotonic() + options["timeout"]
        while True:
            progress = staff.issue_now_progress(block.ref.block_id, run.request_id)
            if progress["state"] in ("done", "skipped") or time.monotonic() > deadline:
                break
            time.sleep(1)
        self.stdout.write(f"{progress['state']}: issued {progress['issued']}, skipped {progress['skipped']}, "
                          f"failed {progress['failed']}, still queued {progress['queued']}; "
                          f"request id: {run.request_id}")
        if progress["failed"] or progress["state"] not in ("done",):
            raise CommandError(f"the run is {progress['state']} with {progress['failed']} failures")
