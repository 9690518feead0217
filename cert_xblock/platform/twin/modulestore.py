"""Twin of Studio's modulestore, reduced to what cert_xblock reads: a course's published blocks and their fields.

The real modulestore keeps courses in MongoDB; here one row per block is enough. The workbench has no
draft/publish cycle, so saving a block in the workbench stores it as published.
"""
from __future__ import annotations

from typing import Any

from django.db import models
from opaque_keys.edx.django.models import CourseKeyField
from opaque_keys.edx.keys import CourseKey


class CourseBlock(models.Model):
    """One block of a course with its ``Scope.settings`` fields; ``published`` False means removed from the course."""

    course_id = CourseKeyField(max_length=255, db_index=True)
    usage_id = models.CharField(max_length=255, unique=True)
    block_type = models.CharField(max_length=64)
    fields = models.JSONField(default=dict)
    published = models.BooleanField(default=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "cert_xblock_twin"

    def __str__(self) -> str:
        return f"{self.usage_id} ({'published' if self.published else 'removed'})"


def published_blocks(course_key: CourseKey, block_type: str) -> dict[str, dict[str, Any]]:
    """Usage id → settings fields of every published block of this type in the course."""
    rows = CourseBlock.objects.filter(course_id=course_key, block_type=block_type, published=True)
    return {row.usage_id: dict(row.fields) for row in rows.order_by("usage_id")}


def store_saved_block(course_key: CourseKey, usage_id: str, block_type: str, fields: dict[str, Any]) -> bool:
    """Record a block saved in the workbench as published; True: the caller should sync the course now."""
    CourseBlock.objects.update_or_create(usage_id=usage_id, defaults={
        "course_id": course_key, "block_type": block_type, "fields": fields, "published": True,
    })
    return True


def block_seen(course_key: CourseKey, usage_id: str, block_type: str, fields: dict[str, Any]) -> None:
    """A block the workbench rendered is in the course; recorded once, its fields kept current by saves."""
    CourseBlock.objects.get_or_create(usage_id=usage_id, defaults={
        "course_id": course_key, "block_type": block_type, "fields": fields, "published": True,
    })
