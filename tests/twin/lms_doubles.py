"""The seam's LMS side run outside the LMS: edx-platform's modules replaced by doubles with the platform's names and
signatures, so one test exercises ``platform/lms/`` and the twin alike (``platform_side``, parametrized).

The doubles of the platform's tables are the twin's mirrors (same tables, columns and module surface); the doubles
of its functions (``compute_percent``, the graders, ``get_course_blocks`` …) are the twin's functions of the same
signature. What the LMS side adds — which platform function it calls, with which arguments, and how it reads the
answer — is the code under test.
"""
from __future__ import annotations

import sys
from datetime import datetime
from types import ModuleType, SimpleNamespace

import pytest

from cert_xblock.platform import backend


def _modules() -> dict[str, dict[str, object]]:
    from cert_xblock.platform.twin import graders, grades_api, retirement, roles, upgrade
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
        "lms.djangoapps.course_home_api.progress.api": {
            "aggregate_assignment_type_grade_summary": graders.aggregate_assignment_type_grade_summary},
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
        "openedx.core.djangoapps.user_api.accounts.signals": {
            name: getattr(retirement, name)
            for name in ("USER_RETIRE_MAILINGS", "USER_RETIRE_LMS_MISC", "USER_RETIRE_LMS_CRITICAL")},
        "xmodule.graders": {"AssignmentFormatGrader": graders.AssignmentFormatGrader},
        "edx_ace": {"ace": SimpleNamespace(send=lambda message: None)},
        "edx_ace.message": {"MessageType": object},
        "edx_ace.recipient": {"Recipient": object},
        "edx_ace.signals": {"ACE_MESSAGE_SENT": None},
    }


def install_lms_doubles(monkeypatch: pytest.MonkeyPatch) -> None:
    """Put the doubles in ``sys.modules`` (with their parent packages) for this test only."""
    modules = _modules()
    for name, attributes in _structure_modules().items():
        modules[name] = {**modules.get(name, {}), **attributes}
    for name, attributes in modules.items():
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


class BlockStructureDouble:
    """What the seam's LMS code reads of a ``BlockStructureBlockData`` (openedx/core/lib/block_structure/
    block_structure.py), over the twin's structure rows: children, post-order traversal, xblock fields."""

    def __init__(self, rows: list) -> None:
        self.rows = {row.usage_key: row for row in rows}
        self.children: dict[str, list[str]] = {}
        for row in rows:
            self.children.setdefault(row.parent, []).append(row.usage_key)
        self.root_block_usage_key = next(row.usage_key for row in rows if row.block_type == "course")

    def get_children(self, key: str) -> list[str]:
        return list(self.children.get(key, []))

    def post_order_traversal(self, filter_func=None, start_node=None):
        def walk(key):
            for child in self.children.get(key, []):
                yield from walk(child)
            if filter_func is None or filter_func(key):
                yield key
        yield from walk(start_node or self.root_block_usage_key)

    def get_xblock_field(self, key: str, name: str, default=None):
        fields = self.rows[key].fields
        if name == "has_score":
            return "points" in fields
        if name == "completion_mode":
            return "completable" if fields.get("completable") else "excluded"
        if name == "due":
            return datetime.fromisoformat(fields["due"]) if fields.get("due") else None
        return fields.get(name, default)

    def __getitem__(self, key: str):
        return SimpleNamespace(location=key, points=self.rows[key].fields.get("points", 0.0))


def _structure_modules() -> dict[str, dict[str, object]]:
    from cert_xblock.platform.twin.coursework import StructureBlock
    from cert_xblock.platform.twin.learner_blocks import learner_rows

    def get_course_in_cache(course_key):  # openedx/core/djangoapps/content/block_structure/api.py
        return BlockStructureDouble(list(StructureBlock.objects.filter(course_id=course_key).order_by("position")))

    def get_course_blocks(user, starting_block_usage_key, transformers=None, collected_block_structure=None):
        course_key = StructureBlock.objects.get(usage_key=str(starting_block_usage_key)).course_id
        return BlockStructureDouble(learner_rows([user.pk], course_key)[user.pk])

    def modulestore():  # xmodule/modulestore/django.py: the course's grading policy
        def get_course(course_key, depth=0):
            root = StructureBlock.objects.get(course_id=course_key, block_type="course")
            return SimpleNamespace(raw_grader=root.fields.get("grading_policy", {}).get("GRADER", []))
        return SimpleNamespace(get_course=get_course)

    def get_score(submissions_scores, csm_scores, persisted_block, block):  # lms/djangoapps/grades/scores.py
        return SimpleNamespace(earned=0.0, possible=float(block.points), graded=True)

    def aggregate_scores(scores):  # xmodule/graders.py: (all_total, graded_total)
        total = SimpleNamespace(earned=0.0, possible=sum(score.possible for score in scores), graded=True)
        return total, total

    return {
        "lms.djangoapps.course_blocks.api": {"get_course_blocks": get_course_blocks},
        "openedx.core.djangoapps.content.block_structure.api": {"get_course_in_cache": get_course_in_cache},
        "xmodule.modulestore.django": {"modulestore": modulestore},
        "lms.djangoapps.grades.scores": {"get_score": get_score, "possibly_scored": lambda usage_key: True},
        "xmodule.graders": {"aggregate_scores": aggregate_scores},
    }
