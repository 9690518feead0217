"""The staff operations in process: what each changes, what it records, and what it refuses."""
from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cert_xblock import staff
from cert_xblock.models import AllowlistEntry, CertificateVersion, IssuedCertificate, StaffAction
from cert_xblock.platform.twin.models import CourseEnrollment, PersistentCourseGrade, UserProfile
from cert_xblock.records import storage
from cert_xblock.records.verification import public_record
from tests.pdf import pdf_text

from .conftest import BLOCK, BLOCK_ID, COURSE, RULES

pytestmark = pytest.mark.django_db


def actor(course):
    return staff.Actor(course.staff.username, course.staff.pk)


def test_revoke_needs_a_reason_and_keeps_the_record_then_restore_brings_it_back(course):
    certificate = course.issue("ada")
    with pytest.raises(staff.StaffError, match="Give a reason"):
        staff.revoke(BLOCK.ref, certificate, "  ", actor(course))
    assert IssuedCertificate.objects.get().status == "issued"

    revoked = staff.revoke(BLOCK.ref, certificate, "Plagiarism found in the final project", actor(course))
    row = IssuedCertificate.objects.get()
    assert (row.status, row.live, row.revoke_reason) == ("revoked", None, "Plagiarism found in the final project")
    assert public_record(row).status == "revoked" and public_record(row).revoked_on == revoked.revoked_at.date()
    assert storage.read_pdf(row.file_name).startswith(b"%PDF"), "the file is kept"

    staff.restore(BLOCK.ref, row, "Appeal upheld", actor(course))
    row = IssuedCertificate.objects.get()
    assert (row.status, row.live, row.verify_id) == ("issued", 1, certificate.verify_id)
    trail = list(StaffAction.objects.order_by("id").values_list("kind", "actor_username", "learner_username",
                                                                 "reason"))
    assert trail == [("revoke", "cara", "ada", "Plagiarism found in the final project"),
                     ("restore", "cara", "ada", "Appeal upheld")]


def test_regenerate_keeps_the_verify_id_prints_the_new_name_and_keeps_the_earlier_version(course):
    certificate = course.issue("ada")
    UserProfile.objects.filter(user=course.users["ada"]).update(name="Ada King, Countess of Lovelace")
    fresh = staff.regenerate(BLOCK.ref, BLOCK.rules, certificate, "Name changed after marriage", actor(course))
    assert (fresh.verify_id, fresh.short_code, fresh.version) == (certificate.verify_id, certificate.short_code, 2)
    assert "Ada King, Countess of Lovelace" in pdf_text(storage.read_pdf(fresh.file_name))
    assert "Ada Lovelace" in pdf_text(storage.read_pdf(certificate.file_name)), "the earlier PDF is kept"
    [old] = CertificateVersion.objects.all()
    assert (old.version, old.name, old.file_name) == (1, "Ada Lovelace", certificate.file_name)
    versions = staff.versions(IssuedCertificate.objects.get())
    assert [(v["version"], v["name"], v["by"], v["reason"]) for v in versions] == [
        (2, "Ada King, Countess of Lovelace", "cara", "Name changed after marriage"),
        (1, "Ada Lovelace", "learner", "")]


def test_a_revoked_certificate_is_not_regenerated(course):
    certificate = staff.revoke(BLOCK.ref, course.issue("ada"), "Wrong learner", actor(course))
    with pytest.raises(staff.StaffError, match="restore it first"):
        staff.regenerate(BLOCK.ref, BLOCK.rules, certificate, "design", actor(course))


def test_regenerate_all_reprints_every_valid_certificate(course):
    for name in ("ada", "chen"):
        course.issue(name)
    assert staff.regenerate_all(BLOCK.ref, BLOCK.rules, "New design", actor(course)) == {
        "regenerated": 2, "failed": 0, "remaining": 0, "next": None}
    assert sorted(IssuedCertificate.objects.values_list("version", flat=True)) == [2, 2]


