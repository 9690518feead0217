"""Who may read what: a learner reads their own certificates, course staff read their course's."""
from __future__ import annotations

from typing import Any

from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import BasePermission

from .. import compat


def authentication_classes() -> list[type]:
    """The LMS's JWT authentication where edx-drf-extensions is installed, and the browser session everywhere."""
    classes: list[type] = []
    try:
        from edx_rest_framework_extensions.auth.jwt.authentication import JwtAuthentication
    except ImportError:
        pass
    else:
        classes.append(JwtAuthentication)
    classes.append(SessionAuthentication)
    return classes


class IsCourseStaff(BasePermission):
    """Staff of the course in the URL (``has_access(user, 'staff', course_key)`` in the LMS)."""

    message = "Only course staff can see the certificates of a course."

    def has_permission(self, request: Any, view: Any) -> bool:
        return compat.is_course_staff(request.user, view.course_key)


class IsLearnerOrCourseStaff(BasePermission):
    """The learner named in the URL themselves, or staff of the course."""

    message = "Only the learner themselves or course staff can see this learner's certificates."

    def has_permission(self, request: Any, view: Any) -> bool:
        if request.user.username == view.kwargs["username"]:
            return True
        return compat.is_course_staff(request.user, view.course_key)
