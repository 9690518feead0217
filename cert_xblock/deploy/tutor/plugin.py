"""cert_xblock's Tutor plugin: ``pip install "cert-xblock[tutor]"``, then ``tutor plugins enable cert_xblock``.

Written against Tutor's v1 plugin API (``tutor.hooks``, Tutor 22). It adds the package and the fonts for every
script to the ``openedx`` image, gives the LMS and Studio the plugin's settings, runs one Celery beat next to
the LMS workers, and creates a private certificates bucket when the ``minio`` plugin runs.

The settings go into the LMS's and Studio's YAML (the ``lms-env`` and ``cms-env`` patches), not into Tutor's
Python settings patches: the LMS loads its YAML between the plugin's common and production settings passes
(``lms/envs/production.py``), while Tutor's Python settings run after both (``from lms.envs.production import
*``), too late for what the plugin derives from a setting (its beat entry, the ``cert_xblock`` storage).
"""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from tutor import hooks
from tutor import plugins as tutor_plugins

from cert_xblock import __version__
from cert_xblock.credentials.keys import new_secret
from cert_xblock.rendering.font_packages import DEBIAN_FONT_PACKAGES
from cert_xblock.settings.common import plugin_settings

NAME = "cert_xblock"
HERE = Path(__file__).parent
PATCHES = HERE / "patches"

# The Django settings the plugin hands over as they are: the Tutor config key is the setting's own name.
PASSED_SETTINGS = (
    "CERT_XBLOCK_EMAIL_ENABLED",
    "CERT_XBLOCK_BATCH_INTERVAL_SECONDS",
    "CERT_XBLOCK_BATCH_CHUNK_SIZE",
    "CERT_XBLOCK_DOWNLOAD_LINK_SECONDS",
    "CERT_XBLOCK_PLATFORM_BRIDGE",
)
# The schedule file lives in /tmp: a beat that lost it only runs the batch dispatcher once at start, which is
# harmless (the dispatcher claims due blocks in the database).
BEAT_COMMAND = ["celery", "--app=lms.celery", "beat", "--loglevel=info", "--schedule=/tmp/celerybeat-schedule"]


def plugin_defaults() -> dict[str, Any]:
    """The plugin's own defaults of ``PASSED_SETTINGS``, as its settings module gives them to an empty project."""
    project = SimpleNamespace()
    plugin_settings(project)
    return {name: getattr(project, name) for name in PASSED_SETTINGS}


CONFIG_DEFAULTS: dict[str, Any] = {
    "CERT_XBLOCK_VERSION": __version__,
    # What the image's pip installs; a git URL or a local wheel work too. Empty: install it some other way.
    "CERT_XBLOCK_PIP_REQUIREMENT": "cert-xblock=={{ CERT_XBLOCK_VERSION }}",
    "CERT_XBLOCK_FONT_PACKAGES": list(DEBIAN_FONT_PACKAGES),
    # Tutor runs no Celery beat; turn this off where the deployment already runs one for the LMS.
    "CERT_XBLOCK_RUN_BEAT": True,
    "CERT_XBLOCK_BEAT_COMMAND": BEAT_COMMAND,
    "CERT_XBLOCK_SITE_ROOT": '{{ "https" if ENABLE_HTTPS else "http" }}://{{ LMS_HOST }}',
    # Local storage (no bucket): shared by the LMS and its workers under docker compose; use S3 on Kubernetes.
    "CERT_XBLOCK_FILES_ROOT": "/openedx/media-private/cert_xblock",
    # S3 storage when a bucket is named; with the minio plugin, a private bucket of its own on MinIO.
    "CERT_XBLOCK_S3_BUCKET_NAME": "{% if 'minio' in PLUGINS %}openedxcertificates{% endif %}",
    # Empty: AWS itself, or MinIO's public host with the minio plugin (presigned links must work in browsers).
    "CERT_XBLOCK_S3_ENDPOINT_URL": "",
    "CERT_XBLOCK_S3_REGION_NAME": "",
    **plugin_defaults(),
}

hooks.Filters.CONFIG_DEFAULTS.add_items(list(CONFIG_DEFAULTS.items()))
# The key signing the Open Badges credentials (cert_xblock.credentials): made on the first `tutor config save` and
# kept in config.yml from then on, like Tutor's own secrets. Rotate by setting a new one and listing the old public
# key in CERT_XBLOCK_CREDENTIAL_RETIRED_KEYS (docs/credentials.md).
hooks.Filters.CONFIG_UNIQUE.add_items([("CERT_XBLOCK_CREDENTIAL_KEY", new_secret())])
hooks.Filters.CONFIG_DEFAULTS.add_items([("CERT_XBLOCK_CREDENTIAL_RETIRED_KEYS", [])])

hooks.Filters.ENV_PATCHES.add_items([(path.name, path.read_text(encoding="utf-8"))
                                     for path in sorted(PATCHES.iterdir()) if path.is_file()])
# The same settings for the LMS and for Studio (whose previews print the same links and read the same storage).
_SETTINGS_YAML = (HERE / "openedx-env.yml").read_text(encoding="utf-8")
hooks.Filters.ENV_PATCHES.add_items([("lms-env", _SETTINGS_YAML), ("cms-env", _SETTINGS_YAML)])


@hooks.Actions.PLUGINS_LOADED.add()
def _create_the_certificates_bucket_in_minio() -> None:
    """With the minio plugin, ``tutor local do init`` creates the certificates bucket (a job of the minio service).

    Added once every plugin is loaded, because the ``minio`` service exists only when its plugin is enabled.
    """
    if tutor_plugins.is_loaded("minio"):
        with hooks.Contexts.app(NAME).enter():
            hooks.Filters.CLI_DO_INIT_TASKS.add_item(("minio", (HERE / "tasks" / "minio-init").read_text()))
