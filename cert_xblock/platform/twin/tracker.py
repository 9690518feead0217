"""Twin of ``eventtracking.tracker``: ``emit(name, data)`` writes the event to a table anyone can read back."""
from __future__ import annotations

from typing import Any

from django.db import models


class TrackedEvent(models.Model):
    """One emitted tracking event, as the LMS's tracking log would carry it."""

    name = models.CharField(max_length=255, db_index=True)
    data = models.JSONField(default=dict)
    time = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "cert_xblock_twin"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


def emit(name: str, data: dict[str, Any]) -> None:
    TrackedEvent.objects.create(name=name, data=data)
