"""Learners a certificate could not be issued to (a render or storage failure), for the staff view and the retry.

Written by whichever path failed: the click, the batch, Issue now. The staff dashboard counts those still
without a certificate; a later success supersedes the row.
"""
from __future__ import annotations

from collections.abc import Iterable

from opaque_keys.edx.keys import CourseKey

from cert_xblock.models import IssueFailure


def record_failures(block_id: str, course_key: CourseKey, user_ids: Iterable[int], kind: str, detail: str,
                    request_id: str) -> None:
    """Remember learners who could not be certified (a render or storage failure); the staff view counts those
    still without a certificate."""
    for user_id in user_ids:
        IssueFailure.objects.update_or_create(block_id=block_id, user_id=user_id, defaults={
            "course_key": course_key, "kind": kind, "detail": detail[:500], "request_id": request_id})
