"""Worker fault on MariaDB: a Celery worker SIGKILLed in the middle of a chunk, and beat SIGKILLed and restarted
during the run. The message of the killed chunk comes back (late acknowledgement, Redis visibility timeout), a
new worker finishes the run; the restarted beat's ticks start no second issuance of anyone. Every eligible
learner ends with exactly one certificate and its file.

(``tests/batch/test_beat_worker_redis.py`` kills the worker on both databases; this adds the beat restart and a
kill that lands mid-chunk: the worker is killed while it is storing a certificate.)
"""
from __future__ import annotations

import pytest

from cert_xblock.models import CertificateBlockConfig, IssuedCertificate
from tests.batch import celery_processes
from tests.batch.seeding import certified, seed_course
from tests.batch.test_beat_worker_redis import fast_env, wait_until

from . import figures
from .helpers import audit, bucket_files, needs_mariadb, sweep_bucket

pytestmark = [needs_mariadb, pytest.mark.django_db(transaction=True)]


def test_worker_killed_mid_chunk_and_beat_restarted_the_run_completes_once(redis_url, s3_endpoint, tmp_path):
    course = seed_course(300, slug="WKILL", schedule="* * * * *", email_on_issue=False)
    s3 = celery_processes.new_bucket(s3_endpoint, "wkill")
    env = fast_env(tmp_path, redis_url, s3_endpoint, "wkill")
    faults = 0
    with (celery_processes.beat(env, tmp_path / "beat-1.log", tmp_path / "beat-state") as first_beat,
          celery_processes.worker(env, tmp_path / "worker-1.log", "first") as first):
        # Mid-chunk: chunks are ten learners, each recorded in one commit once its files are stored; 25 certified
        # means three chunks are recorded and the fourth is storing its files.
        wait_until(lambda: len(certified(course)) >= 25, 240, "the first certificates",
                   unless=celery_processes.exited(first_beat, first))
        celery_processes.kill(first)
        celery_processes.kill(first_beat)
        faults += 2
    killed_at = len(certified(course))
    assert killed_at < len(course.eligible), "the run finished before the kill: nothing was tested"

    with (celery_processes.beat(env, tmp_path / "beat-2.log", tmp_path / "beat-state") as beat,
          celery_processes.worker(env, tmp_path / "worker-2.log", "second") as second):
        running = celery_processes.exited(beat, second)
        wait_until(lambda: len(certified(course)) >= len(course.eligible), 360, "every eligible learner",
                   unless=running)
        wait_until(lambda: not CertificateBlockConfig.objects.filter(
            block_id=course.block_id, batch_lease_until__isnull=False).exists(), 240, "the run to finish",
            unless=running)

    issued = IssuedCertificate.objects.filter(block_id=course.block_id, issued_via="batch")
    # A file stored by the killed worker but never recorded is an orphan until the sweep.
    swept = sweep_bucket(s3_endpoint, "wkill")
    found = audit(course, course.eligible, bucket_files(s3, "wkill", course.course_key))
    wrong = set(certified(course)) - course.eligible
    figures.record("worker fault (SIGKILL worker + beat)", faults=faults, **found, unexpected=len(wrong))
    print(f"worker fault: {killed_at} certified at the kill, {len(swept)} orphan files swept")
    assert not wrong
    assert found == {"duplicates": 0, "losses": 0, "orphans": 0}
    assert len(issued) == len(course.eligible)
