"""Django app of the standalone twin."""
from django.apps import AppConfig


class TwinConfig(AppConfig):
    name = "cert_xblock.twin"
    label = "cert_xblock_twin"
    verbose_name = "cert_xblock standalone platform twin"
    default_auto_field = "django.db.models.AutoField"
