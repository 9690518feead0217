"""The demo settings with certificates in S3, configured the way an operator does: only ``CERT_XBLOCK_STORAGE``,
which the plugin settings complete (signed links, their lifetime, PDF content type, upload tuning).

Used by the S3, batch and benchmark processes: ``CERT_XBLOCK_S3_ENDPOINT`` (moto_server's URL) and
``CERT_XBLOCK_S3_BUCKET`` come from the environment.
"""
import os
import sys

from cert_xblock.deploy.demo.settings import *  # noqa: F403
from cert_xblock.settings.common import certificate_storages

CERT_XBLOCK_STORAGE = {
    "BACKEND": "storages.backends.s3.S3Storage",
    "OPTIONS": {
        "bucket_name": os.environ["CERT_XBLOCK_S3_BUCKET"],
        "endpoint_url": os.environ["CERT_XBLOCK_S3_ENDPOINT"],
        "access_key": "testing",
        "secret_key": "testing",
        "region_name": "us-east-1",
    },
}
STORAGES = certificate_storages(sys.modules[__name__])

# Tests shorten the backoff of chunk retries after a storage error.
CERT_XBLOCK_BATCH_RETRY_SECONDS = int(os.environ.get("CERT_XBLOCK_BATCH_RETRY_SECONDS", "10"))

# Several worker processes write to one sqlite file: WAL lets them read while one writes, and commits without
# waiting for each fsync (MariaDB, like MySQL in production, has neither problem).
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"  # noqa: F405
