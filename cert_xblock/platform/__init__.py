"""The platform seam: the only code that talks to edx-platform, one module per platform area.

Every function returns plain data (``types``). Inside the LMS the platform's own modules answer (``lms/``); elsewhere
(the XBlock SDK workbench, the tests) the standalone twin (``twin/``) answers with the same module surface over
tables that mirror the platform's; ``backend`` holds the contract both fill and the switch between them. The area
modules are written once against that contract, so the code that runs in the demo and the tests is the code that
runs in the LMS. Callers import from this face only: ``from cert_xblock import platform``.

May import: Django, opaque-keys, and (lazily, inside ``lms/``) edx-platform; nothing else of cert_xblock except
``core.templating`` for the twin's emails. Areas: ``grades``, ``grading`` (the platform's rounding and graders),
``courses`` (overview, structure, blocks, completion), ``enrollments`` (and modes), ``people`` (and roles),
``messages``, ``assets``, ``events``.
"""
from __future__ import annotations

from cert_xblock.platform.assets import course_asset, course_images, missing_assets, read_course_asset
from cert_xblock.platform.backend import backend_name
from cert_xblock.platform.contract import Platform, PlatformUnavailable
from cert_xblock.platform.courses import (
    block_seen,
    completed_blocks,
    completion_rows,
    course_exists,
    course_key_of,
    course_outline,
    courseware_url,
    get_course_info,
    learner_outlines,
    published_certificate_blocks,
    store_saved_block,
)
from cert_xblock.platform.enrollments import (
    enrollment_modes,
    enrollments,
    get_enrollment,
    get_enrollments,
    mode_earns_certificate,
    upgrade_url,
)
from cert_xblock.platform.events import emit_event
from cert_xblock.platform.grades import (
    ZERO_GRADE,
    course_grade_rows,
    passed_grades,
    read_course_grade,
    read_course_grades,
    subsection_grade_rows,
    subsection_scores,
)
from cert_xblock.platform.grading import GradedMark, assignment_type_fraction, mark
from cert_xblock.platform.messages import MESSAGE_FILES, MessageNotSent, missing_message_templates, send_message
from cert_xblock.platform.people import (
    LANGUAGE_PREFERENCE,
    course_roles,
    course_roles_of,
    course_team,
    current_learner,
    is_course_staff,
    learner_by_id,
    learners_by_ids,
    login_url,
    users_named,
    viewer_roles,
)
from cert_xblock.platform.types import (
    ANONYMOUS,
    NO_ROLES,
    CourseInfo,
    CourseOutline,
    CourseRoles,
    Enrollment,
    GradeSnapshot,
    Learner,
    SubsectionScore,
)

__all__ = [
    "ANONYMOUS",
    "LANGUAGE_PREFERENCE",
    "MESSAGE_FILES",
    "NO_ROLES",
    "ZERO_GRADE",
    "CourseInfo",
    "CourseOutline",
    "CourseRoles",
    "Enrollment",
    "GradeSnapshot",
    "GradedMark",
    "Learner",
    "MessageNotSent",
    "Platform",
    "PlatformUnavailable",
    "SubsectionScore",
    "assignment_type_fraction",
    "backend_name",
    "block_seen",
    "completed_blocks",
    "completion_rows",
    "course_asset",
    "course_exists",
    "course_grade_rows",
    "course_images",
    "course_key_of",
    "course_outline",
    "course_roles",
    "course_roles_of",
    "course_team",
    "courseware_url",
    "current_learner",
    "emit_event",
    "enrollment_modes",
    "enrollments",
    "get_course_info",
    "get_enrollment",
    "get_enrollments",
    "is_course_staff",
    "learner_by_id",
    "learner_outlines",
    "learners_by_ids",
    "login_url",
    "mark",
    "missing_assets",
    "missing_message_templates",
    "mode_earns_certificate",
    "passed_grades",
    "published_certificate_blocks",
    "read_course_asset",
    "read_course_grade",
    "read_course_grades",
    "send_message",
    "store_saved_block",
    "subsection_grade_rows",
    "subsection_scores",
    "upgrade_url",
    "users_named",
    "viewer_roles",
]
