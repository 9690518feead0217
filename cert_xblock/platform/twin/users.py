"""How the twin tells who is signed in and which course a block is in, outside the LMS.

The XBlock SDK workbench names its learner with a ``?student=`` id; the twin treats that id as the
username of a real Django user. An empty id, or the workbench's ``none`` for unauthenticated
handlers, is an anonymous visitor. A user service that carries the LMS's attributes wins.

Masquerade as the LMS applies it (``setup_masquerade`` in lms/djangoapps/courseware/masquerade.py): a staff member
with a ``CourseMasquerade`` row for a specific learner has the block bound to that learner; viewing as a learner,
to themselves; either way with a learner's roles and nothing else (``viewer_roles``).
"""
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from opaque_keys.edx.keys import CourseKey

from cert_xblock.platform.twin.roles import course_roles, masquerade_of
from cert_xblock.platform.types import NO_ROLES, CourseRoles

ANONYMOUS_IDS = {"", "none", "anonymous"}
DEFAULT_COURSE = "course-v1:DemoX+CERT101+2026"


def _signed_in(xblock_user: Any) -> Any:
    """The Django user signed in to the workbench (before any masquerade), or None."""
    attrs = xblock_user.opt_attrs
    if "edx-platform.user_id" in attrs:
        if not attrs.get("edx-platform.is_authenticated", True):
            return None
        return get_user_model().objects.filter(pk=attrs["edx-platform.user_id"]).first()
    student = attrs.get("xblock-workbench.user_id")
    if student is None or str(student) in ANONYMOUS_IDS:
        return None
    return get_user_model().objects.filter(username=str(student)).first()


def user_id_of(xblock_user: Any) -> int | None:
    """The user the block is bound to: the signed-in user, or the specific learner they view the course as."""
    user = _signed_in(xblock_user)
    if user is None:
        return None
    masquerade = masquerade_of(user, course_key_for_usage(""))
    if masquerade is not None and masquerade.user_name:
        viewed = get_user_model().objects.filter(username=masquerade.user_name).values_list("pk", flat=True).first()
        return viewed if viewed is not None else user.pk
    return user.pk


def viewer_roles(user_service: Any, course_key: CourseKey) -> CourseRoles:
    """The signed-in user's roles with their masquerade applied (the LMS side's ``viewer_roles``)."""
    user = _signed_in(user_service.get_current_user())
    if user is None:
        return NO_ROLES
    masquerade = masquerade_of(user, course_key)
    if masquerade is not None:
        return CourseRoles(masquerade="specific" if masquerade.user_name else "learner")
    return course_roles(user, course_key)


def course_key_for_usage(usage_id: str) -> CourseKey:
    """Workbench usage ids carry no course; the twin runs one course, named in settings."""
    return CourseKey.from_string(getattr(settings, "CERT_XBLOCK_TWIN_COURSE", DEFAULT_COURSE))
