"""The batch's SQL, chunks and command in this process, on the twin's tables and the local file system."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cert_xblock.issuing.batch import lease as batch_lease
from cert_xblock.issuing.batch import runner as batch
from cert_xblock.models import IssuedCertificate
from cert_xblock.records import storage

from .seeding import certified, seed_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return seed_course(60, slug="B60")


def run_command(*args: str) -> tuple[str, str]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("issue_certificates", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_candidates_are_passed_or_allowlisted_certifying_enrollments_without_a_certificate(course):
    block = batch.load_block(course.block_id)
    ids = batch.candidate_ids(block)
    by_profile = Counter(course.user_ids.index(user_id) % 10 for user_id in ids)
    # passed (0, 1, 2), passed once but failing now (5, the grade read decides), allowlisted audit (8)
    assert set(by_profile) == {0, 1, 2, 5, 8}
    assert ids == sorted(ids)


def test_command_certifies_exactly_the_eligible_learners_and_says_why_others_were_skipped(course, capsys):
    out, err = run_command("--course", str(course.course_key))
    assert sorted(certified(course)) == sorted(course.eligible)
    assert "issued: 24" in out
    assert "skipped: 6 (not_passed 6)" in out
    assert "failed: 0" in out
    assert "30/30" in err
    files = {c.file_name for c in IssuedCertificate.objects.filter(block_id=course.block_id, request_id__gt="seed")}
    assert all(storage.certificate_storage().exists(name) for name in files)
    again, _ = run_command("--course", str(course.course_key))
    assert "issued: 0" in again and len(certified(course)) == len(course.eligible)


def test_every_certificate_of_a_run_carries_the_run_request_id(course):
    out, _ = run_command("--course", str(course.course_key), "--block", course.block_id)
    request_id = out.strip().splitlines()[-1].removeprefix("request id: ")
    assert set(IssuedCertificate.objects.filter(user_id__in=course.eligible).values_list(
        "request_id", "issued_via")) == {(request_id, "batch")}


def test_dry_run_reports_who_would_be_issued_and_writes_nothing(course):
    out, _ = run_command("--course", str(course.course_key), "--dry-run")
    assert "would issue: 24" in out
    assert certified(course) == []


def test_a_chunk_run_twice_issues_nobody_twice(course):
    block = batch.load_block(course.block_id)
    ids = batch.candidate_ids(block)
    first = batch.issue_chunk(block, ids, "first")
    second = batch.issue_chunk(block, ids, "second")
    assert (first.issued, second.issued) == (24, 0)
    assert second.skipped["already_issued"] == 24
    assert Counter(certified(course)) == Counter(course.eligible)


def chunk_statements(course, start: int, size: int) -> tuple[int, int, int]:
    """(reads, writes, certificates issued) of one chunk of the course's candidates."""
    block = batch.load_block(course.block_id)
    ids = batch.candidate_ids(block)[start:start + size]
    with CaptureQueriesContext(connection) as queries:
        report = batch.issue_chunk(block, ids, "count")
    reads = sum(1 for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("SELECT"))
    return reads, len(queries.captured_queries) - reads, report.issued


def test_confirming_a_chunk_takes_the_same_reads_for_5_or_50_learners():
    """A chunk whose learners all hold the certificate (a re-run) reads a fixed number of times, writes nothing."""
    course = seed_course(200, slug="Q200")
    run_command("--course", str(course.course_key))
    block = batch.load_block(course.block_id)
    holders = sorted(certified(course))

    def rerun(ids: list[int]) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            report = batch.issue_chunk(block, ids, "rerun")
        assert report.skipped["already_issued"] == len(ids)
        return len(queries.captured_queries), report.issued

    assert rerun(holders[:5]) == rerun(holders[:50]) == (9, 0)  # the learners: users, names, languages


