"""A chunk's uploads over real HTTP to S3 (moto_server), through a relay the test cuts half-way through the chunk.

The chunk stores each certificate's file on its upload thread while it renders the next, and records the stored
ones in one commit: when the storage goes away in the middle, the certificates whose files were stored are
recorded, no record lacks its file, the learners after the failure are left for the retry, and the retry issues
each of them once.
"""
from __future__ import annotations

from unittest import mock
from urllib.parse import urlparse

import pytest
from botocore.config import Config

from cert_xblock.issuing.batch import runner as batch
from cert_xblock.models import IssuedCertificate
from cert_xblock.records import storage
from cert_xblock.settings.common import certificate_storages
from tests import services

from . import celery_processes
from .seeding import certified, seed_course
from .test_beat_worker_redis import stored_objects

pytestmark = pytest.mark.django_db(transaction=True)
LEARNERS, STORED_BEFORE_THE_CUT = 20, 8


@pytest.fixture
def relayed_s3(s3_endpoint, settings):
    """The S3 storage as an operator configures it, reached through a relay; a refused PUT fails at once (no
    botocore retries) so the test does not wait out the backoff."""
    s3 = celery_processes.new_bucket(s3_endpoint, "chunk-uploads")
    with services.tcp_proxy(urlparse(s3_endpoint).port) as relay:
        settings.CERT_XBLOCK_STORAGE = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
            "bucket_name": "chunk-uploads", "endpoint_url": f"http://127.0.0.1:{relay.port}",
            "access_key": "testing", "secret_key": "testing", "region_name": "us-east-1",
            "client_config": Config(retries={"total_max_attempts": 1})}}
        settings.STORAGES = certificate_storages(settings)
        yield relay, s3


def test_an_upload_cut_half_way_records_only_stored_files_and_the_retry_issues_each_learner_once(relayed_s3):
    relay, s3 = relayed_s3
    course = seed_course(LEARNERS, slug="UPCUT", every_learner_passes=True, email_on_issue=False)
    block = batch.load_block(course.block_id)
    real_save, saved = storage.save_pdf, []

    def save_then_cut(name: str, data: bytes) -> str:
        saved.append(real_save(name, data))
        if len(saved) == STORED_BEFORE_THE_CUT:
            relay.cut()
        return saved[-1]

    with mock.patch.object(storage, "save_pdf", save_then_cut):
        first = batch.issue_chunk(block, course.user_ids, "upload-cut")

    rows = {row.user_id: row for row in IssuedCertificate.objects.filter(block_id=course.block_id, live=1)}
    objects = stored_objects(s3, "chunk-uploads")
    assert first.transient_error is not None, "the storage's failure stops the chunk for a retry"
    assert first.issued == len(rows) == STORED_BEFORE_THE_CUT
    assert all(objects.get(row.file_name) == row.file_size for row in rows.values()), "no record without its file"
    assert sorted(first.pending) == sorted(set(course.user_ids) - set(rows)), "everyone else is left for the retry"

    relay.restore()
    retry = batch.issue_chunk(block, first.pending, "upload-cut")
    assert retry.transient_error is None and retry.issued == LEARNERS - STORED_BEFORE_THE_CUT
    assert sorted(certified(course)) == sorted(course.user_ids), "every learner once"
    objects = stored_objects(s3, "chunk-uploads")
    assert set(objects) == set(IssuedCertificate.objects.filter(block_id=course.block_id).values_list(
        "file_name", flat=True)), "the bucket holds exactly the recorded files"
