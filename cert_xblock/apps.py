"""The Django app behind the block, installed in the LMS and Studio as an Open edX plugin.

``plugin_app`` tells edx-django-utils' plugin machinery where the URLs, settings and signal receivers
are; operators only ``pip install`` the package. The LMS serves the verify pages and the REST API and
sends the issue email; Studio only listens for ``course_published`` to refresh the blocks' settings copy.
"""
from django.apps import AppConfig

_SETTINGS = {
    "common": {"relative_path": "settings.common"},
    "production": {"relative_path": "settings.production"},
}
_ISSUED_RECEIVER = {
    "receiver_func_name": "on_certificate_issued",
    "signal_path": "cert_xblock.issuing.signals.certificate_issued",
    "dispatch_uid": "cert_xblock.receivers.on_certificate_issued",
}
# The platform's retirement signals, through the seam (the LMS's in the LMS, the twin's elsewhere).
_RETIREMENT_RECEIVERS = [{
    "receiver_func_name": receiver,
    "signal_path": f"cert_xblock.platform.retirement.{signal}",
    "dispatch_uid": f"cert_xblock.receivers.{receiver}",
} for receiver, signal in (("on_retire_mailings", "USER_RETIRE_MAILINGS"),
                           ("on_retire_lms_critical", "USER_RETIRE_LMS_CRITICAL"))]


class CertXBlockConfig(AppConfig):
    name = "cert_xblock"
    label = "cert_xblock"
    verbose_name = "Certificate XBlock"
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        "url_config": {
            "lms.djangoapp": {"namespace": "cert_xblock", "regex": r"^", "relative_path": "web.urls"},
        },
        "settings_config": {"lms.djangoapp": _SETTINGS, "cms.djangoapp": _SETTINGS},
        "signals_config": {
            "lms.djangoapp": {"relative_path": "notifications.receivers",
                              "receivers": [_ISSUED_RECEIVER, *_RETIREMENT_RECEIVERS]},
            "cms.djangoapp": {"relative_path": "config.receivers", "receivers": [{
                "receiver_func_name": "on_course_published",
                # The module-level alias of SignalHandler.course_published (an import path must end in a name).
                "signal_path": "xmodule.modulestore.django.COURSE_PUBLISHED",
                "dispatch_uid": "cert_xblock.receivers.on_course_published",
            }]},
        },
    }

    def ready(self) -> None:
        # Workers find the tasks by name, and the LMS's autodiscovery only imports a top-level ``tasks`` module, so
        # every module defining a task is imported here; checks, email and the filters step also register their
        # start-up system checks.
        from cert_xblock.config import sync  # noqa: F401
        from cert_xblock.credentials import checks as credential_checks  # noqa: F401
        from cert_xblock.issuing.batch import tasks  # noqa: F401
        from cert_xblock.notifications import email  # noqa: F401
        from cert_xblock.records import checks  # noqa: F401
        from cert_xblock.web import filters  # noqa: F401
