"""Masquerade is read-only, as in the platform (issue 20, item 6): a course-team member viewing the course as a
learner, or as a specific learner, has that learner's roles, read from the request's user with its masquerade
settings, and every handler that would issue, revoke, allowlist or email refuses with a reason.

The seam's part runs against the twin and against the LMS code over doubles of ``get_course_masquerade`` and
``has_access``; the block's part over HTTP in the demo workbench."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from opaque_keys.edx.keys import CourseKey

from cert_xblock.core.permissions import Action, Refused, allowed, caller_viewing, check
from cert_xblock.platform.twin.roles import CourseAccessRole, CourseMasquerade
from tests.block.helpers import rows
from tests.conftest import LearnerSession

COURSE = CourseKey.from_string("course-v1:DemoX+CERT101+2026")
READ_ONLY = "You are viewing this course as a learner, which is read-only"


def user_service(side: str, staff, viewed=None, masquerading: bool = True):
    """The block's user service as each platform builds it for a staff member viewing as a learner (``viewed``:
    a specific learner): the LMS binds the service to the viewed learner with the request's masquerade settings
    (``setup_masquerade``); the twin keeps the setting in its table and reads the workbench's user."""
    if side == "twin":
        if masquerading:
            CourseMasquerade.objects.create(user=staff, course_id=COURSE, role="student",
                                            user_name=viewed.username if viewed else "")
        return SimpleNamespace(get_current_user=lambda: SimpleNamespace(
            opt_attrs={"xblock-workbench.user_id": staff.username}))
    bound = viewed or staff
    if masquerading:
        bound.masquerade_settings = {COURSE: SimpleNamespace(role="student", user_name=viewed.username if viewed
                                                             else None, group_id=None, user_partition_id=None)}
    return SimpleNamespace(_django_user=bound)


@pytest.fixture
def people(db):
    users = get_user_model().objects
    staff, ada = users.create(username="cara"), users.create(username="ada")
    CourseAccessRole.objects.create(user=staff, course_id=COURSE, role="staff")
    return staff, ada


@pytest.mark.parametrize("viewing", ["as a learner", "as a specific learner"])
def test_a_masquerading_course_team_member_is_a_learner_who_can_change_nothing(platform_side, people, viewing):
    staff, ada = people
    viewed = ada if viewing == "as a specific learner" else None
    caller = caller_viewing((viewed or staff).pk, user_service(platform_side, staff, viewed), COURSE)
    assert caller.masquerade and not allowed(Action.STAFF_DASHBOARD, caller)
    for action in (Action.GRADE_ME, Action.STAFF_ISSUE_NOW, Action.STAFF_REVOKE, Action.STAFF_ALLOWLIST,
                   Action.STAFF_REGENERATE):
        with pytest.raises(Refused) as refused:
            check(action, caller)
        assert refused.value.status == 403 and refused.value.message.startswith(READ_ONLY)
    assert allowed(Action.VIEW_BLOCK, caller)


def test_without_masquerade_the_same_member_keeps_the_course_teams_roles(platform_side, people):
    staff, _ada = people
    caller = caller_viewing(staff.pk, user_service(platform_side, staff, masquerading=False), COURSE)
    assert not caller.masquerade and allowed(Action.STAFF_DASHBOARD, caller) and allowed(Action.GRADE_ME, caller)


def _view_as(workbench, staff: str, learner: str = "") -> None:
    rows(workbench, "DELETE FROM cert_xblock_twin_coursemasquerade")
    if staff:
        rows(workbench, "INSERT INTO cert_xblock_twin_coursemasquerade (user_id, course_id, role, user_name) "
                        "SELECT id, ?, 'student', ? FROM auth_user WHERE username = ?", str(COURSE), learner, staff)


def test_over_http_viewing_as_a_learner_hides_the_dashboard_and_refuses_the_course_teams_operations(workbench):
    assert "cert-xblock-staff" in LearnerSession(workbench, "cara").page_html
    _view_as(workbench, "cara")
    try:
        session = LearnerSession(workbench, "cara")
        assert "cert-xblock-staff" not in session.page_html
        issue_now = session.post("staff/issue_now")
        assert issue_now.status_code == 403 and issue_now.json()["error"].startswith(READ_ONLY)
    finally:
        _view_as(workbench, "")


def test_over_http_viewing_as_a_specific_learner_shows_their_standing_and_never_issues_for_them(workbench):
    before = rows(workbench, "SELECT COUNT(*) FROM cert_xblock_issuedcertificate")
    _view_as(workbench, "cara", "dana")  # Dana has 88%: qualified
    try:
        session = LearnerSession(workbench, "cara")
        assert "cert-xblock-staff" not in session.page_html and "88%" in session.page_html  # Dana's standing
        click = session.post("grade_me")
        assert click.status_code == 403 and click.json()["error"].startswith(READ_ONLY)
        assert rows(workbench, "SELECT COUNT(*) FROM cert_xblock_issuedcertificate") == before
    finally:
        _view_as(workbench, "")
