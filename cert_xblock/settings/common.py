"""Defaults for every setting cert_xblock reads, applied by the Open edX plugin machinery.

Operators override them in their LMS/Studio settings (or YAML); the demo and test settings call
``plugin_settings`` the same way, so there is one list of settings and one list of defaults.
"""
from __future__ import annotations

from datetime import timedelta
from typing import Any

# openedx-filters' CertificateRenderStarted, and our step in its pipeline (see cert_xblock.web.filters).
CERTIFICATE_RENDER_STARTED = "org.openedx.learning.certificate.render.started.v1"
BRIDGE_STEP = "cert_xblock.web.filters.PlatformCertificateBridge"
BEAT_ENTRY = "cert_xblock.dispatch_due_batches"
# What the previous pass completed the certificate storage from, and what it made of it (see certificate_storages).
_STORAGE_PASS = "_CERT_XBLOCK_STORAGE_PASS"


def plugin_settings(settings: Any) -> None:
    """Set cert_xblock's defaults on a Django settings module, keeping what the operator already set, and build
    what derives from them (beat entry, storage, filter pipeline) from the values as they are now."""
    defaults = {
        # Root of the links printed on certificates; blank: LMS_ROOT_URL, read when a link is made (so an
        # operator's production value counts, not the one seen when the common settings were applied).
        "CERT_XBLOCK_SITE_ROOT": "",
        # The Ed25519 key signing Open Badges credentials (cert_xblock.credentials): a Multikey secret as
        # `cert_xblock_credential_key` prints it, or a PEM; and the public Multikeys of keys rotated out.
        "CERT_XBLOCK_CREDENTIAL_KEY": "",
        "CERT_XBLOCK_CREDENTIAL_RETIRED_KEYS": [],
        # "auto": edx-platform when importable, else the standalone twin; or "lms" / "twin".
        "CERT_XBLOCK_PLATFORM": "auto",
        # Verification look-ups per client (django-ratelimit rates): codes typed into the form, and verify pages.
        "CERT_XBLOCK_VERIFY_LOOKUP_RATE": "20/m",
        "CERT_XBLOCK_VERIFY_PAGE_RATE": "120/m",
        # Seconds a presigned download link stays valid (S3 storage).
        "CERT_XBLOCK_DOWNLOAD_LINK_SECONDS": 300,
        # Send the learner an email when a certificate is issued (a block setting can turn it off).
        "CERT_XBLOCK_EMAIL_ENABLED": True,
        # Seconds between beat ticks of the batch dispatcher.
        "CERT_XBLOCK_BATCH_INTERVAL_SECONDS": 300,
        # Learners per batch chunk task.
        "CERT_XBLOCK_BATCH_CHUNK_SIZE": 200,
        # Seconds a block's batch run keeps its lease without a chunk finishing; then another run may take over.
        "CERT_XBLOCK_BATCH_LEASE_SECONDS": 1800,
        # Base of the exponential backoff (seconds) before a chunk retries after a storage or database error.
        "CERT_XBLOCK_BATCH_RETRY_SECONDS": 10,
        # Send the platform's own certificate links to ours (openedx-filters pipeline step).
        "CERT_XBLOCK_PLATFORM_BRIDGE": False,
        # Folder of the PDFs on local storage: never under MEDIA_ROOT, which the LMS serves to anyone. Blank:
        # "cert_xblock_private" beside MEDIA_ROOT.
        "CERT_XBLOCK_FILES_ROOT": "",
        # Where PDFs are stored: None is the local file system (CERT_XBLOCK_FILES_ROOT); or a STORAGES entry, e.g.
        # {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"bucket_name": "...", ...}}.
        "CERT_XBLOCK_STORAGE": None,
        # Retries of a failed issue email (exponential backoff from CERT_XBLOCK_EMAIL_RETRY_SECONDS).
        "CERT_XBLOCK_EMAIL_MAX_RETRIES": 5,
        "CERT_XBLOCK_EMAIL_RETRY_SECONDS": 60,
        # Which plugin receivers the standalone twin connects, playing the LMS ("lms.djangoapp") or Studio.
        "CERT_XBLOCK_TWIN_PROJECT_TYPE": "lms.djangoapp",
    }
    for name, value in defaults.items():
        if not hasattr(settings, name):
            setattr(settings, name, value)
    # Everything below is built from settings the operator may set after this pass (the LMS applies the common
    # pass, loads the operator's YAML, then the production pass): each pass rebuilds it from the current values.
    # The LMS's celery app reads Django settings without a namespace; operators run `celery beat`. Studio gets
    # these passes too (the plugin is a cms.djangoapp for its publish receiver): a Studio beat must not dispatch
    # the batches a second time, so the entry is the LMS's alone (and the workbench demo's, which plays the LMS).
    schedule = dict(getattr(settings, "CELERYBEAT_SCHEDULE", {}) or {})
    if in_studio(settings):
        schedule.pop(BEAT_ENTRY, None)
    else:
        schedule[BEAT_ENTRY] = {"task": "cert_xblock.tasks.dispatch_due_batches",
                                "schedule": timedelta(seconds=settings.CERT_XBLOCK_BATCH_INTERVAL_SECONDS)}
    settings.CELERYBEAT_SCHEDULE = schedule
    settings.STORAGES = certificate_storages(settings)
    if settings.CERT_XBLOCK_PLATFORM_BRIDGE:
        settings.OPEN_EDX_FILTERS_CONFIG = with_platform_bridge(getattr(settings, "OPEN_EDX_FILTERS_CONFIG", {}))


