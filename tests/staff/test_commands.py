"""The operators' commands, mirroring the platform's old ones, over the same staff operations."""
from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cert_xblock.models import AllowlistEntry, IssuedCertificate, StaffAction

from .conftest import BLOCK_ID

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, "--block", BLOCK_ID, "--by", "ops:root", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_cert_allowlist_adds_removes_imports_and_lists(course, tmp_path):
    assert "dana: added" in run("cert_allowlist", "--add", "dana", "--note", "Offline exam")
    listing = run("cert_allowlist")
    assert "dana\tdana@example.org\tOffline exam\tops:root" in listing
    csv = tmp_path / "cohort.csv"
    csv.write_bytes(b"\xef\xbb\xbfben\nnobody\n")
    with pytest.raises(CommandError, match="1 rows were refused"):
        run("cert_allowlist", "--csv", str(csv))
    assert set(AllowlistEntry.objects.values_list("user__username", flat=True)) == {"ben", "dana"}
    run("cert_allowlist", "--remove", "dana")
    assert set(AllowlistEntry.objects.values_list("user__username", flat=True)) == {"ben"}
    assert StaffAction.objects.filter(actor_username="ops:root").count() == 3


def test_ungenerated_lists_then_issues(course):
    run("cert_allowlist", "--add", "dana")
    assert run("ungenerated_certificates").splitlines()[:3] == ["ada", "chen", "dana"]
    out = run("ungenerated_certificates", "--issue")
    assert out.startswith("done: issued 3, skipped 0, failed 0")
    assert set(IssuedCertificate.objects.values_list("user__username", flat=True)) == {"ada", "chen", "dana"}
    assert run("ungenerated_certificates").splitlines() == ["0 learners without the certificate"]


def test_revoke_needs_a_reason_and_restores(course):
    course.issue("ada")
    with pytest.raises(CommandError, match="Give a reason"):
        run("revoke_certificate", "--user", "ada", "--reason", " ")
    assert "revoked" in run("revoke_certificate", "--user", "ada", "--reason", "Fraud")
    assert IssuedCertificate.objects.get().status == "revoked"
    assert "issued" in run("revoke_certificate", "--user", "ada", "--reason", "Appeal", "--restore")
    with pytest.raises(CommandError, match="holds no valid certificate"):
        run("revoke_certificate", "--user", "ben", "--reason", "x")


def test_regenerate_one_and_all(course):
    course.issue("ada")
    course.issue("chen")
    assert "version 2" in run("regenerate_certificates", "--user", "ada", "--reason", "Name")
    assert "regenerated: 2, failed: 0" in run("regenerate_certificates", "--all", "--reason", "Design")
    assert sorted(IssuedCertificate.objects.values_list("version", flat=True)) == [2, 3]


def test_an_unknown_block_is_named(course):
    with pytest.raises(CommandError, match="has no stored settings"):
        call_command("cert_allowlist", "--block", "block-v1:X+Y+Z+type@cert_xblock+block@nope", stdout=StringIO())


def test_the_twin_makes_a_course_team_member_for_the_demo(db, settings):
    from cert_xblock.core.permissions import Role, caller_for_user
    from cert_xblock.platform.twin.models import CourseAccessRole

    call_command("twin_learner", "tess", "--name", "Tess Teacher", "--role", "instructor", stdout=StringIO())
    role = CourseAccessRole.objects.get()
    caller = caller_for_user(role.user, role.course_id)
    assert {Role.INSTRUCTOR, Role.COURSE_STAFF} <= caller.roles
