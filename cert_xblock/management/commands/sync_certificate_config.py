"""``manage.py sync_certificate_config --course KEY``: refresh the settings copy of a course's certificate blocks.

The same sync Studio's publish triggers, for operators (after a restore, or when a worker was down) and
for the standalone twin, which has no publish step.
"""
from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cert_xblock.config.sync import sync_course
from cert_xblock.management.course_keys import existing_course_key
from cert_xblock.models import CertificateBlockConfig


class Command(BaseCommand):
    help = "Copy the Studio settings of every published certificate block of a course; disable removed blocks."

    def add_arguments(self, parser: Any) -> None:
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--course", action="append", default=[], help="course key (repeatable)")
        target.add_argument("--all", action="store_true", help="every course that has certificate blocks on record")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["all"]:
            keys = sorted(set(CertificateBlockConfig.objects.values_list("course_key", flat=True)), key=str)
        else:
            keys = [existing_course_key(text) for text in options["course"]]
        for course_key in keys:
            result = sync_course(course_key)
            self.stdout.write(f"{course_key}: {len(result.enabled)} enabled, {len(result.disabled)} disabled"
                              + "".join(f"\n  disabled {block_id}" for block_id in result.disabled))
