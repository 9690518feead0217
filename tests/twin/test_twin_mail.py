"""The twin's mail behaves like edx-ace's Django email channel: an SMTP refusal is reported, never raised."""
from __future__ import annotations

import logging

from cert_xblock.platform.twin import mail
from tests.plugin.refusing_smtp import refusing_smtp_server


def message(name: str = "certificateissued") -> mail.Message:
    context = {"subject": "S", "greeting": "G", "message": "M", "from_name": "F", "language": "en"}
    return mail.MessageType(app_label="cert_xblock", name=name, context=context).personalize(
        mail.Recipient(7, "ines@example.org"), "en", {})


def sent_ids(send) -> list[str]:
    ids: list[str] = []

    def on_sent(sender, message, **kwargs):
        ids.append(message["uuid"])

    mail.message_sent.connect(on_sent, weak=False)
    try:
        send()
    finally:
        mail.message_sent.disconnect(on_sent)
    return ids


def test_an_smtp_refusal_is_reported_not_raised_and_no_delivery_is_signalled(settings, caplog):
    with refusing_smtp_server() as port:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
        with caplog.at_level(logging.WARNING, logger="cert_xblock.platform.twin.mail"):
            assert sent_ids(lambda: mail.send(message())) == []
    assert "django_email_error" in caplog.text and "554" in caplog.text


def test_a_missing_template_is_reported_not_raised(settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with caplog.at_level(logging.WARNING, logger="cert_xblock.platform.twin.mail"):
        assert sent_ids(lambda: mail.send(message("nosuchmessage"))) == []
    assert "template_error" in caplog.text


def test_a_delivered_message_is_signalled_with_its_own_id(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    email = message()
    assert sent_ids(lambda: mail.send(email)) == [str(email.uuid)]
