"""The demo settings for the email test with a real worker: Redis from the environment, mail written to files
by a server that times out the first ``CERT_XBLOCK_TEST_MAIL_FAILURES`` times, one second between retries."""
import os

from cert_xblock.deploy.demo.celery import app as celery_app  # noqa: F401 - the web process publishes through it, as the LMS's does
from cert_xblock.deploy.demo.settings import *  # noqa: F403

EMAIL_BACKEND = "tests.plugin.flaky_mail.FlakyFileBackend"
EMAIL_FILE_PATH = os.path.join(os.environ["CERT_XBLOCK_VAR"], "mail")
CERT_XBLOCK_EMAIL_RETRY_SECONDS = 1
