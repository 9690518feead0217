"""Run inside the plugin test project (``python -m tests.plugin.probe common|lms|cms``): print what it sees as JSON.

The tests start this in a subprocess, because a Django process has exactly one settings project.
"""
from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import django


def _celery_app() -> None:
    """The host's Celery app, configured from Django settings without a namespace, as the LMS's is."""
    from celery import Celery

    app = Celery("plugin-test-project")
    app.config_from_object("django.conf:settings")
    app.set_default()


def common_facts() -> dict[str, Any]:
    from django.apps import apps
    from django.conf import settings

    return {
        "apps": [config.name for config in apps.get_app_configs()],
        "settings": {name: getattr(settings, name) for name in dir(settings) if name.startswith("CERT_XBLOCK_")},
        "storage": settings.STORAGES["cert_xblock"],
        "beat": {name: entry["schedule"].total_seconds() for name, entry in settings.CELERYBEAT_SCHEDULE.items()},
    }


def lms_facts() -> dict[str, Any]:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from opaque_keys.edx.keys import CourseKey

    from cert_xblock.issuing.signals import certificate_issued
    from cert_xblock.models import IssuedCertificate
    from cert_xblock.platform.twin.tracker import TrackedEvent

    user = get_user_model().objects.create(username="lin", email="lin@example.org")
    certificate = IssuedCertificate.objects.create(
        user=user, course_key=CourseKey.from_string("course-v1:PlugX+P1+2026"), block_id="block-v1:PlugX+P1+2026"
        "+type@cert_xblock+block@c1", name="Lin Plug", course_name="Plugins", org_name="PlugX",
        issued_at=datetime.now(UTC), request_id="req-plugin", file_name="x.pdf")
    certificate_issued.send(sender=IssuedCertificate, certificate=certificate, request_id="req-plugin")
    client = Client()
    verify_path = reverse("cert_xblock:verify", kwargs={"verify_id": certificate.verify_id})
    return {
        "verify_path": verify_path,
        "verify_status": client.get(verify_path).status_code,
        "api_status_anonymous": client.get(reverse("cert_xblock:api-my-certificates")).status_code,
        "events": list(TrackedEvent.objects.values_list("name", flat=True)),
        "emails": [path.read_text() for path in sorted(Path(settings.EMAIL_FILE_PATH).glob("*"))],
    }


def cms_facts() -> dict[str, Any]:
    """Publish a course with two certificate blocks, then again without one; the rows after each (a worker may
    do the sync: each step waits up to 30 s for the rows it should bring, then reports what is there)."""
    from django.db import transaction
    from opaque_keys.edx.keys import CourseKey
    from xmodule.modulestore.django import SignalHandler

    from cert_xblock.models import CertificateBlockConfig
    from cert_xblock.platform.twin.modulestore import CourseBlock

    course = CourseKey.from_string("course-v1:StudioX+S1+2026")
    blocks = [f"block-v1:StudioX+S1+2026+type@cert_xblock+block@{name}" for name in ("final", "honours")]
    for usage_id, title in zip(blocks, ("Certificate of Completion", "Certificate of Distinction"), strict=True):
        CourseBlock.objects.create(course_id=course, usage_id=usage_id, block_type="cert_xblock",
                                   fields={"certificate_title": title, "show_grade": True})

    def publish(expected_enabled: int) -> list[tuple[str, bool, str]]:
        with transaction.atomic():
            SignalHandler.course_published.send(sender=None, course_key=course)
        deadline = time.monotonic() + 30
        while True:
            rows = CertificateBlockConfig.objects.filter(course_key=course).order_by("block_id")
            found = [(row.block_id, row.enabled, row.settings["certificate_title"]) for row in rows]
            if (len(found) == 2 and sum(enabled for _, enabled, _ in found) == expected_enabled) \
                    or time.monotonic() > deadline:
                return found
            time.sleep(0.1)

    first = publish(expected_enabled=2)
    CourseBlock.objects.filter(usage_id=blocks[1]).update(published=False)
    return {"after_first_publish": first, "after_removal": publish(expected_enabled=1)}


if __name__ == "__main__":
    django.setup()
    _celery_app()
    facts = common_facts()
    facts.update({"common": dict, "lms": lms_facts, "cms": cms_facts}[sys.argv[1]]())
    print(json.dumps(facts, default=str))
