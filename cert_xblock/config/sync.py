"""Keep ``CertificateBlockConfig`` in step with the course as Studio published it.

The batch and the verify page run outside any XBlock runtime, so they read the database copy of each
block's settings. Studio's ``course_published`` signal enqueues ``sync_course_config``; the standalone twin
calls ``sync_course`` when a block is saved in the workbench and from ``manage.py sync_certificate_config``.
Blocks that left the course are disabled, never deleted: their certificates keep pointing at them.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from celery import shared_task
from django.db import transaction
from opaque_keys.edx.keys import CourseKey

from cert_xblock import platform
from cert_xblock.config.stored import save_block_config
from cert_xblock.config.values import CertificateSettings
from cert_xblock.models import CertificateBlockConfig

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncResult:
    """What one sync did: block ids whose copy is current and enabled, and block ids it disabled."""

    course_key: CourseKey
    enabled: tuple[str, ...]
    disabled: tuple[str, ...]


def sync_course(course_key: CourseKey) -> SyncResult:
    """Upsert one enabled row per published certificate block of the course; disable rows of removed blocks."""
    published = platform.published_certificate_blocks(course_key)
    with transaction.atomic():
        for block_id, fields in published.items():
            save_block_config(block_id, course_key, CertificateSettings.from_dict(fields), enabled=True)
        removed = CertificateBlockConfig.objects.filter(course_key=course_key, enabled=True).exclude(
            block_id__in=list(published))
        disabled = tuple(sorted(removed.values_list("block_id", flat=True)))
        removed.update(enabled=False)
    log.info("cert_xblock config sync %s: %d enabled, %d disabled", course_key, len(published), len(disabled))
    return SyncResult(course_key, tuple(sorted(published)), disabled)


@shared_task(name="cert_xblock.sync_course_config", autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def sync_course_config(course_key: str) -> dict[str, list[str]]:
    """Celery task behind ``course_published``: runs in a worker, retried with backoff if the store is busy."""
    result = sync_course(CourseKey.from_string(course_key))
    return {"enabled": list(result.enabled), "disabled": list(result.disabled)}


def block_saved(block_id: str, course_key: CourseKey, values: CertificateSettings) -> SyncResult | None:
    """A block's settings were saved: where the platform has no publish step (the twin), sync the course now."""
    if platform.store_saved_block(course_key, block_id, values.to_dict()):
        return sync_course(course_key)
    return None
