"""The switch: which platform answers in this process, the LMS's (``lms/``) or the standalone twin (``twin/``).

Chosen once per process: ``CERT_XBLOCK_PLATFORM`` ("auto", "lms" or "twin"); "auto" takes the LMS where edx-platform
is importable, else the twin where it is installed. The twin's ``Platform`` is built here, the LMS's in ``lms/``.
"""
from __future__ import annotations

from functools import cache

from django.conf import settings

from cert_xblock.platform.contract import Platform, PlatformUnavailable


def _twin_platform() -> Platform:
    from cert_xblock.platform.twin import (
        assets,
        graders,
        grades_api,
        learner_blocks,
        mail,
        modulestore,
        retirement,
        roles,
        tracker,
        upgrade,
    )
    from cert_xblock.platform.twin.coursework import BlockCompletion, PersistentSubsectionGrade, course_outline
    from cert_xblock.platform.twin.models import (
        CourseEnrollment,
        CourseMode,
        CourseOverview,
        UserPreference,
        UserProfile,
    )
    from cert_xblock.platform.twin.users import user_id_of, viewer_roles

    return Platform(
        name="twin",
        grades_api=grades_api,
        CourseEnrollment=CourseEnrollment,
        UserProfile=UserProfile,
        CourseOverview=CourseOverview,
        UserPreference=UserPreference,
        CourseMode=CourseMode,
        user_id_of=user_id_of,
        published_blocks=modulestore.published_blocks,
        store_saved_block=modulestore.store_saved_block,
        block_seen=modulestore.block_seen,
        course_roles=roles.course_roles,
        viewer_roles=viewer_roles,
        course_team=roles.course_team,
        emit_event=tracker.emit,
        messages=mail,
        # The demo's stand-in for the courseware's jump-to link (cert_xblock.deploy.demo.pages.courseware).
        courseware_url=lambda course_key, usage_id: (
            f"{getattr(settings, 'LMS_ROOT_URL', '')}/twin/courseware/{usage_id}/"),
        read_course_asset=assets.read_course_asset,
        upgrade_url=upgrade.upgrade_url,
        course_images=assets.course_images,
        BlockCompletion=BlockCompletion,
        PersistentSubsectionGrade=PersistentSubsectionGrade,
        course_outline=course_outline,
        learner_outlines=learner_blocks.learner_outlines,
        compute_percent=graders.compute_percent,
        AssignmentFormatGrader=graders.AssignmentFormatGrader,
        aggregate_assignment_type_grade_summary=graders.progress_summary(),
        retirement_signals=retirement,
    )


@cache
def current() -> Platform:
    """The platform this process talks to: ``lms`` when edx-platform is importable, else the twin."""
    choice = getattr(settings, "CERT_XBLOCK_PLATFORM", "auto")
    if choice in ("auto", "lms"):
        try:
            from cert_xblock.platform.lms import lms_platform

            return lms_platform()
        except ImportError:
            if choice == "lms":
                raise
    if "cert_xblock.platform.twin" in settings.INSTALLED_APPS:
        return _twin_platform()
    raise PlatformUnavailable(
        "cert_xblock needs edx-platform or its standalone twin: add 'cert_xblock.platform.twin' to INSTALLED_APPS"
    )


def backend_name() -> str:
    """Which platform answers in this process: "lms" or "twin" (for the few places where the two must differ)."""
    return current().name
