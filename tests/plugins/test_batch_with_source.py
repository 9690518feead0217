"""The batch on a block decided by the example ``attendance`` source: its candidates come from the source, and the
source (not the course grade) decides, with enrollment, allowlist and revocation still applied."""
from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from cert_xblock.config.values import CertificateSettings
from cert_xblock.issuing.batch import runner as batch
from cert_xblock.models import CertificateBlockConfig
from tests.batch.seeding import certified, seed_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(tmp_path, monkeypatch):
    """Twenty learners of every batch profile (tests/batch/seeding.py) on a block that names ``attendance``."""
    seeded = seed_course(20, slug="PLG")
    CertificateBlockConfig.objects.filter(block_id=seeded.block_id).update(
        settings=CertificateSettings(eligibility_source="attendance").to_dict())
    # 0 passed; 1 passed but rarely attended; 3 failing but attended; 6 audit; 7 unenrolled; 9 revoked earlier.
    register = {"sessions": 10, "attended": {"plg-0": 10, "plg-1": 2, "plg-3": 9, "plg-6": 10, "plg-7": 10,
                                             "plg-9": 10, "plg-13": 8}}
    path = tmp_path / "attendance.json"
    path.write_text(json.dumps(register))
    monkeypatch.setenv("CERT_XBLOCK_EXAMPLE_ATTENDANCE", str(path))
    return seeded


def learner(course, i: int) -> int:
    return course.user_ids[i]


def test_the_candidates_are_the_sources_own_in_certifying_enrollments_plus_the_allowlist(course):
    ids = batch.candidate_ids(batch.load_block(course.block_id))
    assert ids == sorted(learner(course, i) for i in (0, 3, 8, 13, 18))


def test_the_batch_certifies_whom_the_source_says_not_whom_the_grade_says(course):
    call_command("issue_certificates", "--course", str(course.course_key))
    assert sorted(certified(course)) == sorted(learner(course, i) for i in (0, 3, 8, 13, 18))
    assert learner(course, 1) not in certified(course), "a passing grade alone no longer earns it"


def test_a_pathway_block_decided_by_the_source_still_asks_for_every_listed_course(tmp_path, monkeypatch):
    from tests.kinds.seeding import seed_pathway

    pathway = seed_pathway(20, slug="PPL", listed=1, eligibility_source="attendance")
    path = tmp_path / "attendance.json"
    # Learner i missed the listed course when i % 7 == 0 (tests/kinds/seeding.py): 0 and 14 attended but did.
    path.write_text(json.dumps({"sessions": 10, "attended": {"ppl-0": 10, "ppl-1": 2, "ppl-3": 9, "ppl-13": 10,
                                                             "ppl-14": 10}}))
    monkeypatch.setenv("CERT_XBLOCK_EXAMPLE_ATTENDANCE", str(path))
    call_command("issue_certificates", "--course", str(pathway.course_key))
    assert sorted(certified(pathway)) == sorted(learner(pathway, i) for i in (3, 8, 13, 18))
