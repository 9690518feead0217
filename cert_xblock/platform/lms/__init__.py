"""The seam's LMS side: edx-platform's modules and adapters, built into the ``Platform`` contract.

The only code that imports edx-platform (``lms``, ``common.djangoapps``, ``openedx``, ``xmodule``, ``edx_ace``,
``completion``, ``eventtracking``); each import sits inside the function that needs it, so this package loads
anywhere and fails with ImportError only when asked for the LMS outside it.
"""
from __future__ import annotations

from typing import Any

from django.conf import settings
from opaque_keys.edx.keys import CourseKey

from cert_xblock.platform import contract
from cert_xblock.platform.lms.structure import course_outline, learner_outlines, published_blocks
from cert_xblock.platform.types import NO_ROLES, CourseRoles


def lms_platform() -> contract.Platform:
    """edx-platform's modules, imported only when they exist (inside the LMS or Studio)."""
    from common.djangoapps.course_modes.models import CourseMode  # pylint: disable=import-error
    from common.djangoapps.student.models import CourseEnrollment, UserProfile  # pylint: disable=import-error
    from completion.models import BlockCompletion  # pylint: disable=import-error
    from lms.djangoapps.grades import api as grades_api  # pylint: disable=import-error
    from lms.djangoapps.grades.models import PersistentSubsectionGrade  # pylint: disable=import-error
    from lms.djangoapps.grades.scores import compute_percent  # pylint: disable=import-error
    from openedx.core.djangoapps.content.course_overviews.models import CourseOverview  # pylint: disable=import-error
    from openedx.core.djangoapps.user_api.accounts import signals as retirement_signals  # pylint: disable=import-error
    from openedx.core.djangoapps.user_api.models import UserPreference  # pylint: disable=import-error
    from xmodule.graders import AssignmentFormatGrader  # pylint: disable=import-error

    return contract.Platform(
        name="lms",
        grades_api=grades_api,
        CourseEnrollment=CourseEnrollment,
        UserProfile=UserProfile,
        CourseOverview=CourseOverview,
        UserPreference=UserPreference,
        CourseMode=CourseMode,
        user_id_of=_lms_user_id,
        published_blocks=published_blocks,
        store_saved_block=_lms_store_saved_block,
        block_seen=_lms_block_seen,
        course_roles=_lms_course_roles,
        viewer_roles=_lms_viewer_roles,
        course_team=_lms_course_team,
        emit_event=_lms_emit_event,
        messages=_lms_messages(),
        courseware_url=_lms_courseware_url,
        read_course_asset=_lms_read_course_asset,
        upgrade_url=_lms_upgrade_url,
        course_images=_lms_course_images,
        BlockCompletion=BlockCompletion,
        PersistentSubsectionGrade=PersistentSubsectionGrade,
        course_outline=course_outline,
        learner_outlines=learner_outlines,
        compute_percent=compute_percent,  # lms/djangoapps/grades/scores.py: 4 decimals on master, 2 before
        AssignmentFormatGrader=AssignmentFormatGrader,  # xmodule/graders.py: padding, total_with_drops
        aggregate_assignment_type_grade_summary=_progress_summary(),
        retirement_signals=retirement_signals,
    )


def _progress_summary() -> Any:
    """The course home progress API's per-type aggregation (lms/djangoapps/course_home_api/progress/api.py:
    ``aggregate_assignment_type_grade_summary``), where this release has it; None before, and the grader decides."""
    try:
        from lms.djangoapps.course_home_api.progress.api import (  # pylint: disable=import-error
            aggregate_assignment_type_grade_summary,
        )
    except ImportError:
        return None
    return aggregate_assignment_type_grade_summary


def _lms_user_id(xblock_user: Any) -> int | None:
    if not xblock_user.opt_attrs.get("edx-platform.is_authenticated", False):
        return None
    return xblock_user.opt_attrs.get("edx-platform.user_id")


def _lms_store_saved_block(course_key: CourseKey, usage_id: str, block_type: str, fields: dict[str, Any]) -> bool:
    """Studio keeps saved blocks itself and syncs on publish (``course_published``): nothing to do on save."""
    return False


def _lms_block_seen(course_key: CourseKey, usage_id: str, block_type: str, fields: dict[str, Any]) -> None:
    """The modulestore already holds every block of the course: nothing to record."""


def _lms_course_roles(user: Any, course_key: CourseKey) -> CourseRoles:
    """The user's roles as the LMS and Studio decide them.

    ``has_access`` applies the request's masquerade (``courseware/access.py``: a staff member viewing the course
    as a learner is refused staff access), so staff "viewing as a learner" are learners here too.
    ``has_studio_write_access`` answers True for course staff in the LMS as well (``student/auth.py``, the
    limited-staff hack keyed on ``SERVICE_VARIANT``), so authorship is asked only in Studio's process.
    """
    from common.djangoapps.student.auth import has_studio_write_access  # pylint: disable=import-error
    from common.djangoapps.student.roles import GlobalStaff  # pylint: disable=import-error

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_ROLES
    global_staff = GlobalStaff().has_user(user)
    if getattr(settings, "SERVICE_VARIANT", "lms") == "cms":
        return CourseRoles(global_staff=global_staff, author=has_studio_write_access(user, course_key))
    from lms.djangoapps.courseware.access import has_access  # pylint: disable=import-error

    return CourseRoles(global_staff=global_staff, course_staff=bool(has_access(user, "staff", course_key)),
                       instructor=bool(has_access(user, "instructor", course_key)))