def in_studio(settings: Any) -> bool:
    """Whether these are Studio's settings: ``SERVICE_VARIANT`` "cms", as the platform's Studio sets it (the LMS's
    is "lms"; code that must run in one of them only asks the same value, e.g. ``student/auth.py``)."""
    return getattr(settings, "SERVICE_VARIANT", None) == "cms"


def certificate_storages(settings: Any) -> dict[str, Any]:
    """``STORAGES`` with the ``cert_xblock`` alias: the operator's, else CERT_XBLOCK_STORAGE, else local files.

    An S3 backend is made safe for certificates whatever the operator wrote: signed, short-lived links
    only (``querystring_auth``), PDFs stored as ``application/pdf`` and never cached by a shared proxy.
    Objects are sent with no ACL (not the LMS's public-read AWS_DEFAULT_ACL): the bucket's private default applies.
    """
    from django.conf import global_settings

    storages = dict(getattr(settings, "STORAGES", None) or global_settings.STORAGES)
    # CERT_XBLOCK_STORAGE wins: the production pass must override the local default the common pass set.
    entry = settings.CERT_XBLOCK_STORAGE or storages.get("cert_xblock")
    source, built = getattr(settings, _STORAGE_PASS, (None, None))
    if built is not None and entry == built:
        # Our own completion from an earlier pass: complete its source again, so that a MEDIA_ROOT or a
        # CERT_XBLOCK_DOWNLOAD_LINK_SECONDS the operator set in between counts.
        entry = source
    source = entry
    if not entry:
        entry = {"BACKEND": "cert_xblock.records.storage.PrivateFileSystemStorage",
                 "OPTIONS": {"location": private_files_root(settings)}}
    if entry["BACKEND"].startswith("storages.backends.s3"):
        options = dict(entry.get("OPTIONS") or {})
        options["querystring_auth"] = True
        # The LMS sets AWS_DEFAULT_ACL = "public-read" and django-storages applies it to every upload, and a
        # custom (CDN) domain makes unsigned links: neither may reach a certificate, whatever the operator wrote.
        options["default_acl"] = None
        options["custom_domain"] = None
        options.setdefault("querystring_expire", settings.CERT_XBLOCK_DOWNLOAD_LINK_SECONDS)
        options.setdefault("signature_version", "s3v4")  # SigV2 links are refused by newer AWS regions
        # Names are unique per certificate (its verify id): no existence check before each upload.
        options.setdefault("file_overwrite", True)
        # A certificate is one small PUT: without this each upload starts and joins a pool of threads
        # (measured: the batch ran at 2.7x the plain-PUT floor with threads, 1.4x without).
        if "transfer_config" not in options:
            from boto3.s3.transfer import TransferConfig

            options["transfer_config"] = TransferConfig(use_threads=False)
        options["object_parameters"] = {**options.get("object_parameters", {}),
                                        "ContentType": "application/pdf", "CacheControl": "private, no-store"}
        entry = {**entry, "OPTIONS": options}
    storages["cert_xblock"] = entry
    setattr(settings, _STORAGE_PASS, (source, entry))
    return storages


def private_files_root(settings: Any) -> str:
    """The local folder of certificate PDFs: the operator's, else "cert_xblock_private" beside MEDIA_ROOT."""
    import os

    if getattr(settings, "CERT_XBLOCK_FILES_ROOT", ""):
        return str(settings.CERT_XBLOCK_FILES_ROOT)
    media_root = os.path.abspath(str(getattr(settings, "MEDIA_ROOT", "") or "media"))
    return os.path.join(os.path.dirname(media_root), "cert_xblock_private")


def with_platform_bridge(filters_config: dict[str, Any]) -> dict[str, Any]:
    """OPEN_EDX_FILTERS_CONFIG with our CertificateRenderStarted step added once (the platform bridge)."""
    config = dict(filters_config or {})
    entry = dict(config.get(CERTIFICATE_RENDER_STARTED) or {"fail_silently": True, "pipeline": []})
    if BRIDGE_STEP not in entry.get("pipeline", []):
        entry["pipeline"] = [*entry.get("pipeline", []), BRIDGE_STEP]
    config[CERTIFICATE_RENDER_STARTED] = entry
    return config
