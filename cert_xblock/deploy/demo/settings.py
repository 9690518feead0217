"""Settings of the demo and the tests: the XBlock SDK workbench plus cert_xblock and the standalone twin.

Everything is local: sqlite under ``CERT_XBLOCK_VAR`` (default ``./var``), certificates on the local file
system. cert_xblock's own settings come from its plugin settings, applied exactly as the LMS applies them.
"""
import os
import sys
from pathlib import Path

from workbench.settings import *  # noqa: F403 - the workbench is the host project here

from cert_xblock.credentials.keys import demo_key
from cert_xblock.settings.common import plugin_settings

# Django's debug pages (tracebacks, settings, every URL pattern) only for a developer who asks for them: a learner
# who triggers an error sees a plain page. The workbench turns DEBUG on; the demo serves static files itself (urls).
DEBUG = os.environ.get("CERT_XBLOCK_DEBUG", "") == "1"
for _template in TEMPLATES:  # noqa: F405
    _template.setdefault("OPTIONS", {})["debug"] = DEBUG
VAR_DIR = Path(os.environ.get("CERT_XBLOCK_VAR", "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)

INSTALLED_APPS = [*INSTALLED_APPS, "cert_xblock", "cert_xblock.platform.twin"]  # noqa: F405
ROOT_URLCONF = "cert_xblock.deploy.demo.urls"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("CERT_XBLOCK_DB", str(VAR_DIR / "demo.db")),
        # Concurrent clicks queue for the write lock instead of failing with "database is locked".
        "OPTIONS": {"timeout": 30, "transaction_mode": "IMMEDIATE"},
        "TEST": {"NAME": str(VAR_DIR / "test.db")},
    }
}
if os.environ.get("CERT_XBLOCK_MARIADB"):
    # MariaDB (or MySQL) at host:port, as the LMS runs it; the test command starts a throw-away server.
    _host, _port = os.environ["CERT_XBLOCK_MARIADB"].rsplit(":", 1)
    _name = os.environ.get("CERT_XBLOCK_DB", "cert_xblock")
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.mysql",
            "NAME": _name,
            "HOST": _host,
            "PORT": _port,
            "USER": os.environ.get("CERT_XBLOCK_MARIADB_USER", "root"),
            "PASSWORD": os.environ.get("CERT_XBLOCK_MARIADB_PASSWORD", ""),
            "OPTIONS": {"charset": "utf8mb4"},
            "TEST": {"NAME": f"test_{_name}", "CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
MEDIA_ROOT = str(VAR_DIR / "media")
USE_TZ = True
TIME_ZONE = "UTC"
SECRET_KEY = os.environ.get("CERT_XBLOCK_SECRET_KEY", "cert-xblock-demo-only-not-secret")
LMS_ROOT_URL = os.environ.get("CERT_XBLOCK_SITE_ROOT", "http://127.0.0.1:8000")
CERT_XBLOCK_PLATFORM = "twin"
# The workbench shows both the learner's view and Studio's editor; "lms" makes it refuse Studio's handlers to
# everyone, as the LMS does (cert_xblock.core.permissions).
SERVICE_VARIANT = os.environ.get("CERT_XBLOCK_SERVICE_VARIANT", "workbench")
CERT_XBLOCK_TWIN_COURSE = "course-v1:DemoX+CERT101+2026"
# The key signing the demo's Open Badges credentials, made once in the var folder (cert_xblock.credentials).
CERT_XBLOCK_CREDENTIAL_KEY = os.environ.get("CERT_XBLOCK_CREDENTIAL_KEY") or demo_key(VAR_DIR)
# The emails the demo sends are kept as files, listed at /twin/mail/ (cert_xblock.deploy.demo.pages).
EMAIL_BACKEND = os.environ.get("CERT_XBLOCK_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
# The platform's sign-in page, as the demo stands in for it (the block's sign-in link adds ``next``).
LOGIN_URL = "/twin/login/"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": sys.stderr}},
    "loggers": {"cert_xblock": {"handlers": ["console"], "level": "INFO"}},
}

# Celery, read without a namespace as the LMS's celery app reads it (cert_xblock/deploy/demo/celery.py).
BROKER_URL = os.environ.get("CERT_XBLOCK_BROKER_URL", "memory://")
# Seconds before a message a dead worker never acknowledged is delivered again (Redis keeps it meanwhile),
# and how often workers look for such messages (kombu's default sweep is every 100 s).
BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CERT_XBLOCK_BROKER_VISIBILITY_TIMEOUT", "3600")),
    "unacked_restore_interval": int(os.environ.get("CERT_XBLOCK_BROKER_RESTORE_SECONDS", "10")),
    "unacked_restore_throttle": 1 if "CERT_XBLOCK_BROKER_RESTORE_SECONDS" in os.environ else 10,
}
CELERYD_PREFETCH_MULTIPLIER = 1
CERT_XBLOCK_BATCH_INTERVAL_SECONDS = int(os.environ.get("CERT_XBLOCK_BATCH_INTERVAL_SECONDS", "300"))
CERT_XBLOCK_BATCH_CHUNK_SIZE = int(os.environ.get("CERT_XBLOCK_BATCH_CHUNK_SIZE", "200"))
CERT_XBLOCK_BATCH_LEASE_SECONDS = int(os.environ.get("CERT_XBLOCK_BATCH_LEASE_SECONDS", "1800"))

plugin_settings(sys.modules[__name__])
