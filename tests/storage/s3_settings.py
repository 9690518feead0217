"""The demo settings as an operator would change them for S3: only ``CERT_XBLOCK_STORAGE`` (read from env here)."""
import os
import sys

from cert_xblock.demo.settings import *  # noqa: F403
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
