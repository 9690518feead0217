"""The demo settings for the staff tests with a real worker: the web process publishes "issue now" through the
demo's Celery app (Redis from the environment), as the LMS publishes through its own."""
from cert_xblock.deploy.demo.celery import app as celery_app  # noqa: F401 - loaded so tasks publish through it
from cert_xblock.deploy.demo.settings import *  # noqa: F403
