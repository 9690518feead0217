"""A learner's account retirement, as the platform's retirement endpoints send it: afterwards no table, report, log
line, file or verify page of ours names them, and docs/plugin.md's "What retirement leaves" is exactly what is kept.

The twin's ``retire_account`` does what the LMS's ``retire_misc`` and ``retire`` steps do (the three signals in their
order, then the retired username and email saved on the user), so the receivers run as the plugin connects them.
"""
from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from cert_xblock import staff
from cert_xblock.credentials.keys import new_secret
from cert_xblock.credentials.signing import signed_credential
from cert_xblock.models import (
    AllowlistEntry,
    BatchRun,
    CertificateVersion,
    IssuedCertificate,
    IssuedCredential,
    IssueFailure,
    StaffAction,
)
from cert_xblock.notifications.email import deliver_issue_email, record_delivery
from cert_xblock.platform.twin.models import CourseEnrollment, PersistentCourseGrade, UserProfile
from cert_xblock.platform.twin.retirement import retire_account
from cert_xblock.records import storage
from cert_xblock.records.failures import record_failures
from cert_xblock.staff.regeneration import RETIRED_HOLDER

from .conftest import BLOCK, BLOCK_ID, COURSE, RULES

pytestmark = pytest.mark.django_db
DOC = Path(__file__).resolve().parents[2] / "docs" / "plugin.md"
# Distinctive enough that no hash, id or word of ours contains them by chance (no hex-only usernames).
NAME, USERNAME, EMAIL = "Zoë Quill-Marsh", "zoe_quill", "zoe.quill@example.org"
STAFF_USERNAME, STAFF_EMAIL = "pat_warden", "pat.warden@example.org"


