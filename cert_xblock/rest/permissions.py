"""Who may read what: a learner reads their own certificates, course staff read their course's."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import get_language_from_request
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import BasePermission

from .. import compat
from ..i18n import gettext_for


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


def request_gettext(request: Any) -> Callable[[str], str]:
    """``_`` in the caller's language (Accept-Language, or the LMS's language cookie)."""
    return gettext_for(get_language_from_request(getattr(request, "_request", request)) or "en")


class IsCourseStaff(BasePermission):
    """Staff of the course in the URL (``has_access(user, 'staff', course_key)`` in the LMS)."""

    def has_permission(self, request: Any, view: Any) -> bool:
        if compat.is_course_staff(request.user, view.course_key):
            return True
        self.message = request_gettext(request)("Only course staff can see the certificates of a course.")
        return False


class IsLearnerOrCourseStaff(BasePermission):
    """The learner named in the URL themselves, or staff of the course."""

    def has_permission(self, request: Any, view: Any) -> bool:
        if request.user.username == view.kwargs["username"] or compat.is_course_staff(request.user, view.course_key):
            return True
        self.message = request_gettext(request)(
            "Only the learner themselves or course staff can see this learner's certificates.")
        return False
