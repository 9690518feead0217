"""``plugin_settings`` on a bare settings object, as the LMS's common and production passes apply it."""
from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from cert_xblock.settings import common, production

# Beside MEDIA_ROOT, never in it: the LMS's web server publishes MEDIA_ROOT.
LOCAL = {"BACKEND": "cert_xblock.records.storage.PrivateFileSystemStorage",
         "OPTIONS": {"location": "/srv/cert_xblock_private"}}


def lms_settings(**values) -> SimpleNamespace:
    return SimpleNamespace(MEDIA_ROOT="/srv/media", LMS_ROOT_URL="https://lms.example.org", **values)


def test_defaults_keep_what_the_operator_set_and_store_privately():
    settings = lms_settings(CERT_XBLOCK_EMAIL_ENABLED=False)
    common.plugin_settings(settings)
    assert settings.CERT_XBLOCK_EMAIL_ENABLED is False
    assert settings.STORAGES["cert_xblock"] == LOCAL
    assert settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert not hasattr(settings, "OPEN_EDX_FILTERS_CONFIG")


def test_an_operators_own_storages_entry_is_kept():
    own = {"BACKEND": "myorg.storage.Vault", "OPTIONS": {"path": "certs"}}
    settings = lms_settings(STORAGES={"cert_xblock": own})
    production.plugin_settings(settings)
    assert settings.STORAGES["cert_xblock"] == own


def test_the_bridge_setting_adds_the_filter_step_once_across_both_passes():
    settings = lms_settings(CERT_XBLOCK_PLATFORM_BRIDGE=True)
    common.plugin_settings(settings)
    production.plugin_settings(settings)
    assert settings.OPEN_EDX_FILTERS_CONFIG == {common.CERTIFICATE_RENDER_STARTED: {
        "fail_silently": True, "pipeline": [common.BRIDGE_STEP]}}


def lms_passes(settings: SimpleNamespace, **operator_yaml) -> SimpleNamespace:
    """As the LMS applies a plugin: the common pass, the operator's YAML over the settings, the production pass."""
    common.plugin_settings(settings)
    for name, value in operator_yaml.items():
        setattr(settings, name, value)
    production.plugin_settings(settings)
    return settings


def test_an_interval_set_in_the_operators_yaml_reaches_the_beat_schedule():
    settings = lms_passes(lms_settings(CELERYBEAT_SCHEDULE={"lms.other": {"task": "x", "schedule": 5}}),
                          CERT_XBLOCK_BATCH_INTERVAL_SECONDS=45)
    assert settings.CELERYBEAT_SCHEDULE["cert_xblock.dispatch_due_batches"] == {
        "task": "cert_xblock.tasks.dispatch_due_batches", "schedule": timedelta(seconds=45)}
    assert settings.CELERYBEAT_SCHEDULE["lms.other"] == {"task": "x", "schedule": 5}


def test_a_media_root_set_in_the_yaml_moves_the_local_certificate_storage():
    settings = lms_passes(lms_settings(), MEDIA_ROOT="/data/openedx/media")
    assert settings.STORAGES["cert_xblock"]["OPTIONS"]["location"] == "/data/openedx/cert_xblock_private"


def test_a_files_root_set_in_the_yaml_is_where_certificates_are_kept():
    settings = lms_passes(lms_settings(), CERT_XBLOCK_FILES_ROOT="/openedx/media-private/cert_xblock")
    assert settings.STORAGES["cert_xblock"] == {"BACKEND": "cert_xblock.records.storage.PrivateFileSystemStorage",
                                                "OPTIONS": {"location": "/openedx/media-private/cert_xblock"}}


def test_a_link_lifetime_set_in_the_yaml_reaches_the_operators_own_s3_entry():
    own = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"bucket_name": "certs"}}
    settings = lms_passes(lms_settings(STORAGES={"cert_xblock": own}), CERT_XBLOCK_DOWNLOAD_LINK_SECONDS=60)
    assert settings.STORAGES["cert_xblock"]["OPTIONS"]["querystring_expire"] == 60
    assert own == {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"bucket_name": "certs"}}


def test_a_bridge_turned_on_in_the_yaml_joins_the_filter_pipeline():
    settings = lms_passes(lms_settings(), CERT_XBLOCK_PLATFORM_BRIDGE=True)
    assert settings.OPEN_EDX_FILTERS_CONFIG[common.CERTIFICATE_RENDER_STARTED]["pipeline"] == [common.BRIDGE_STEP]
