"""A settings project shaped like the LMS's and Studio's: cert_xblock arrives only through the plugin machinery.

``CERT_XBLOCK_TEST_PROJECT`` picks ``lms.djangoapp`` or ``cms.djangoapp``. Apps come from
``get_plugin_apps``, settings from ``add_plugins`` (common, then production, as the LMS applies them), URLs
from ``get_plugin_url_patterns`` and signal receivers from ``connect_plugin_receivers`` (which the twin
calls in ``ready`` the way the platform's plugins app does). A broken entry point, settings module, URL
module or receiver path breaks this project, and the tests that run it.
"""
import os
import sys
from pathlib import Path

from edx_django_utils.plugins import add_plugins, get_plugin_apps

PROJECT_TYPE = os.environ.get("CERT_XBLOCK_TEST_PROJECT", "lms.djangoapp")
VAR = Path(os.environ.get("CERT_XBLOCK_VAR", "var")).resolve()
VAR.mkdir(parents=True, exist_ok=True)
if PROJECT_TYPE == "cms.djangoapp":
    # Studio's xmodule, reduced to the signal the plugin listens to (the twin plays the rest of the platform).
    sys.path.insert(0, str(Path(__file__).resolve().parent / "platform_stub"))

SECRET_KEY = "plugin-machinery-test-only"
DEBUG = False
ALLOWED_HOSTS = ["*"]
USE_TZ = True
TIME_ZONE = "UTC"
LMS_ROOT_URL = "https://lms.example.org"
MEDIA_ROOT = str(VAR / "media")
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "cert_xblock.platform.twin",
    *get_plugin_apps(PROJECT_TYPE),
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "tests.plugin.project_urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(VAR / f"{PROJECT_TYPE}.db")}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = str(VAR / "mail")
CERT_XBLOCK_PLATFORM = "twin"
CERT_XBLOCK_TWIN_PROJECT_TYPE = PROJECT_TYPE
# The LMS's celery app reads these without a namespace. With a broker in the environment a real worker runs the
# tasks; without one they run in process.
BROKER_URL = os.environ.get("CERT_XBLOCK_BROKER_URL", "memory://")
CELERY_ALWAYS_EAGER = BROKER_URL == "memory://"

add_plugins(__name__, PROJECT_TYPE, "common")
# An operator's production values, read from YAML before the production pass in the LMS.
CERT_XBLOCK_DOWNLOAD_LINK_SECONDS = 120
CERT_XBLOCK_BATCH_INTERVAL_SECONDS = 90
CERT_XBLOCK_STORAGE = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"bucket_name": "certificates"}}
add_plugins(__name__, PROJECT_TYPE, "production")
