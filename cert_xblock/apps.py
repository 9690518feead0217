"""The Django app behind the block, installed in the LMS and Studio as an Open edX plugin.

``plugin_app`` tells edx-django-utils' plugin machinery where the URLs, settings and signal receivers
are; operators only ``pip install`` the package.
"""
from django.apps import AppConfig


class CertXBlockConfig(AppConfig):
    name = "cert_xblock"
    label = "cert_xblock"
    verbose_name = "Certificate XBlock"
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        "url_config": {
            "lms.djangoapp": {"namespace": "cert_xblock", "regex": r"^", "relative_path": "urls"},
        },
        "settings_config": {
            "lms.djangoapp": {
                "common": {"relative_path": "settings.common"},
                "production": {"relative_path": "settings.production"},
            },
            "cms.djangoapp": {
                "common": {"relative_path": "settings.common"},
                "production": {"relative_path": "settings.production"},
            },
        },
    }

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects signal receivers)