def _documented() -> list[dict[str, Any]]:
    """The table of docs/plugin.md's "What retirement leaves": per record, its kept, emptied and replaced columns."""
    text = DOC.read_text(encoding="utf-8").split("## What retirement leaves", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or not cells[0].startswith("`"):
            continue
        names = [re.findall(r"`([a-z_]+)`", cell) for cell in cells[1:]]
        rows.append({"model": re.match(r"`(\w+)`", cells[0]).group(1), "which": cells[0], "kept": names[0],
                     "emptied": names[1], "replaced": names[2], "deleted": "deleted" in cells[2]})
    return rows


def _person(username: str, full_name: str, email: str) -> Any:
    user = get_user_model().objects.create(username=username, email=email)
    UserProfile.objects.create(user=user, name=full_name)
    CourseEnrollment.objects.create(user=user, course_id=COURSE, mode="verified")
    PersistentCourseGrade.objects.create(user_id=user.pk, course_id=COURSE, percent_grade=0.88, letter_grade="B",
                                         grading_policy_hash="h", passed_timestamp="2026-11-01T00:00:00Z")
    return user


def _rows(model: Any, **filters: Any) -> dict[int, dict[str, Any]]:
    return {row["id"]: row for row in model.objects.filter(**filters).values(
        *[f.name for f in model._meta.concrete_fields])}


def _everything_we_store() -> str:
    """Every row of every cert_xblock table, as text."""
    return json.dumps({model.__name__: list(model.objects.values())
                       for model in apps.get_app_config("cert_xblock").get_models()}, default=str, ensure_ascii=False)


def _names_the(text: str, *words: str) -> list[str]:
    return [word for word in words if word.lower() in text.lower()]


@pytest.fixture
def lived(course, settings):
    """Zoë's certificate after a full life: reprinted, revoked and restored with reasons that name her, allowlisted
    by email, a failed email whose error names her address, a signed credential, a failure record. Zoë is also a
    course-team member: she allowlisted Ada and started a batch run. Pat, of the course staff, revoked hers."""
    from cert_xblock import platform
    from cert_xblock.issuing.issuance import issue_certificate

    settings.CERT_XBLOCK_CREDENTIAL_KEY = new_secret()
    settings.CERT_XBLOCK_CREDENTIAL_RETIRED_KEYS = []
    zoe = _person(USERNAME, NAME, EMAIL)
    pat = get_user_model().objects.create(username=STAFF_USERNAME, email=STAFF_EMAIL)
    cara = staff.Actor(course.staff.username, course.staff.pk)
    certificate = issue_certificate(platform.learner_by_id(zoe.pk), BLOCK.ref, RULES, via="learner",
                                    request_id="req-zoe").certificate
    certificate = staff.regenerate(BLOCK.ref, RULES, certificate, f"{NAME} asked for a reprint", cara)
    certificate = staff.revoke(BLOCK.ref, certificate, f"{NAME} ({EMAIL}) copied the project",
                               staff.Actor(STAFF_USERNAME, pat.pk))
    certificate = staff.restore(BLOCK.ref, certificate, f"{USERNAME} appealed", cara)
    staff.allowlist_add(BLOCK.ref, EMAIL, f"{NAME} had a medical excuse", cara)
    staff.allowlist_add(BLOCK.ref, "ada", "Extra credit", staff.Actor(USERNAME, zoe.pk))
    BatchRun.objects.create(request_id="run-zoe", course_key=COURSE, block_id=BLOCK_ID, started_by=USERNAME)
    record_delivery(certificate.pk, IssuedCertificate.EmailStatus.FAILED, error=RuntimeError(f"bounced: {EMAIL}"),
                    attempted=True)
    signed_credential(certificate)
    record_failures(BLOCK_ID, COURSE, [zoe.pk], IssueFailure.Kind.RENDER, f"could not print {NAME}", "req-f")
    certificate.refresh_from_db()
    return zoe, certificate


def test_after_retirement_nothing_of_ours_names_the_learner(lived, course, caplog,
                                                            django_capture_on_commit_callbacks):
    zoe, certificate = lived
    files = [certificate.file_name, *CertificateVersion.objects.values_list("file_name", flat=True)]
    assert all(storage.read_file(name) for name in files)
    assert _names_the(_everything_we_store(), NAME, USERNAME, EMAIL) == [NAME, USERNAME, EMAIL]

    with caplog.at_level(logging.DEBUG), django_capture_on_commit_callbacks(execute=True):  # the files go after it
        retire_account(zoe.pk)

    assert _names_the(_everything_we_store(), NAME, USERNAME, EMAIL) == []
    report = b"".join(staff.report_csv(BLOCK_ID)).decode()
    assert _names_the(report, NAME, USERNAME, EMAIL) == []
    assert "retired__user_" in report  # her row stays, under the retired username the platform gave the account
    assert [storage.read_file(name) for name in files] == [None] * len(files)
    assert [storage.read_file(storage.image_name(name)) for name in files] == [None] * len(files)
    # The whole life's log lines, the fixture's included: learners and staff appear by user id only.
    lines = [r.getMessage() for r in caplog.get_records("setup") + caplog.records if r.name.startswith("cert_xblock")]
    assert _names_the(" ".join(lines), NAME, USERNAME, EMAIL) == []
    assert f"user={zoe.pk} retired: 1 certificate(s), 2 file(s)" in caplog.text

    client = Client()
    page = client.get(reverse("cert_xblock:verify", kwargs={"verify_id": certificate.verify_id}))
    record = client.get(reverse("cert_xblock:verify_json", kwargs={"verify_id": certificate.verify_id}))
    image = client.get(reverse("cert_xblock:verify_image", kwargs={"verify_id": certificate.verify_id}))
    assert page.status_code == 200 and record.status_code == 200 and image.status_code == 404
    assert "Staff Work" in page.content.decode() and record.json()["status"] == "valid"
    assert _names_the(page.content.decode() + record.content.decode(), NAME, USERNAME, EMAIL) == []
    credential = signed_credential(IssuedCertificate.objects.get(pk=certificate.pk))  # signed again, on request
    assert _names_the(json.dumps(credential, ensure_ascii=False), NAME, USERNAME, EMAIL) == []


def test_what_the_docs_say_retirement_keeps_is_exactly_what_is_kept(lived):
    zoe, _certificate = lived
    selections = {
        "`IssuedCertificate` of the learner": (IssuedCertificate, {"user": zoe}),
        "`CertificateVersion` of those": (CertificateVersion, {"certificate__user": zoe}),
        "`IssuedCredential` of those": (IssuedCredential, {"certificate__user": zoe}),
        "`StaffAction` about the learner": (StaffAction, {"learner": zoe}),
        "`StaffAction` by the learner, as course staff": (StaffAction, {"actor": zoe}),
        "`AllowlistEntry` of the learner": (AllowlistEntry, {"user": zoe}),
        "`AllowlistEntry` written by the learner, as course staff": (AllowlistEntry, {"created_by": USERNAME}),
        "`BatchRun` started by the learner, as course staff": (BatchRun, {"started_by": USERNAME}),
        "`IssueFailure` of the learner": (IssueFailure, {"user": zoe}),
    }
    documented = _documented()
    assert sorted(row["which"] for row in documented) == sorted(selections)
    before = {which: _rows(model, **filters) for which, (model, filters) in selections.items()}
    assert all(before.values()), {which: len(rows) for which, rows in before.items()}

    retire_account(zoe.pk)

    for row in documented:
        model, _filters = selections[row["which"]]
        after = _rows(model, pk__in=before[row["which"]])
        if row["deleted"]:
            assert after == {}, row["which"]
            continue
        columns = {f.name for f in model._meta.concrete_fields}
        assert set(row["kept"]) | set(row["emptied"]) | set(row["replaced"]) == columns, row["which"]
        assert after.keys() == before[row["which"]].keys(), row["which"]
        for pk, was in before[row["which"]].items():
            now = after[pk]
            assert {c: now[c] for c in row["kept"]} == {c: was[c] for c in row["kept"]}, row["which"]
            assert {c: now[c] for c in row["emptied"] if now[c] not in ("", 0, None, {}, [])} == {}, row["which"]
            assert [c for c in row["replaced"] if now[c] == was[c]] == [], row["which"]


def test_a_retired_holders_certificate_is_not_printed_again_nor_emailed(lived, course):
    zoe, certificate = lived
    retire_account(zoe.pk)
    certificate.refresh_from_db()
    cara = staff.Actor(course.staff.username, course.staff.pk)

    with pytest.raises(staff.StaffError) as refused:
        staff.regenerate(BLOCK.ref, RULES, certificate, "new design", cara)
    assert refused.value.text() == RETIRED_HOLDER
    assert staff.regenerate_all(BLOCK.ref, RULES, "new design", cara)["regenerated"] == 0
    assert deliver_issue_email(certificate.pk, "req-resend") is False
    assert IssuedCertificate.objects.get(pk=certificate.pk).file_name == ""


def test_retiring_twice_changes_nothing_more(lived):
    zoe, _certificate = lived
    retire_account(zoe.pk)
    first = _rows(IssuedCertificate, user=zoe)
    from cert_xblock.records.retirement import retire_learner

    retire_learner(zoe.pk, get_user_model().objects.get(pk=zoe.pk).username, "")
    again = _rows(IssuedCertificate, user=zoe)
    assert {pk: {k: v for k, v in row.items() if k != "modified"} for pk, row in again.items()} == {
        pk: {k: v for k, v in row.items() if k != "modified"} for pk, row in first.items()}