def test_a_chunk_reads_and_records_its_certificates_in_a_fixed_number_of_statements_whatever_its_size():
    course = seed_course(500, slug="Q500")
    reads, writes, issued = zip(*(chunk_statements(course, start, size)
                                  for start, size in ((0, 5), (5, 20), (25, 50))), strict=True)
    assert issued[0] < issued[1] < issued[2]
    assert len(set(reads)) == 1, "a chunk's reads do not grow with its learners"
    # One transaction records the chunk (savepoint, multi-row INSERT, release); sqlite splits the INSERT at its
    # parameter limit, so 40 certificates may take a second INSERT, not 40.
    assert max(writes) <= 4 and max(writes) - min(writes) <= 1, writes
    assert reads[0] + max(writes) <= 13


@pytest.mark.parametrize(("email_on_issue", "state"), [(True, IssuedCertificate.EmailStatus.QUEUED),
                                                        (False, IssuedCertificate.EmailStatus.NONE)])
def test_a_chunks_certificates_show_their_issue_email_as_queued_from_their_own_insert(email_on_issue, state):
    # The state staff read in the learner list is in the INSERT itself: before any receiver runs after the
    # commit (none runs in this test's transaction), with no UPDATE per certificate to say it.
    course = seed_course(40, slug=f"EM{int(email_on_issue)}", email_on_issue=email_on_issue)
    block = batch.load_block(course.block_id)
    with CaptureQueriesContext(connection) as queries:
        report = batch.issue_chunk(block, batch.candidate_ids(block), "emails")
    assert report.issued > 0
    issued = IssuedCertificate.objects.filter(block_id=course.block_id, request_id="emails")
    states = Counter(issued.values_list("email_status", flat=True))
    assert states == {state: report.issued}
    assert not [q for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("UPDATE")]


def test_a_storage_failure_leaves_no_half_issued_certificate_and_the_command_fails(course, monkeypatch):
    real_save = storage.save_pdf
    calls = []

    def flaky_save(name: str, data: bytes) -> str:
        calls.append(name)
        if len(calls) == 3:
            raise OSError("disk full")
        return real_save(name, data)

    monkeypatch.setattr(storage, "save_pdf", flaky_save)
    with pytest.raises(CommandError, match="learners failed"):
        run_command("--course", str(course.course_key))
    # One chunk: two issued, the third failed in storage, the rest of the chunk was left for a retry.
    held = certified(course)
    assert len(held) == 2
    assert all(storage.certificate_storage().exists(c.file_name)
               for c in IssuedCertificate.objects.filter(user_id__in=held, live=1))
    monkeypatch.setattr(storage, "save_pdf", real_save)
    out, _ = run_command("--course", str(course.course_key))
    assert sorted(certified(course)) == sorted(course.eligible)
    assert "failed: 0" in out


def test_a_block_another_run_is_working_on_is_refused_until_its_lease_lapses(course):
    assert batch_lease.acquire(course.block_id, "beat-run")
    with pytest.raises(CommandError, match="beat-run"):
        run_command("--course", str(course.course_key))
    assert certified(course) == []
    batch_lease.expect_chunks(course.block_id, "beat-run", 2)
    batch_lease.chunk_finished(course.block_id, "beat-run")
    assert batch_lease.holder(course.block_id)[0] == "beat-run"
    batch_lease.chunk_finished(course.block_id, "beat-run")
    assert batch_lease.holder(course.block_id) is None
    assert batch_lease.acquire(course.block_id, "next-run")


def test_a_lapsed_lease_is_taken_over(course, settings):
    settings.CERT_XBLOCK_BATCH_LEASE_SECONDS = -1
    assert batch_lease.acquire(course.block_id, "crashed-run")
    assert batch_lease.acquire(course.block_id, "next-run")


@pytest.mark.parametrize("course_arg, message", [
    ("course-v1:NoSuch+Course+2026", "course course-v1:NoSuch+Course+2026 does not exist"),
    ("not a course", "'not a course' is not a course key"),
])
def test_a_wrong_course_key_gets_a_clear_error(course_arg, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        run_command("--course", course_arg)


def test_the_command_exits_non_zero_on_a_wrong_course_key():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "django", "issue_certificates", "--course", "nope"],
                            check=False, capture_output=True, text=True)
    assert result.returncode == 1
    assert "'nope' is not a course key" in result.stderr
