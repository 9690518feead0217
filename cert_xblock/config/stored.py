"""The database copy of each block's Studio settings (``CertificateBlockConfig``).

Background work (the batch, the verify page) has no XBlock runtime, so it reads this copy. It is written
when the block is viewed or saved and when Studio publishes the course; writing only on change keeps a
view to one read.
"""
from __future__ import annotations

from opaque_keys.edx.keys import CourseKey

from cert_xblock.config.values import CertificateSettings
from cert_xblock.models import CertificateBlockConfig


def save_block_config(block_id: str, course_key: CourseKey, values: CertificateSettings,
                      enabled: bool = True) -> CertificateBlockConfig:
    """Upsert the copy for one block; a no-op write is skipped."""
    data = values.to_dict()
    row = CertificateBlockConfig.objects.filter(block_id=block_id).first()
    if row is None:
        return CertificateBlockConfig.objects.create(block_id=block_id, course_key=course_key, settings=data,
                                                     enabled=enabled)
    if row.settings != data or row.enabled != enabled or row.course_key != course_key:
        row.settings, row.enabled, row.course_key = data, enabled, course_key
        row.save(update_fields=["settings", "enabled", "course_key", "modified"])
    return row


def load_block_config(block_id: str) -> CertificateSettings | None:
    """The stored settings of one block, or None when the block was never synced."""
    row = CertificateBlockConfig.objects.filter(block_id=block_id).first()
    return CertificateSettings.from_dict(row.settings) if row else None
