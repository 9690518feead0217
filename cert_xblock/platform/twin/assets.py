"""Twin of the LMS contentstore: a course's Files & Uploads are files in ``CERT_XBLOCK_TWIN_ASSETS/<course>/``.

Like the platform, "/static/logo.png", "logo.png" and the asset key's file name all name the same file.
"""
from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from opaque_keys.edx.keys import CourseKey


def assets_dir(course_key: CourseKey) -> Path:
    root = Path(getattr(settings, "CERT_XBLOCK_TWIN_ASSETS", Path(settings.MEDIA_ROOT) / "twin-assets"))
    return root / re.sub(r"[^A-Za-z0-9._-]+", "_", str(course_key))


def read_course_asset(course_key: CourseKey, path: str) -> bytes | None:
    name = path.split("@")[-1].split("/")[-1]  # /static/x.png, x.png, asset-v1:...+type@asset+block@x.png
    candidate = assets_dir(course_key) / name
    return candidate.read_bytes() if name and candidate.is_file() else None


def course_images(course_key: CourseKey) -> list[str]:
    """The course folder's PNG and JPEG files as "/static/<name>" paths, as the contentstore lists them."""
    folder = assets_dir(course_key)
    if not folder.is_dir():
        return []
    return sorted(f"/static/{path.name}" for path in folder.iterdir()
                  if path.is_file() and path.suffix.lower() in (".png", ".jpg", ".jpeg"))
