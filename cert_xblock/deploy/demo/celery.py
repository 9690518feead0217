"""The demo's Celery app, configured the way the LMS configures its own.

The LMS builds one app from Django settings without a namespace (``CELERYBEAT_SCHEDULE``, ``BROKER_URL``)
and autodiscovers every installed app's ``tasks`` module; this app does the same over the demo settings,
so ``celery -A cert_xblock.deploy.demo.celery worker`` and ``... beat`` run the batch as the LMS would.
"""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cert_xblock.deploy.demo.settings")

app = Celery("cert_xblock_demo")
app.config_from_object("django.conf:settings")
app.autodiscover_tasks()
