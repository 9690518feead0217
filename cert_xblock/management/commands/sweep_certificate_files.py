"""``sweep_certificate_files [--older-than-minutes 60] [--dry-run]``.

Deletes certificate files that no record names: left when an issue died between storing its PDF and recording
it (a worker killed, the database gone and the storage refusing the delete). A retry never reuses such a file;
run this now and then (a cron job, or after an incident). Files younger than the grace period are kept: an
issue in flight stores its file a moment before it records it.
"""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand

from cert_xblock.issuing.issuance import sweep_orphan_files


class Command(BaseCommand):
    help = "Delete certificate files no certificate record names (orphans of failed issues)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--older-than-minutes", type=float, default=60,
                            help="Keep files younger than this (issues in flight); default 60")
        parser.add_argument("--dry-run", action="store_true", help="List the orphans, delete nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        orphans = sweep_orphan_files(timedelta(minutes=options["older_than_minutes"]), dry_run=options["dry_run"])
        for name in orphans:
            self.stdout.write(name)
        verb = "would delete" if options["dry_run"] else "deleted"
        self.stdout.write(f"{verb} {len(orphans)} orphan certificate files", self.style.SUCCESS)
