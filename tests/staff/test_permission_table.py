"""The permission table's staff rows: every staff operation names one, and only the course team holds them."""
from __future__ import annotations

from cert_xblock.core.permissions import COURSE_TEAM, PERMISSIONS, Action, Caller, Role, allowed, refusal
from cert_xblock.staff import OPERATIONS
from cert_xblock.staff.handlers import REPORTS

STAFF_ACTIONS = {Action.STAFF_DASHBOARD, Action.STAFF_ALLOWLIST, Action.STAFF_REVOKE, Action.STAFF_REGENERATE,
                 Action.STAFF_ISSUE_NOW, Action.STAFF_REPORT}


def test_every_staff_operation_names_a_staff_row_and_every_row_has_an_operation():
    named = {operation.action for operation in OPERATIONS.values()} | ({Action.STAFF_REPORT} if REPORTS else set())
    assert named == STAFF_ACTIONS


def test_only_the_course_team_holds_the_staff_rows():
    for action in [*STAFF_ACTIONS, Action.VERIFY_REVOKE_REASON]:
        assert PERMISSIONS[action] == COURSE_TEAM
        for role in Role:
            caller = Caller(None if role is Role.ANONYMOUS else 7, frozenset({role}))
            assert allowed(action, caller) is (role in COURSE_TEAM), (action, role)


def test_a_refusal_says_who_may():
    assert refusal(Action.STAFF_REVOKE) == "Only the course team can manage this course's certificates."
