"""Email fixtures: edx-ace's real library behind the seam, and Django's SMTP backend aimed at a refusing server."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from cert_xblock.core.resources import asset_dir
from cert_xblock.platform import backend as seam_backend
from cert_xblock.platform.lms import _lms_messages
from tests.plugin.refusing_smtp import refusing_smtp_server


@pytest.fixture
def edx_ace(settings, monkeypatch) -> None:
    """The seam's messages go through the real edx-ace and its Django email channel, as in the LMS.

    Templates are found as the LMS finds an installed plugin's: through Django's template loader.
    """
    settings.TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates",
                           "DIRS": [str(asset_dir("templates"))], "OPTIONS": {}}]
    settings.ACE_ENABLED_CHANNELS = ["django_email"]
    settings.ACE_CHANNEL_DEFAULT_EMAIL = settings.ACE_CHANNEL_TRANSACTIONAL_EMAIL = "django_email"
    settings.ACE_ENABLED_POLICIES = []
    settings.DEFAULT_FROM_EMAIL = "certificates@lms.example.org"
    backend = replace(seam_backend.current(), messages=_lms_messages())
    monkeypatch.setattr(seam_backend, "current", lambda: backend)


@pytest.fixture
def refusing_smtp(settings) -> Iterator[int]:
    """Django's real SMTP backend, pointed at a server on 127.0.0.1 that refuses every email."""
    with refusing_smtp_server() as port:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
        yield port


@pytest.fixture
def eager_worker() -> Iterator[None]:
    """The email task runs in process (retries included): these tests are about the retry logic, not the broker."""
    from cert_xblock.notifications.email import send_issue_email

    conf = send_issue_email.app.conf
    saved = conf.task_always_eager
    conf.task_always_eager = True
    yield
    conf.task_always_eager = saved