def _lms_viewer_roles(user_service: Any, course_key: CourseKey) -> CourseRoles:
    """The roles of the user the runtime bound the block to, with the request's masquerade settings.

    ``DjangoXBlockUserService`` keeps that user as ``_django_user`` (common/djangoapps/xblock_django/
    user_service.py); ``setup_masquerade`` stored ``masquerade_settings`` on it, and under "view as a specific
    learner" it is that learner, carrying the same settings (lms/djangoapps/courseware/masquerade.py).
    ``get_course_masquerade(user, course_key)`` (same file) reads them: while it answers, the caller has a
    learner's roles and nothing else, as ``has_access`` denies staff access to a user masquerading as a student.
    """
    from lms.djangoapps.courseware.masquerade import get_course_masquerade  # pylint: disable=import-error

    user = getattr(user_service, "_django_user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return NO_ROLES
    masquerade = get_course_masquerade(user, course_key)
    if masquerade is not None and (getattr(masquerade, "user_name", None) or masquerade.role == "student"):
        return CourseRoles(masquerade="specific" if getattr(masquerade, "user_name", None) else "learner")
    return _lms_course_roles(user, course_key)


def _lms_course_team(course_key: CourseKey) -> Any:
    """The course team's user ids, as ``CourseEnrollmentManager.num_enrolled_in_exclude_admins`` leaves them out
    (common/djangoapps/student/models/course_enrollment.py: ``CourseStaffRole``, ``CourseInstructorRole``,
    ``CourseCcxCoachRole`` of the course), with the org's staff and instructors and global staff, who also see the
    staff view (common/djangoapps/student/roles.py)."""
    from common.djangoapps.student.roles import (  # pylint: disable=import-error
        CourseCcxCoachRole,
        CourseInstructorRole,
        CourseStaffRole,
        OrgInstructorRole,
        OrgStaffRole,
    )
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    roles = [CourseStaffRole(course_key), CourseInstructorRole(course_key), CourseCcxCoachRole(course_key),
             OrgStaffRole(course_key.org), OrgInstructorRole(course_key.org)]
    team = Q(is_staff=True)
    for role in roles:
        team |= Q(pk__in=role.users_with_role().values("pk"))
    return get_user_model().objects.filter(team).values("pk")


def _lms_emit_event(name: str, data: dict[str, Any]) -> None:
    from eventtracking import tracker  # pylint: disable=import-error

    tracker.emit(name, data)


def _lms_messages() -> Any:
    """edx-ace as ``send_message`` uses it; its templates are found through the LMS's template engines."""
    from types import SimpleNamespace

    from django.template import loader
    from edx_ace import ace  # pylint: disable=import-error
    from edx_ace.message import MessageType  # pylint: disable=import-error
    from edx_ace.recipient import Recipient  # pylint: disable=import-error
    from edx_ace.signals import ACE_MESSAGE_SENT  # pylint: disable=import-error

    return SimpleNamespace(send=ace.send, MessageType=MessageType, Recipient=Recipient,
                           message_sent=ACE_MESSAGE_SENT, get_template=loader.get_template)


def _lms_courseware_url(course_key: CourseKey, usage_id: str) -> str:
    """The LMS's jump_to link: opens the unit that holds the block."""
    root = getattr(settings, "LMS_ROOT_URL", "").rstrip("/")
    return f"{root}/courses/{course_key}/jump_to/{usage_id}"


def _lms_upgrade_url(user_id: int, course_key: CourseKey) -> str:
    """The LMS's own upgrade link, where the LMS would show it.

    ``can_show_verified_upgrade(user, enrollment)`` (lms/djangoapps/courseware/utils.py) decides: an active
    enrollment in an upsold mode, before its upgrade deadline; the enrollment is ``CourseEnrollment.get_enrollment``
    (common/djangoapps/student/models/course_enrollment.py). The link is ``verified_upgrade_deadline_link`` (same
    file), i.e. ``EcommerceService().upgrade_url`` (lms/djangoapps/commerce/utils.py): the ecommerce basket for the
    verified SKU, or the LMS's payment page when ecommerce is off."""
    from common.djangoapps.student.models import CourseEnrollment  # pylint: disable=import-error
    from lms.djangoapps.courseware.utils import (  # pylint: disable=import-error
        can_show_verified_upgrade,
        verified_upgrade_deadline_link,
    )

    user = contract.django_user(user_id)
    if not can_show_verified_upgrade(user, CourseEnrollment.get_enrollment(user, course_key)):
        return ""
    return verified_upgrade_deadline_link(user, course_id=course_key) or ""


def _lms_course_images(course_key: CourseKey) -> list[str]:
    """The PNG and JPEG files of the course's Files & Uploads, as "/static/<name>" paths (the contentstore's
    ``get_all_content_for_course``, xmodule/contentstore/content.py)."""
    from xmodule.contentstore.django import contentstore  # pylint: disable=import-error

    found, _count = contentstore().get_all_content_for_course(course_key)
    return sorted(f"/static/{asset['displayname']}" for asset in found
                  if asset.get("contentType") in ("image/png", "image/jpeg"))


def _lms_read_course_asset(course_key: CourseKey, path: str) -> bytes | None:
    """A Files & Uploads asset ("/static/logo.png" or an asset key) from the contentstore."""
    from xmodule.assetstore.assetmgr import AssetManager  # pylint: disable=import-error
    from xmodule.contentstore.content import StaticContent  # pylint: disable=import-error
    from xmodule.exceptions import NotFoundError  # pylint: disable=import-error
    from xmodule.modulestore.exceptions import ItemNotFoundError  # pylint: disable=import-error

    try:
        return AssetManager.find(StaticContent.get_asset_key_from_path(course_key, path)).data
    except (ItemNotFoundError, NotFoundError):
        return None

