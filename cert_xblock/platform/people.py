"""People and roles: a learner's identity, full name and language as the LMS keeps them, the signed-in user behind the
XBlock ``user`` service, course roles (global staff, course staff, instructor, Studio author), and the sign-in page.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from opaque_keys.edx.keys import CourseKey

from cert_xblock.platform import backend, contract
from cert_xblock.platform.types import ANONYMOUS, NO_ROLES, CourseRoles, Learner

# The user preference holding the learner's language (openedx/core/djangoapps/lang_pref/__init__.py: LANGUAGE_KEY).
LANGUAGE_PREFERENCE = "pref-lang"


def learner_by_id(user_id: int) -> Learner:
    """A learner's identity and full name (``UserProfile.name``, as the LMS prints it)."""
    learner = learners_by_ids([user_id]).get(user_id)
    if learner is None:
        from django.contrib.auth import get_user_model

        raise get_user_model().DoesNotExist(f"no user {user_id}")
    return learner


def current_learner(xblock_user: Any) -> Learner:
    """The signed-in learner behind the XBlock ``user`` service's current user, or ANONYMOUS."""
    user_id = backend.current().user_id_of(xblock_user)
    if user_id is None:
        return ANONYMOUS
    learner = learner_by_id(user_id)
    prefs = xblock_user.opt_attrs.get("edx-platform.user_preferences") or {}
    role = xblock_user.opt_attrs.get("edx-platform.user_role")
    is_staff = learner.is_staff or bool(xblock_user.opt_attrs.get("edx-platform.user_is_staff")) or role in (
        "staff",
        "instructor",
    )
    return Learner(
        learner.user_id,
        learner.username,
        learner.full_name,
        learner.email,
        prefs.get(LANGUAGE_PREFERENCE) or learner.language,
        is_staff,
    )


def learners_by_ids(user_ids: Iterable[int]) -> dict[int, Learner]:
    """Many learners' identities, full names and languages in three queries, for the batch's chunks.

    The language is the ``pref-lang`` user preference, as the LMS sets it; ``UserProfile.language`` is
    deprecated free text ("English") the platform no longer reads.
    """
    from django.contrib.auth import get_user_model

    chosen = backend.current()
    ids = list(user_ids)
    names = dict(chosen.UserProfile.objects.filter(user_id__in=ids).values_list("user_id", "name"))
    languages = dict(chosen.UserPreference.get_preference_for_users(ids, LANGUAGE_PREFERENCE).values_list(
        "user_id", "value"))
    learners = {}
    for user in get_user_model().objects.filter(pk__in=ids):
        name = names.get(user.pk, "")
        learners[user.pk] = Learner(user.pk, user.username, name or user.get_full_name() or user.username,
                                    user.email, languages.get(user.pk) or "en", bool(user.is_staff))
    return learners


def users_named(pattern: str) -> Any:
    """User ids (a queryset, for a subquery) whose full name as the LMS shows it (``UserProfile.name``) matches a
    case-insensitive regular expression (the staff search's accent-folded pattern)."""
    return backend.current().UserProfile.objects.filter(name__iregex=pattern).values("user_id")


def course_team(course_key: CourseKey) -> Any:
    """User ids (a subquery) of the course team (staff, instructors, coaches of the course or its org, global
    staff): the staff view keeps them out of its learner counts and list unless they act as learners."""
    return backend.current().course_team(course_key)


def course_roles(user: Any, course_key: CourseKey) -> CourseRoles:
    """A Django user's roles in the course: global staff, course staff, instructor, Studio author."""
    return backend.current().course_roles(user, course_key)


def course_roles_of(user_id: int | None, course_key: CourseKey) -> CourseRoles:
    """The same, for a user id (None: anonymous, no roles). A user read afresh has no masquerade settings: for
    the user behind a block's request, ask ``viewer_roles``."""
    return NO_ROLES if user_id is None else course_roles(contract.django_user(user_id), course_key)


def viewer_roles(user_service: Any, course_key: CourseKey) -> CourseRoles:
    """The roles of the user a block's runtime is bound to, read with the request's masquerade settings, as the
    platform reads them (``get_course_masquerade``): a course-team member viewing as a learner has a learner's
    roles and ``masquerade`` set, and viewing as a specific learner the block is bound to that learner."""
    return backend.current().viewer_roles(user_service, course_key)


def is_course_staff(user: Any, course_key: CourseKey) -> bool:
    """Whether a Django user is staff of the course (the LMS's ``has_access(user, 'staff', course_key)``)."""
    return course_roles(user, course_key).course_staff


def login_url(next_url: str = "") -> str:
    """The platform's sign-in page (``settings.LOGIN_URL``: the LMS's ``/login``), returning to ``next_url``."""
    from urllib.parse import urlencode

    from django.shortcuts import resolve_url

    login = resolve_url(settings.LOGIN_URL)
    return f"{login}?{urlencode({'next': next_url})}" if next_url else login

