"""The batch as an operator runs it: Redis from Debian, a Celery beat and worker processes, S3 on moto_server.

A 500-learner course with every kind of learner; beat's tick starts the block's run from its Studio
schedule; the worker is SIGKILLed in the middle and a new one started; at the end exactly the eligible
learners hold one certificate each, every one stored in S3 and stamped with the run's request id.
And when the storage fails, the chunks wait and retry, and finish once it is back.
"""
from __future__ import annotations

import time
from collections import Counter

import pytest
from django.db import connection

from cert_xblock.models import CertificateBlockConfig, IssuedCertificate

from . import celery_processes
from .seeding import certified, seed_course

pytestmark = pytest.mark.django_db(transaction=True)


def wait_until(condition, timeout: float, what: str, poll: float = 0.05, *, unless=None):
    """Poll ``condition`` until it holds, for at most ``timeout`` seconds.

    The machine running the suite is shared, so ``timeout`` is a ceiling generous enough for a loaded one, not
    an estimate. ``unless`` returns why the condition can no longer come true (a worker exited, the run ended
    without it), so a wait for something impossible fails at once, with that reason, rather than at the ceiling.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        reason = unless() if unless is not None else None
        if reason:
            if condition():  # it came true just as the reason appeared
                return condition()
            raise AssertionError(f"{what} can no longer happen: {reason}")
        time.sleep(poll)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def fast_env(tmp_path, redis_url: str, s3_endpoint: str, bucket: str) -> dict[str, str]:
    """Beat ticking every second, small chunks, lost messages back after 3 s, retries after about a second."""
    return celery_processes.batch_env(
        connection.settings_dict["NAME"], tmp_path, redis_url, s3_endpoint, bucket,
        CERT_XBLOCK_BATCH_INTERVAL_SECONDS="1", CERT_XBLOCK_BATCH_CHUNK_SIZE="10",
        CERT_XBLOCK_BROKER_VISIBILITY_TIMEOUT="3", CERT_XBLOCK_BROKER_RESTORE_SECONDS="1",
        CERT_XBLOCK_BATCH_RETRY_SECONDS="1")


def stored_objects(s3, bucket: str) -> dict[str, int]:
    return {obj["Key"]: obj["Size"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
            for obj in page.get("Contents", [])}


def test_beat_certifies_exactly_the_eligible_learners_even_when_the_worker_is_killed(redis_url, s3_endpoint,
                                                                                    tmp_path):
    course = seed_course(500, slug="BEAT500", schedule="* * * * *")
    s3 = celery_processes.new_bucket(s3_endpoint, "beat-certificates")
    # A lease of 20 s: Redis's transport pops a message before it records it as unacknowledged, so a worker killed
    # between the two loses that chunk's message; the run's lease then lapses and the next run certifies them.
    env = {**fast_env(tmp_path, redis_url, s3_endpoint, "beat-certificates"), "CERT_XBLOCK_BATCH_LEASE_SECONDS": "20"}

    with celery_processes.beat(env, tmp_path / "beat.log", tmp_path / "beat-state") as beat:
        with celery_processes.worker(env, tmp_path / "worker-1.log", "first") as first:
            wait_until(lambda: len(certified(course)) >= 20, 240, "the first certificates",
                       unless=celery_processes.exited(beat, first))
            celery_processes.kill(first)
        killed_at = len(certified(course))
        assert killed_at < len(course.eligible), "the run finished before the kill: nothing was tested"

        with celery_processes.worker(env, tmp_path / "worker-2.log", "second") as second:
            wait_until(lambda: len(certified(course)) >= len(course.eligible), 360, "every eligible learner",
                       unless=celery_processes.exited(beat, second))
            wait_until(lambda: not CertificateBlockConfig.objects.filter(
                block_id=course.block_id, batch_lease_until__isnull=False).exists(), 240, "the run to finish",
                unless=celery_processes.exited(beat, second))

    holders = Counter(certified(course))
    assert set(holders) == course.eligible
    assert max(holders.values()) == 1
    issued = IssuedCertificate.objects.filter(block_id=course.block_id, issued_via="batch").order_by("issued_at")
    runs = list(dict.fromkeys(c.request_id for c in issued))
    # One run, whose chunks the second worker finished (redelivered); a second only where the kill lost a chunk's
    # message in the broker and the first run's lease lapsed.
    assert len(runs) <= 2, runs
    stored = stored_objects(s3, "beat-certificates")
    assert all(stored.get(c.file_name) == c.file_size for c in issued)
    first_log = (tmp_path / "worker-1.log").read_text()
    assert runs[0] in first_log


def test_chunks_retry_while_the_storage_fails_and_finish_once_it_is_back(redis_url, s3_endpoint, tmp_path):
    course = seed_course(40, slug="RETRY40", schedule="* * * * *")
    env = fast_env(tmp_path, redis_url, s3_endpoint, "late-bucket")  # the bucket does not exist yet
    log = tmp_path / "worker.log"
    with (celery_processes.beat(env, tmp_path / "beat.log", tmp_path / "beat-state") as beat,
          celery_processes.worker(env, log, "retry") as worker):
        # botocore retries each refused PUT with backoff (up to about 15 s) before the chunk gives up on it.
        wait_until(lambda: "learners to retry" in log.read_text(), 240, "a chunk to fail and retry",
                   unless=celery_processes.exited(beat, worker))
        assert certified(course) == []
        s3 = celery_processes.new_bucket(s3_endpoint, "late-bucket")
        wait_until(lambda: len(certified(course)) >= len(course.eligible), 300, "every eligible learner",
                   unless=celery_processes.exited(beat, worker))
    assert sorted(certified(course)) == sorted(course.eligible)
    stored = stored_objects(s3, "late-bucket")
    assert all(stored.get(c.file_name) == c.file_size
               for c in IssuedCertificate.objects.filter(block_id=course.block_id, live=1))
