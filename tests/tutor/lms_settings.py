"""The plugin's test settings project with the operator's values from a YAML file Tutor rendered.

``lms/envs/production.py`` applies each plugin's common pass (at the end of ``lms/envs/common.py``), loads every
key of ``LMS_CFG`` (Tutor's ``lms.env.yml``) over the settings, then applies the production pass; Tutor's own
Python settings come after all that. This module replays the three steps on the shape of
``tests.plugin.project_settings`` (apps through edx-django-utils' plugin machinery, the twin for the platform),
loading the ``CERT_XBLOCK_*`` keys of the file named by ``CERT_XBLOCK_TUTOR_YAML`` in place of the project's own
operator values. ``CERT_XBLOCK_TEST_PROJECT`` picks the LMS (``lms.env.yml``) or Studio (``cms.env.yml``).
"""
import os
from pathlib import Path

import yaml
from edx_django_utils.plugins import add_plugins

# The project's settings that the plugin does not touch; importing the module runs its own passes on itself only.
from tests.plugin.project_settings import (  # noqa: F401 - Django reads them from this module
    ALLOWED_HOSTS,
    BROKER_URL,
    CELERY_ALWAYS_EAGER,
    CERT_XBLOCK_PLATFORM,
    CERT_XBLOCK_TWIN_PROJECT_TYPE,
    DATABASES,
    DEBUG,
    DEFAULT_AUTO_FIELD,
    EMAIL_BACKEND,
    EMAIL_FILE_PATH,
    INSTALLED_APPS,
    LMS_ROOT_URL,
    MEDIA_ROOT,
    MIDDLEWARE,
    PROJECT_TYPE,
    ROOT_URLCONF,
    SECRET_KEY,
    TIME_ZONE,
    USE_TZ,
)

add_plugins(__name__, PROJECT_TYPE, "common")
_YAML_TOKENS = yaml.safe_load(Path(os.environ["CERT_XBLOCK_TUTOR_YAML"]).read_text(encoding="utf-8"))
vars().update({key: value for key, value in _YAML_TOKENS.items() if key.startswith("CERT_XBLOCK_")})
add_plugins(__name__, PROJECT_TYPE, "production")
