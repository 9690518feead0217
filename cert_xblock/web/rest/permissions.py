"""The REST API's side of the permission table (``cert_xblock.core.permissions``): each view names its ``Action``."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import get_language_from_request
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import BasePermission

from cert_xblock.core.i18n import gettext_for
from cert_xblock.core.permissions import Action, Caller, allowed, caller_for_user, refusal


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


def view_caller(request: Any, view: Any) -> Caller:
    """The caller in the view's course (if its URL names one), holding ``holder`` when the URL names them."""
    caller = caller_for_user(request.user, getattr(view, "course_key", None) if "course_id" in view.kwargs else None)
    username = view.kwargs.get("username")
    if username is not None and request.user.is_authenticated and request.user.username == username:
        caller = caller.with_holder(request.user.pk)
    return caller


class FollowsTable(BasePermission):
    """Allows what the permission table allows for the view's ``permission_action``; says why otherwise."""

    def has_permission(self, request: Any, view: Any) -> bool:
        action: Action = view.permission_action
        if allowed(action, view_caller(request, view)):
            return True
        self.message = refusal(action, request_gettext(request))
        return False
