"""The REST API's side of the permission table (``cert_xblock.core.permissions``): each view names its ``Action``.

Nothing reads the request body before the permission is decided. DRF's ``SessionAuthentication`` checks CSRF while
it authenticates, and that check reads ``request.POST``, which parses the body with the view's parsers: a learner's
hostile body was parsed before the table refused them. Here the session authenticates without looking at the body,
and CSRF is checked last among the permissions (``CsrfChecked``), on Django's own request as the LMS checks it for
XBlock handlers (``handle_xblock_callback`` in openedx-platform's ``lms/djangoapps/courseware/block_render.py``),
which never parses a JSON body; before it, ``BodyWithinLimits`` refuses an oversized body unread (JSON 413).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import get_language_from_request
from rest_framework.authentication import CSRFCheck, SessionAuthentication
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.permissions import BasePermission, IsAuthenticated

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
    classes.append(SessionWithoutBody)
    return classes


def api_permissions() -> list[type]:
    """Every view's checks, in order: signed in (401 with ``WWW-Authenticate`` when the first authentication scheme
    has one), not a restricted application's token, the table, the body's size, then CSRF for browser sessions."""
    return [IsAuthenticated, NotRestrictedApplication, FollowsTable, BodyWithinLimits, CsrfChecked]


class SessionWithoutBody(SessionAuthentication):
    """The browser session, authenticated without reading the body: CSRF is ``CsrfChecked``'s, after the table."""

    def enforce_csrf(self, request: Any) -> None:
        return None


class NotRestrictedApplication(BasePermission):
    """The platform's ``NotJwtRestrictedApplication`` (edx-drf-extensions ``permissions.py``), which the LMS asks of
    every JWT on its REST views and XBlock handlers: a token of a restricted OAuth application (``is_restricted``,
    issued for client-credentials grants) acts for no learner or staff member here."""

    def has_permission(self, request: Any, view: Any) -> bool:
        from edx_rest_framework_extensions.permissions import NotJwtRestrictedApplication

        if NotJwtRestrictedApplication().has_permission(request, view):
            return True
        self.message = request_gettext(request)("A restricted application's token cannot use this API.")
        return False


class PayloadTooLarge(APIException):
    status_code = 413
    default_detail = "The request body is too large."


class BodyWithinLimits(BasePermission):
    """An oversized body is refused by its declared length, unread: JSON 413 with the reason (the view's
    ``max_body_bytes``; the parsers bound a body sent without a length as they read it)."""

    def has_permission(self, request: Any, view: Any) -> bool:
        from cert_xblock.core.http import MAX_BODY_BYTES

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > getattr(view, "max_body_bytes", MAX_BODY_BYTES):
            raise PayloadTooLarge(request_gettext(request)("The request body is too large."))
        return True


class CsrfChecked(BasePermission):
    """Django's CSRF check for a browser session's unsafe request, on the underlying Django request (which reads a
    form body only, and here only after the table and the size check); tokens (JWT) carry no cookie to forge."""

    def has_permission(self, request: Any, view: Any) -> bool:
        if not isinstance(request.successful_authenticator, SessionAuthentication):
            return True
        django_request = request._request  # Django's request: its POST is empty for a JSON or CSV body
        check = CSRFCheck(lambda _request: None)  # DRF's middleware subclass answering the reason, not a page
        check.process_request(django_request)
        reason = check.process_view(django_request, None, (), {})
        if reason:
            raise PermissionDenied(f"CSRF Failed: {reason}")
        return True


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
