"""The LMS side of the email seam against the real edx-ace: our templates render and its email channel sends."""
from __future__ import annotations

import pytest
from django.core import mail

from cert_xblock import compat
from cert_xblock.notifications import MESSAGE_NAME, message_context
from cert_xblock.resources import asset_dir
from tests.verify.conftest import issued  # noqa: F401 - the fixture: real certificates

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def ace_settings(settings):
    """edx-ace's Django email channel; templates found where the installed wheel puts them (an app's templates/)."""
    settings.TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates",
                           "DIRS": [str(asset_dir("templates"))], "OPTIONS": {}}]
    settings.ACE_ENABLED_CHANNELS = ["django_email"]
    settings.ACE_CHANNEL_DEFAULT_EMAIL = settings.ACE_CHANNEL_TRANSACTIONAL_EMAIL = "django_email"
    settings.ACE_ENABLED_POLICIES = []
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DEFAULT_FROM_EMAIL = "certificates@lms.example.org"


def test_edx_ace_renders_our_templates_and_sends_the_email(ace_settings, issued):  # noqa: F811
    mail.outbox.clear()
    certificate = issued.valid
    compat._lms_send_message(certificate.user_id, "vera@example.org", "en", MESSAGE_NAME,
                             message_context(certificate))
    [email] = mail.outbox
    assert (email.to, email.from_email) == (["vera@example.org"], "certificates@lms.example.org")
    assert email.subject == "Your certificate for Verification in Practice is ready"
    assert f"/certificates/verify/{certificate.verify_id}" in email.body
    assert "Congratulations! Verify University has issued your certificate" in email.alternatives[0][0]
