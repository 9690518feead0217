"""The contract between the seam and a platform: what the seam's area modules call.

``Platform`` lists the platform's own modules and models under their own names, and small adapters where the LMS and
the twin differ. Inside the LMS ``lms/`` fills it from edx-platform; elsewhere (the XBlock SDK workbench, the tests)
the standalone twin (``twin/``) fills it with the same surface over tables that mirror the platform's. Both must fill
every field, so a backend that misses one fails when it is built. Platform facts this relies on:
shared/design/PLATFORM_FACTS.md.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from opaque_keys.edx.keys import CourseKey

from cert_xblock.platform.types import CourseOutline, CourseRoles


class PlatformUnavailable(RuntimeError):
    """Neither edx-platform nor the standalone twin is installed in this process."""


@dataclass(frozen=True)
class Platform:
    """The platform surface the seam calls: modules and models with the platform's names, and small adapters.

    Both the LMS and the twin must fill every field, so a backend that misses one fails when it is built.
    """

    name: str  # "lms" or "twin"
    grades_api: Any  # lms.djangoapps.grades.api
    CourseEnrollment: Any  # the platform's model classes, under their own names
    UserProfile: Any
    CourseOverview: Any
    UserPreference: Any
    CourseMode: Any
    user_id_of: Callable[[Any], int | None]
    published_blocks: Callable[[CourseKey, str], dict[str, dict[str, Any]]]
    store_saved_block: Callable[[CourseKey, str, str, dict[str, Any]], bool]
    block_seen: Callable[[CourseKey, str, str, dict[str, Any]], None]
    course_roles: Callable[[Any, CourseKey], CourseRoles]
    viewer_roles: Callable[[Any, CourseKey], CourseRoles]  # the XBlock user service's bound user, masquerade applied
    course_team: Callable[[CourseKey], Any]  # user ids (a subquery) of the course's staff, instructors, coaches
    emit_event: Callable[[str, dict[str, Any]], None]
    messages: Any  # edx-ace's surface: send, MessageType, Recipient, message_sent (signal), get_template
    courseware_url: Callable[[CourseKey, str], str]
    read_course_asset: Callable[[CourseKey, str], bytes | None]
    upgrade_url: Callable[[int, CourseKey], str]
    course_images: Callable[[CourseKey], list[str]]
    BlockCompletion: Any  # edx-completion's completion.models.BlockCompletion
    PersistentSubsectionGrade: Any  # lms.djangoapps.grades.models: the api has no query over a course's rows
    course_outline: Callable[[CourseKey], CourseOutline]
    learner_outlines: Callable[[list[int], CourseKey], dict[int, CourseOutline]]  # get_course_blocks(user, …)
    compute_percent: Callable[[float, float], float]  # lms.djangoapps.grades.scores.compute_percent
    AssignmentFormatGrader: Any  # xmodule.graders.AssignmentFormatGrader
    # lms.djangoapps.course_home_api.progress.api's, on releases that have it (None before)
    aggregate_assignment_type_grade_summary: Callable[..., dict[str, Any]] | None
    # openedx/core/djangoapps/user_api/accounts/signals.py: USER_RETIRE_MAILINGS, _LMS_MISC, _LMS_CRITICAL
    retirement_signals: Any


def django_user(user_id: int) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=user_id)
