"""The batch tests' S3 settings, reached the way an operator configures S3: only ``CERT_XBLOCK_STORAGE``, which
the plugin settings then complete (signed links, their lifetime, PDF content type)."""
import sys

from cert_xblock.settings.common import certificate_storages
from tests.batch.s3_settings import *  # noqa: F403 - demo settings + CERT_XBLOCK_S3_BUCKET / _ENDPOINT from env

CERT_XBLOCK_STORAGE = STORAGES["cert_xblock"]  # noqa: F405
STORAGES = certificate_storages(sys.modules[__name__])
