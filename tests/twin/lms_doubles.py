"""The seam's LMS side run outside the LMS: edx-platform's modules replaced by doubles with the platform's names and
signatures, so one test exercises ``platform/lms/`` and the twin alike (``platform_side``, parametrized).

The doubles of the platform's tables are the twin's mirrors (same tables, columns and module surface); the doubles
of its functions (``compute_percent``, the graders, ``get_course_blocks`` …) are the twin's functions of the same
signature. What the LMS side adds — which platform function it calls, with which arguments, and how it reads the
answer — is the code under test.
"""
from __future__ import annotations

import sys
from types import ModuleType, SimpleNamespace

import pytest

from cert_xblock.platform import backend


def _modules() -> dict[str, dict[str, object]]:
    from cert_xblock.platform.twin import graders, grades_api, roles, upgrade
    from cert_xblock.platform.twin import models as twin

    def has_access(user, action, course_key):  # lms/djangoapps/courseware/access.py, for a course key
        held = roles.course_roles(user, course_key)
        return held.instructor if action == "instructor" else held.course_staff

    def get_course_masquerade(user, course_key):  # lms/djangoapps/courseware/masquerade.py
        return getattr(user, "masquerade_settings", {}).get(course_key, None)

    return {
        "common.djangoapps.course_modes.models": {"CourseMode": twin.CourseMode},
        "common.djangoapps.student.models": {"CourseEnrollment": twin.CourseEnrollment,
                                             "UserProfile": twin.UserProfile},
        "common.djangoapps.student.roles": {"GlobalStaff": lambda: SimpleNamespace(
            has_user=lambda user: bool(user.is_staff))},
        "common.djangoapps.student.auth": {"has_studio_write_access": lambda user, course_key: False},
        "lms.djangoapps.courseware.access": {"has_access": has_access},
        "lms.djangoapps.courseware.utils": {
            "can_show_verified_upgrade": upgrade.can_show_verified_upgrade,
            "verified_upgrade_deadline_link": lambda user, course=None, course_id=None: f"/lms/upgrade/{course_id}/"},
        "lms.djangoapps.courseware.masquerade": {"get_course_masquerade": get_course_masquerade},
        "completion.models": {"BlockCompletion": twin.BlockCompletion},
        "lms.djangoapps.grades.api": vars(grades_api),
        "lms.djangoapps.grades.models": {"PersistentSubsectionGrade": twin.PersistentSubsectionGrade},
        "lms.djangoapps.grades.scores": {"compute_percent": graders.compute_percent},
        "openedx.core.djangoapps.content.course_overviews.models": {"CourseOverview": twin.CourseOverview},
        "openedx.core.djangoapps.user_api.models": {"UserPreference": twin.UserPreference},
        "xmodule.graders": {"AssignmentFormatGrader": graders.AssignmentFormatGrader},
        "edx_ace": {"ace": SimpleNamespace(send=lambda message: None)},
        "edx_ace.message": {"MessageType": object},
        "edx_ace.recipient": {"Recipient": object},
        "edx_ace.signals": {"ACE_MESSAGE_SENT": None},
    }


def install_lms_doubles(monkeypatch: pytest.MonkeyPatch) -> None:
    """Put the doubles in ``sys.modules`` (with their parent packages) for this test only."""
    for name, attributes in _modules().items():
        parts = name.split(".")
        for depth in range(1, len(parts)):
            parent = ".".join(parts[:depth])
            if parent not in sys.modules:
                monkeypatch.setitem(sys.modules, parent, ModuleType(parent))
        module = ModuleType(name)
        for attribute, value in attributes.items():
            setattr(module, attribute, value)
        monkeypatch.setitem(sys.modules, name, module)


@pytest.fixture(params=["twin", "lms"])
def platform_side(request, monkeypatch, settings) -> str:
    """Run the test once against the twin and once against the seam's LMS code over the doubles."""
    if request.param == "lms":
        install_lms_doubles(monkeypatch)
    settings.CERT_XBLOCK_PLATFORM = request.param
    backend.current.cache_clear()
    request.addfinalizer(backend.current.cache_clear)
    assert backend.backend_name() == request.param
    return request.param
