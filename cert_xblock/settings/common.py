"""Defaults for every setting cert_xblock reads, applied by the Open edX plugin machinery.

Operators override them in their LMS/Studio settings (or YAML); the demo and test settings call
``plugin_settings`` the same way, so there is one list of settings and one list of defaults.
"""
from __future__ import annotations

from datetime import timedelta
from typing import Any


def plugin_settings(settings: Any) -> None:
    """Set cert_xblock's defaults on a Django settings module, keeping what the operator already set."""
    defaults = {
        # Where certificates are printed to link back: the LMS root.
        "CERT_XBLOCK_SITE_ROOT": getattr(settings, "LMS_ROOT_URL", ""),
        # "auto": edx-platform when importable, else the standalone twin; or "lms" / "twin".
        "CERT_XBLOCK_PLATFORM": "auto",
        # Seconds a presigned download link stays valid (S3 storage).
        "CERT_XBLOCK_DOWNLOAD_LINK_SECONDS": 300,
        # Send the learner an email when a certificate is issued (a block setting can turn it off).
        "CERT_XBLOCK_EMAIL_ENABLED": True,
        # Seconds between beat ticks of the batch dispatcher.
        "CERT_XBLOCK_BATCH_INTERVAL_SECONDS": 300,
        # Learners per batch chunk task.
        "CERT_XBLOCK_BATCH_CHUNK_SIZE": 200,
        # Seconds a block's batch run keeps its lease without a chunk finishing; then another run may take over.
        "CERT_XBLOCK_BATCH_LEASE_SECONDS": 1800,
        # Base of the exponential backoff (seconds) before a chunk retries after a storage or database error.
        "CERT_XBLOCK_BATCH_RETRY_SECONDS": 10,
        # Send the platform's own certificate links to ours (openedx-filters pipeline step).
        "CERT_XBLOCK_PLATFORM_BRIDGE": False,
    }
    for name, value in defaults.items():
        if not hasattr(settings, name):
            setattr(settings, name, value)
    # The LMS's celery app reads Django settings without a namespace; operators run `celery beat`.
    schedule = dict(getattr(settings, "CELERYBEAT_SCHEDULE", {}) or {})
    schedule.setdefault("cert_xblock.dispatch_due_batches", {
        "task": "cert_xblock.tasks.dispatch_due_batches",
        "schedule": timedelta(seconds=settings.CERT_XBLOCK_BATCH_INTERVAL_SECONDS),
    })
    settings.CELERYBEAT_SCHEDULE = schedule
    from django.conf import global_settings

    storages = dict(getattr(settings, "STORAGES", None) or global_settings.STORAGES)
    if "cert_xblock" not in storages:
        media_root = str(getattr(settings, "MEDIA_ROOT", "") or "media")
        storages["cert_xblock"] = {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": f"{media_root.rstrip('/')}/cert_xblock"},
        }
        settings.STORAGES = storages
