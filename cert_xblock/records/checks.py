"""Django system checks: refuse a configuration that would publish certificate files.

``manage.py check`` (run by every ``migrate`` and at LMS start) reports ``cert_xblock.E001`` when the local
certificate folder lies inside MEDIA_ROOT or STATIC_ROOT: the LMS's web server (Tutor's Caddy, nginx) serves
those to anyone, and a certificate's path holds only its public verification id.
"""
from __future__ import annotations

from typing import Any

from django.core.checks import Error, register


@register()
def certificate_files_are_private(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    from cert_xblock.records.storage import certificate_storage, publicly_served_location

    served = publicly_served_location(certificate_storage())
    if served is None:
        return []
    return [Error(
        f"Certificate PDFs would be stored in {served}, which the web server publishes.",
        hint="Set CERT_XBLOCK_FILES_ROOT to a folder outside MEDIA_ROOT and STATIC_ROOT (or use S3).",
        id="cert_xblock.E001",
    )]
