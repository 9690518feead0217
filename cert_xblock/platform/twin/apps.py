"""Django app of the standalone twin."""
from django.apps import AppConfig


class TwinConfig(AppConfig):
    name = "cert_xblock.platform.twin"
    label = "cert_xblock_twin"
    verbose_name = "cert_xblock standalone platform twin"
    default_auto_field = "django.db.models.AutoField"

    def ready(self) -> None:
        """Connect plugin signal receivers, as the platform's own plugins app does in the LMS and Studio."""
        from django.conf import settings
        from edx_django_utils.plugins import connect_plugin_receivers

        connect_plugin_receivers(getattr(settings, "CERT_XBLOCK_TWIN_PROJECT_TYPE", "lms.djangoapp"))
