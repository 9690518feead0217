"""Two certificate blocks in one course through the batch as an operator runs it (Redis from Debian, a Celery beat
and worker, S3 on moto_server): each block certifies its own learners, with its own records and its own crontab."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cert_xblock.config.values import CertificateSettings
from cert_xblock.issuing.batch.schedule import claim_due_blocks
from cert_xblock.models import CertificateBlockConfig, IssuedCertificate
from tests.batch import celery_processes
from tests.batch.seeding import SeededCourse, certified, seed_course
from tests.batch.test_beat_worker_redis import fast_env, wait_until

pytestmark = pytest.mark.django_db(transaction=True)


def add_distinction(course: SeededCourse, schedule: str) -> SeededCourse:
    """A second block in the course: a distinction at 90% or more, with its own schedule and title. Of the seeded
    learners, profiles 0 (91%) and 9 (99%, whose revoked certificate is the first block's) reach it."""
    block_id = course.block_id.replace("block@certificate", "block@distinction")
    rules = CertificateSettings(display_name="Distinction", grade_rule="minimum_percent", minimum_percent=90,
                                certificate_title="Certificate of Distinction", batch_schedule=schedule)
    CertificateBlockConfig.objects.create(block_id=block_id, course_key=course.course_key, settings=rules.to_dict())
    eligible = {user_id for i, user_id in enumerate(course.user_ids) if i % 10 in (0, 9)}
    return SeededCourse(course.course_key, block_id, course.user_ids, eligible)


def test_the_batch_issues_each_block_of_a_course_its_own_certificates(redis_url, s3_endpoint, tmp_path):
    completion = seed_course(60, slug="TWO60", schedule="* * * * *")
    distinction = add_distinction(completion, "* * * * *")
    celery_processes.new_bucket(s3_endpoint, "two-blocks")
    env = fast_env(tmp_path, redis_url, s3_endpoint, "two-blocks")
    with (celery_processes.beat(env, tmp_path / "beat.log", tmp_path / "beat-state"),
          celery_processes.worker(env, tmp_path / "worker.log", "two")):
        wait_until(lambda: len(certified(completion)) >= len(completion.eligible)
                   and len(certified(distinction)) >= len(distinction.eligible), 90, "both blocks' learners")
        wait_until(lambda: not CertificateBlockConfig.objects.filter(
            course_key=completion.course_key, batch_lease_until__isnull=False).exists(), 60, "both runs to finish")

    assert sorted(certified(completion)) == sorted(completion.eligible)
    assert sorted(certified(distinction)) == sorted(distinction.eligible)
    top = completion.user_ids[0]  # 91%: meets both
    passing = completion.user_ids[1]  # 75%: meets the completion only
    titles = dict(IssuedCertificate.objects.filter(user_id=top, live=1).values_list("block_id", "title"))
    assert titles == {completion.block_id: "Certificate of Completion",
                      distinction.block_id: "Certificate of Distinction"}
    assert list(IssuedCertificate.objects.filter(user_id=passing, live=1).values_list("title", flat=True)) == [
        "Certificate of Completion"]
    runs = IssuedCertificate.objects.filter(course_key=completion.course_key, issued_via="batch")
    assert len({(c.block_id, c.request_id) for c in runs}) == 2, "one run, one request id, per block"


def test_each_block_of_a_course_runs_on_its_own_crontab():
    course = seed_course(10, slug="CRON10", schedule="0 3 * * *")  # daily at 03:00
    distinction = add_distinction(course, "30 4 * * 1")  # Mondays at 04:30
    last = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)  # a Sunday; both ran then
    CertificateBlockConfig.objects.filter(course_key=course.course_key).update(last_batch_run=last)
    monday_0300 = datetime(2026, 11, 23, 3, 0, 5, tzinfo=UTC)
    assert claim_due_blocks(monday_0300) == [course.block_id]
    assert claim_due_blocks(monday_0300 + timedelta(minutes=90)) == [distinction.block_id]
    assert claim_due_blocks(monday_0300 + timedelta(hours=2)) == []