def test_regenerate_all_goes_a_slice_at_a_time_when_asked(course):
    first, second = (course.issue(name) for name in ("ada", "chen"))
    step = staff.regenerate_all(BLOCK.ref, BLOCK.rules, "New design", actor(course), limit=1)
    assert step == {"regenerated": 1, "failed": 0, "remaining": 1, "next": first.pk}
    step = staff.regenerate_all(BLOCK.ref, BLOCK.rules, "New design", actor(course), after=step["next"], limit=1)
    assert step == {"regenerated": 1, "failed": 0, "remaining": 0, "next": None}
    assert IssuedCertificate.objects.get(pk=second.pk).version == 2


def test_allowlisting_one_learner_by_email_records_who_and_why(course):
    assert staff.allowlist_add(BLOCK.ref, "DANA@example.org", "Completed offline", actor(course)) == "added"
    assert staff.allowlist_add(BLOCK.ref, "dana", "Completed offline", actor(course)) == "unchanged"
    entry = AllowlistEntry.objects.get()
    assert (entry.user.username, entry.notes, entry.created_by) == ("dana", "Completed offline", "cara")
    with pytest.raises(staff.StaffError, match="No learner has"):
        staff.allowlist_add(BLOCK.ref, "nobody", "", actor(course))
    staff.allowlist_remove(BLOCK.ref, "dana", "", actor(course))
    assert not AllowlistEntry.objects.exists()
    assert list(StaffAction.objects.values_list("kind", flat=True)) == ["allowlist_add", "allowlist_remove"]


def test_a_messy_csv_gets_a_report_per_row_and_only_valid_rows_are_applied(course):
    data = ("\ufeffusername,note\r\n"
            "ben,Group A\r\n"
            "\r\n"
            "ghost,Group A\r\n"
            "BEN@example.org,again\r\n"
            "dana\r\n").encode() + "chen,Gr\u00fcppe\r\n".encode("latin-1") + b"cara,staff member\r\n"
    rows = staff.allowlist_import_csv(BLOCK.ref, data, actor(course), "CSV upload")
    assert [(r.line, r.identifier, r.outcome) for r in rows] == [
        (2, "ben", "added"), (3, "", "skipped"), (4, "ghost", "error"), (5, "BEN@example.org", "error"),
        (6, "dana", "added"), (7, "chen,Gr\ufffdppe", "error"), (8, "cara", "error")]
    messages = {r.line: r.message for r in rows}
    assert messages[4] == "No learner has this username or email address."
    assert messages[5] == "Duplicate: this learner is already on an earlier line."
    assert messages[7].startswith("This line is not UTF-8 text")
    assert messages[8] == "Not enrolled in this course."
    assert dict(AllowlistEntry.objects.values_list("user__username", "notes")) == {"ben": "Group A",
                                                                                   "dana": "CSV upload"}


