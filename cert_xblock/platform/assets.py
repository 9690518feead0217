"""Logo and signature images from the course's Files & Uploads, read through the seam.

A batch prints thousands of certificates with the same images, so each file is fetched once a minute per
process, not once per learner; an author's replaced logo shows up within that minute.
"""
from __future__ import annotations

from time import monotonic

from opaque_keys.edx.keys import CourseKey

from cert_xblock.platform import backend

TTL_SECONDS = 60.0
_fetched: dict[tuple[str, str], tuple[float, bytes | None]] = {}


def course_asset(course_key: CourseKey, path: str) -> bytes | None:
    """The asset's bytes, or None for a blank path or a file the course does not have."""
    if not path or not path.strip():
        return None
    key = (str(course_key), path.strip())
    hit = _fetched.get(key)
    now = monotonic()
    if hit is not None and now - hit[0] < TTL_SECONDS:
        return hit[1]
    data = read_course_asset(course_key, key[1])
    _fetched[key] = (now, data)
    return data


def missing_assets(course_key: CourseKey, paths: list[str]) -> list[str]:
    """The non-blank paths the course has no file for (for Studio's validation)."""
    return [p for p in paths if p.strip() and read_course_asset(course_key, p.strip()) is None]


def read_course_asset(course_key: CourseKey, path: str) -> bytes | None:
    """The bytes of a course asset (logo, signature image), or None when the course has no such file."""
    return backend.current().read_course_asset(course_key, path)


def course_images(course_key: CourseKey) -> list[str]:
    """The images an author may pick for the logo and signatures: "/static/<name>" paths, sorted."""
    return backend.current().course_images(course_key)

