"""Storage fault: the S3 server becomes unreachable in the middle of a batch (a real Celery worker and beat on
Redis, certificates in moto_server) and comes back.

How it is stopped: the worker reaches moto through a TCP relay the test controls (``services.tcp_proxy``); the
test cuts it (every connection reset, new ones refused) and restores it. moto itself keeps running, so it keeps
the objects it holds in memory (restarting it would lose them; SIGSTOP would leave requests hanging for
botocore's 60 s timeout instead of failing).

No certificate is recorded without its file; the chunks retry and the run completes with every learner
certified once; the bucket holds exactly the files the rows name: an upload that reached S3 while its answer
was lost, and whose delete failed, is an orphan that ``sweep_certificate_files`` removes.
"""
from __future__ import annotations

import time
from urllib.parse import urlparse

import pytest

from cert_xblock.models import CertificateBlockConfig, IssuedCertificate
from tests import services
from tests.batch import celery_processes
from tests.batch.seeding import certified, seed_course
from tests.batch.test_beat_worker_redis import fast_env, wait_until

from . import figures
from .helpers import audit, bucket_files, needs_mariadb, sweep_bucket

pytestmark = [needs_mariadb, pytest.mark.django_db(transaction=True)]

LEARNERS = 300


def test_s3_cut_mid_batch_no_row_without_file_and_the_retried_run_completes(redis_url, s3_endpoint, tmp_path):
    course = seed_course(LEARNERS, slug="S3CUT", schedule="* * * * *", every_learner_passes=True,
                         email_on_issue=False)
    s3 = celery_processes.new_bucket(s3_endpoint, "s3cut")
    with services.tcp_proxy(urlparse(s3_endpoint).port) as relay:
        env = fast_env(tmp_path, redis_url, f"http://127.0.0.1:{relay.port}", "s3cut")
        log = tmp_path / "worker.log"
        with (celery_processes.beat(env, tmp_path / "beat.log", tmp_path / "beat-state") as beat,
              celery_processes.worker(env, log, "s3cut") as worker):
            running = celery_processes.exited(beat, worker)
            wait_until(lambda: len(certified(course)) >= 40, 240, "the first certificates", unless=running)
            relay.cut()
            cut_at = len(certified(course))
            assert cut_at < LEARNERS, "the run finished before the cut: nothing was tested"
            # The chunk in flight fails once botocore has retried its PUT with backoff (up to about 15 s), later
            # on a loaded machine; it cannot fail if the worker died or the run completed before the cut bit.
            wait_until(lambda: "learners to retry" in log.read_text(), 240, "a chunk to fail on the storage",
                       unless=lambda: running() or (len(certified(course)) >= LEARNERS and "every learner is "
                                                    "certified: the cut came too late"))
            time.sleep(3)
            during = len(certified(course))
            # No row without its file, even while the storage is away.
            rows_without_file = _rows_without_file(course, bucket_files(s3, "s3cut", course.course_key))
            relay.restore()
            wait_until(lambda: len(certified(course)) >= LEARNERS, 360, "every learner, after the retries",
                       unless=running)
            wait_until(lambda: not CertificateBlockConfig.objects.filter(
                block_id=course.block_id, batch_lease_until__isnull=False).exists(), 240, "the run to finish",
                unless=running)

    files = bucket_files(s3, "s3cut", course.course_key)
    before_sweep = audit(course, set(course.user_ids), files)
    swept = sweep_bucket(s3_endpoint, "s3cut")
    found = audit(course, set(course.user_ids), bucket_files(s3, "s3cut", course.course_key))
    figures.record("storage fault (S3 cut mid-batch)", faults=relay.cuts, **found,
                   unexpected=rows_without_file + _rows_without_file(course, files))
    print(f"storage fault: {cut_at} certified at the cut, {during} while cut, {len(swept)} orphans swept "
          f"(uploads whose answer was lost), before the sweep {before_sweep}")
    assert rows_without_file == 0
    assert found == {"duplicates": 0, "losses": 0, "orphans": 0}
    assert len(IssuedCertificate.objects.filter(block_id=course.block_id, issued_via="batch")) == LEARNERS


def _rows_without_file(course, files: set[str]) -> int:
    return sum(name not in files for name in IssuedCertificate.objects.filter(
        block_id=course.block_id, live=1).values_list("file_name", flat=True))

