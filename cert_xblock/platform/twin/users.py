"""How the twin tells who is signed in and which course a block is in, outside the LMS.

The XBlock SDK workbench names its learner with a ``?student=`` id; the twin treats that id as the
username of a real Django user. An empty id, or the workbench's ``none`` for unauthenticated
handlers, is an anonymous visitor. A user service that carries the LMS's attributes wins.
"""
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from opaque_keys.edx.keys import CourseKey

ANONYMOUS_IDS = {"", "none", "anonymous"}
DEFAULT_COURSE = "course-v1:DemoX+CERT101+2026"


def user_id_of(xblock_user: Any) -> int | None:
    attrs = xblock_user.opt_attrs
    if "edx-platform.user_id" in attrs:
        return attrs["edx-platform.user_id"] if attrs.get("edx-platform.is_authenticated", True) else None
    student = attrs.get("xblock-workbench.user_id")
    if student is None or str(student) in ANONYMOUS_IDS:
        return None
    return get_user_model().objects.filter(username=str(student)).values_list("pk", flat=True).first()


def course_key_for_usage(usage_id: str) -> CourseKey:
    """Workbench usage ids carry no course; the twin runs one course, named in settings."""
    return CourseKey.from_string(getattr(settings, "CERT_XBLOCK_TWIN_COURSE", DEFAULT_COURSE))
