"""Messages: an email to one learner through edx-ace (the twin's mail outbox in the demo), counted as sent only
when a channel delivered it.
"""
from __future__ import annotations

from typing import Any

from cert_xblock.platform import backend


class MessageNotSent(RuntimeError):
    """The message channel did not take the email: a template is missing, or the channel reported a failure."""


MESSAGE_FILES = ("from_name.txt", "subject.txt", "head.html", "body.html", "body.txt")


def missing_message_templates(name: str) -> list[str]:
    """The templates of message ``name`` that the platform's template engines cannot find (edx-ace's paths)."""
    from django.template import TemplateDoesNotExist

    missing = []
    for filename in MESSAGE_FILES:
        path = f"cert_xblock/edx_ace/{name}/email/{filename}"
        try:
            backend.current().messages.get_template(path)
        except TemplateDoesNotExist:
            missing.append(path)
    return missing


def send_message(user_id: int, email: str, language: str, name: str, context: dict[str, Any]) -> None:
    """An email to one learner in their language through edx-ace (the twin in the demo). Raises ``MessageNotSent``.

    ``ace.send`` returns normally when a template is missing or the channel fails (SMTP refused: edx-ace's
    ``FatalChannelDeliveryError``); both only reach monitoring (edx_ace/ace.py). So the templates are checked
    first, and the email counts as sent only when edx-ace's ``ACE_MESSAGE_SENT`` fired for this very message,
    which it does after a channel delivered it (edx_ace/delivery.py).
    """
    missing = missing_message_templates(name)
    if missing:
        raise MessageNotSent(f"missing templates: {', '.join(missing)}")
    messages = backend.current().messages
    message_type = messages.MessageType(context=context, app_label="cert_xblock", name=name)
    email_message = message_type.personalize(messages.Recipient(user_id, email), language, {})
    email_message.headers["Content-Language"] = language
    delivered: list[str] = []

    def on_sent(sender: Any, message: dict[str, Any], **kwargs: Any) -> None:
        delivered.append(message.get("uuid", ""))

    messages.message_sent.connect(on_sent, weak=False)
    try:
        messages.send(email_message)
    finally:
        messages.message_sent.disconnect(on_sent)
    if str(email_message.uuid) not in delivered:
        raise MessageNotSent("no channel delivered the email; edx-ace reported why to monitoring")

