"""The pathway kind in process: the batch certifies exactly who passed every course, its candidate query and its
chunk reads cost the same whatever the number of learners, and a block listing a vanished course issues nothing."""
from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cert_xblock import platform
from cert_xblock.block.learner_view import learner_state, learner_strings, render_learner_view
from cert_xblock.config.values import CertificateSettings
from cert_xblock.issuing.batch import runner as batch
from cert_xblock.issuing.issuance import BlockRef, gather_standings, issue_certificate
from cert_xblock.models import CertificateBlockConfig, IssuedCertificate
from cert_xblock.platform.twin.models import CourseOverview
from tests.batch.seeding import certified

from .seeding import listed_keys, seed_pathway

pytestmark = pytest.mark.django_db


@pytest.fixture
def local_storage(settings, tmp_path):
    """Certificates stored in the test's own folder."""
    settings.STORAGES = {**settings.STORAGES, "cert_xblock": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}


def test_the_batch_certifies_exactly_the_learners_who_passed_every_course_of_the_pathway(local_storage):
    course = seed_pathway(70, slug="PW70", listed=2)
    block = batch.load_block(course.block_id)
    reports = [batch.issue_chunk(block, ids, "run-1") for ids in batch.chunked(batch.candidate_ids(block), 25)]
    assert sorted(certified(course)) == sorted(course.eligible)
    # The SQL already left out whoever missed a listed course: the chunks skip only those whose grade here passed
    # once and fails now (profile 5 of tests.batch.seeding), among those who passed both listed courses.
    failing_now = sum(1 for i in range(70) if i % 10 == 5 and i % 7 >= 2)
    assert sum((report.skipped for report in reports), Counter()) == Counter({"not_passed": failing_now})
    step_two_missed = course.user_ids[1]  # i % 7 == 1: 59% in the second listed course
    assert step_two_missed not in certified(course)
    standing = gather_standings(block.ref, block.rules, platform.read_course_grades([step_two_missed],
                                                                                  block.ref.course_key))
    [requirement] = [r for r in standing[step_two_missed].facts.requirements if not r.met]
    assert requirement.message() == "Pass these courses too: Pathway step 2."


def _statements(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)


def test_the_pathway_candidate_query_and_chunk_reads_take_the_same_statements_at_any_size():
    small, large = seed_pathway(40, slug="PWS", listed=3), seed_pathway(400, slug="PWL", listed=3)
    counts = {}
    for course in (small, large):
        block = batch.load_block(course.block_id)
        candidates = batch.candidate_ids(block)
        counts[len(course.user_ids)] = (
            _statements(lambda block=block: batch.candidate_ids(block)),
            _statements(lambda block=block, ids=candidates: gather_standings(
                block.ref, block.rules, platform.read_course_grades(ids, block.ref.course_key))),
        )
    assert counts[40] == counts[400], counts
    assert counts[40][0] == 3  # the enrollment modes, then the grade and allowlist sets with their subqueries
    assert len(batch.candidate_ids(batch.load_block(large.block_id))) > 10 * len(
        batch.candidate_ids(batch.load_block(small.block_id))) / 2


def test_a_block_listing_a_course_the_site_no_longer_has_says_so_and_issues_nothing(local_storage):
    course = seed_pathway(20, slug="PWGONE", listed=1)
    [gone] = listed_keys("PWGONE", 1)
    CourseOverview.objects.filter(id=gone).delete()
    block = batch.load_block(course.block_id)
    passing = course.user_ids[10]  # passed this course and, before it vanished, the listed one
    learner = platform.learner_by_id(passing)
    view = SimpleNamespace(block_ref=block.ref, certificate_settings=block.rules)
    state = learner_state(view, learner)
    expected = ("This certificate cannot be earned until the course team fixes its list of courses: "
                f"{gone} cannot be found.")
    assert state["status"] == "not_eligible"
    assert [unmet["message"] for unmet in state["unmet"]] == [expected]
    assert expected in render_learner_view(state, learner, learner_strings(lambda s: s))
    result = issue_certificate(learner, block.ref, block.rules, via="learner", request_id="req-gone")
    assert result.status == "not_eligible"
    assert not IssuedCertificate.objects.filter(block_id=course.block_id, request_id="req-gone").exists()
    # The batch reads the vanished course's grade rows as the platform keeps them, and its chunks issue only the
    # staff's explicit grants (the allowlist); everyone else is skipped with the unmet requirement.
    report = batch.issue_chunk(block, batch.candidate_ids(block), "run-gone")
    issued = IssuedCertificate.objects.filter(block_id=course.block_id, request_id="run-gone")
    assert {course.user_ids.index(c.user_id) % 10 for c in issued} == {8}
    assert report.issued == 2 and report.skipped["requirements_unmet"] > 0


def test_a_pathway_needs_its_own_course_passed_too_even_when_listed_by_mistake():
    course = seed_pathway(20, slug="PWSELF", listed=1)
    stored = CertificateBlockConfig.objects.get(block_id=course.block_id)
    rules = CertificateSettings.from_dict(stored.settings)
    stored.settings = {**stored.settings, "pathway_courses": f"{rules.pathway_courses}\n{course.course_key}"}
    stored.save()
    failing = course.user_ids[13]  # i % 10 == 3: 42% here; i % 7 == 6: passed the listed course
    ref = BlockRef(course.block_id, course.course_key)
    standing = gather_standings(ref, batch.load_block(course.block_id).rules,
                                platform.read_course_grades([failing], course.course_key))[failing]
    assert [(r.rule.value, r.met) for r in standing.facts.requirements] == [("course_grade", False),
                                                                           ("pathway", True)]