def test_a_csv_import_is_one_transaction(course, monkeypatch):
    from cert_xblock.staff import allowlist

    calls = []

    def fail_on_second(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return original(*args, **kwargs)

    original = allowlist.audit.record
    monkeypatch.setattr(allowlist.audit, "record", fail_on_second)
    with pytest.raises(RuntimeError):
        staff.allowlist_import_csv(BLOCK.ref, b"ben\ndana\n", actor(course))
    assert not AllowlistEntry.objects.exists(), "nothing of a failed import stays"


def test_the_counts_match_the_database_in_a_constant_number_of_queries(course):
    course.issue("ada")
    staff.revoke(BLOCK.ref, course.issue("chen"), "Wrong account", actor(course))
    staff.allowlist_add(BLOCK.ref, "dana", "Offline exam", actor(course))
    with CaptureQueriesContext(connection) as queries:
        counts = staff.counts(BLOCK)
    assert {k: counts[k] for k in ("eligible", "issued", "not_yet_eligible", "allowlisted", "revoked", "failed")} == {
        "eligible": 1, "issued": 1, "not_yet_eligible": 1, "allowlisted": 1, "revoked": 1, "failed": 0}
    assert len(queries) <= 7


def test_the_learner_list_searches_filters_and_pages(course):
    course.issue("ada")
    page = staff.learners(BLOCK, search="", status="", page=1, page_size=2)
    assert (page["count"], page["pages"], [r["username"] for r in page["results"]]) == (4, 2, ["ada", "ben"])
    ada = page["results"][0]
    assert (ada["name"], ada["grade"], ada["status"]) == ("Ada Lovelace", 91.0, "issued")
    assert ada["certificate"]["verify_url"].endswith(ada["certificate"]["id"])
    assert [r["username"] for r in staff.learners(BLOCK, status="eligible")["results"]] == ["chen"]
    assert [r["username"] for r in staff.learners(BLOCK, search="scully")["results"]] == ["dana"]  # full name
    assert [r["username"] for r in staff.learners(BLOCK, search="DAN")["results"]] == ["dana"]
    with pytest.raises(staff.StaffError, match="'status' must be one of"):
        staff.learners(BLOCK, status="everything")
    with pytest.raises(staff.StaffError):
        staff.learners(BLOCK, page="x")


def test_a_learner_whose_certificate_cannot_be_printed_counts_as_failed_until_certified(course, monkeypatch):
    from cert_xblock.issuing import issuance
    from cert_xblock.rendering import RenderError

    real_render = issuance.render_certificate

    def render(document, design):
        if document.learner_name == "Chen Wu":
            raise RenderError("the design's font lacks a glyph")
        return real_render(document, design)

    monkeypatch.setattr(issuance, "render_certificate", render)
    run = staff.start_issue_now(BLOCK, actor(course))
    progress = staff.issue_now_progress(BLOCK.ref.block_id, run.request_id)
    assert (progress["state"], progress["issued"], progress["failed"]) == ("done", 1, 1)
    counts = staff.counts(BLOCK)
    assert (counts["failed"], counts["failed_render"], counts["issued"]) == (1, 1, 1)
    [chen] = staff.learners(BLOCK, status="failed")["results"]
    assert chen["username"] == "chen" and chen["failure"]["kind"] == "render"

    monkeypatch.setattr(issuance, "render_certificate", real_render)
    staff.start_issue_now(BLOCK, actor(course))
    assert staff.counts(BLOCK)["failed"] == 0, "once certified, a learner no longer counts as failed"


def test_a_second_issue_now_while_a_run_holds_the_block_is_refused(course):
    from cert_xblock.issuing.batch import lease as batch_lease

    assert batch_lease.acquire(BLOCK.ref.block_id, "someone-else")
    with pytest.raises(staff.StaffError, match="already working on this block") as refused:
        staff.start_issue_now(BLOCK, actor(course))
    assert refused.value.status == 409


def test_no_grade_yet_is_none_in_the_list_its_reason_in_words_and_empty_in_the_csv_never_zero(course):
    PersistentCourseGrade.objects.filter(user_id=course.users["ben"].pk).delete()  # the platform: no grade yet
    [ben] = staff.learners(BLOCK, search="ben")["results"]
    assert (ben["grade"], ben["reason"], ben["mode"]) == (None, "No grade yet", "verified")
    [chen] = staff.learners(BLOCK, search="chen")["results"]
    assert (chen["grade"], chen["reason"]) == (75.0, "Grade met")
    [dana] = staff.learners(BLOCK, search="dana")["results"]
    assert dana["reason"] == "Course grade 30% of 70% · 40% to go"
    staff.allowlist_add(BLOCK.ref, "ben", "Oral exam", actor(course))
    course.issue("ben")
    report = b"".join(staff.report_csv(BLOCK_ID)).decode("utf-8-sig").splitlines()
    header = report[0].split(",")
    [line] = [r.split(",") for r in report[1:] if r.startswith("ben,")]
    assert line[header.index("grade_percent")] == "", "no grade is not 0%"
    assert line[header.index("allowlisted")] == "yes"


def test_search_ignores_accents_and_case(course):
    UserProfile.objects.filter(user=course.users["dana"]).update(name="Dana Ørsted")
    UserProfile.objects.filter(user=course.users["ben"]).update(name="Benoît Dupont")
    assert [r["username"] for r in staff.learners(BLOCK, search="orsted")["results"]] == ["dana"]
    assert [r["username"] for r in staff.learners(BLOCK, search="BENOIT")["results"]] == ["ben"]
    assert [r["username"] for r in staff.learners(BLOCK, search="a.a")["results"]] == [], "no regex from the text"
    assert staff.learners(BLOCK, search="zzz")["results"] == []


def test_the_block_history_is_one_entry_per_request_a_page_at_a_time(course):
    for name in ("ada", "chen"):
        course.issue(name)
    staff.regenerate_all(BLOCK.ref, RULES, "New signature", actor(course))
    page = staff.grouped_history(BLOCK.ref)
    assert [(a["kind"], a["learners"], a["learner"]) for a in page["actions"]] == [("regenerate", 2, "")]
    assert (page["page"], page["pages"]) == (1, 1)


def test_the_course_team_is_kept_out_of_the_learners_unless_they_act_as_learners(course):
    CourseEnrollment.objects.create(user=course.staff, course_id=COURSE, mode="verified")  # cara, course staff
    before = staff.counts(BLOCK)["not_yet_eligible"]
    assert staff.learners(BLOCK, search="cara")["results"] == []
    assert "cara" not in [r["username"] for r in staff.learners(BLOCK)["results"]]
    staff.allowlist_add(BLOCK.ref, "cara", "Took the course as a learner", actor(course))
    assert [r["username"] for r in staff.learners(BLOCK, search="cara")["results"]] == ["cara"]
    assert staff.counts(BLOCK)["not_yet_eligible"] == before


def test_a_completion_block_lists_each_learners_completion_not_the_course_grade():
    from tests.lesson.seeding import seed

    course = seed("S23", {"seven": (0.95, {"hw1": (9, 10)}, 7), "eight": (0.2, {}, 8)})
    listed = {r["username"]: r for r in staff.learners(course.completion)["results"]}
    seven, eight = listed["S23-seven"], listed["S23-eight"]
    assert (seven["grade"], seven["figure"], seven["reason"]) == (
        70.0, "completion", "Course completion 70% of 80% · 10% to go")
    assert (eight["grade"], eight["figure"], eight["status"]) == (80.0, "completion", "eligible")


def test_the_report_and_the_history_say_each_action_in_words_in_the_callers_language(course):
    from cert_xblock.core.i18n import gettext_for
    from cert_xblock.staff.handlers import staff_strings

    certificate = course.issue("ada")
    course.issue("chen")
    staff.revoke(BLOCK.ref, certificate, "Fraud", actor(course))
    rows = list(csv.DictReader(io.StringIO(b"".join(staff.report_csv(BLOCK_ID)).decode("utf-8-sig"))))
    assert [r["last_staff_action"] for r in rows if r["username"] == "ada"] == ["Revoked the certificate"]
    french = list(csv.DictReader(io.StringIO(
        b"".join(staff.report_csv(BLOCK_ID, gettext_for("fr"))).decode("utf-8-sig"))))
    assert [r["last_staff_action"] for r in french if r["username"] == "ada"] == ["Certificat révoqué"]
    assert [r["last_staff_action"] for r in french if r["username"] == "chen"] == [""], "no action, no words"
    words = staff_strings(gettext_for("fr"))
    assert (words["kind_revoke"], words["kind_allowlist_add"]) == (
        "Certificat révoqué", "Ajouté à la liste d’autorisation")
