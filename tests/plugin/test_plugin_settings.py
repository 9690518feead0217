"""``plugin_settings`` on a bare settings object, as the LMS's common and production passes apply it."""
from __future__ import annotations

from types import SimpleNamespace

from cert_xblock.settings import common, production

# Beside MEDIA_ROOT, never in it: the LMS's web server publishes MEDIA_ROOT.
LOCAL = {"BACKEND": "cert_xblock.storage.PrivateFileSystemStorage", "OPTIONS": {"location": "/srv/cert_xblock_private"}}


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
