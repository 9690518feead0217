"""The demo settings with certificates stored in S3 (django-storages' S3 backend), for the batch's real-service
tests and benchmark: ``CERT_XBLOCK_S3_ENDPOINT`` (moto_server's URL) and ``CERT_XBLOCK_S3_BUCKET``."""
import os

from boto3.s3.transfer import TransferConfig

from cert_xblock.demo.settings import *  # noqa: F403

STORAGES = {**STORAGES, "cert_xblock": {  # noqa: F405
    "BACKEND": "storages.backends.s3.S3Storage",
    "OPTIONS": {
        "bucket_name": os.environ["CERT_XBLOCK_S3_BUCKET"],
        "endpoint_url": os.environ["CERT_XBLOCK_S3_ENDPOINT"],
        "access_key": "testing",
        "secret_key": "testing",
        "region_name": "us-east-1",
        # Names are unique per certificate (its verify id): no existence check before each upload.
        "file_overwrite": True,
        # A certificate is one small PUT: without this, every upload starts and joins a pool of threads.
        "transfer_config": TransferConfig(use_threads=False),
    },
}}

# Tests shorten the backoff of chunk retries after a storage error.
CERT_XBLOCK_BATCH_RETRY_SECONDS = int(os.environ.get("CERT_XBLOCK_BATCH_RETRY_SECONDS", "10"))

# Several worker processes write to one sqlite file: WAL lets them read while one writes, and commits without
# waiting for each fsync (MySQL in production has neither problem).
DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"  # noqa: F405
