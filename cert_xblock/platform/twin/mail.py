"""Twin of edx-ace, the part of its surface ``platform.send_message`` calls, with its Django email channel.

As in edx-ace (edx_ace/ace.py, channel/django_email.py, delivery.py): ``send`` returns normally when a
template is missing or the mail server refuses with an SMTP error; both are only reported to monitoring
(``set_custom_attribute``) and logged. A delivered message fires ``message_sent`` (edx-ace's
``ACE_MESSAGE_SENT``) with the message's ids. Errors that are not SMTP errors (a closed port:
``ConnectionRefusedError``) escape ``send``, as they escape edx-ace's channel. Templates are read from the
package's ``templates/`` folder, where the LMS finds them through its app-directories template loader.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from smtplib import SMTPException
from typing import Any
from uuid import UUID, uuid4

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.dispatch import Signal
from django.template import Context, TemplateDoesNotExist
from django.utils import translation
from edx_django_utils.monitoring import set_custom_attribute

from cert_xblock.core.templating import get_template

log = logging.getLogger(__name__)
message_sent = Signal()


@dataclass(frozen=True)
class Recipient:
    lms_user_id: int
    email_address: str | None = None


@dataclass
class Message:
    """One personalized message, with edx-ace's ids: ``uuid`` its own, ``send_uuid`` its message type's."""

    app_label: str
    name: str
    recipient: Recipient
    language: str | None
    context: dict[str, Any]
    send_uuid: UUID
    uuid: UUID = field(default_factory=uuid4)
    options: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class MessageType:
    app_label: str
    name: str
    context: dict[str, Any] = field(default_factory=dict)
    uuid: UUID = field(default_factory=uuid4)

    def personalize(self, recipient: Recipient, language: str | None, user_context: dict[str, Any]) -> Message:
        return Message(self.app_label, self.name, recipient, language, {**self.context, **user_context},
                       send_uuid=self.uuid)


def _report(key: str, value: Any) -> None:
    """edx-ace's ``monitoring.report``, plus a log line: the only trace a failed message leaves."""
    set_custom_attribute(key, value)
    log.warning("ace twin %s: %s", key, value)


def _render(message: Message, filename: str) -> str:
    path = f"{message.app_label}/edx_ace/{message.name}/email/{filename}"
    return get_template(path).render(Context({"message": message, **message.context}))


def send(message: Message) -> None:
    """Render the five email templates in the message's language and deliver them; never raises on SMTP errors."""
    set_custom_attribute("message_name", f"{message.app_label}.{message.name}")
    try:
        with translation.override(message.language or translation.get_language()):
            parts = {name: _render(message, name) for name in
                     ("subject.txt", "body.txt", "head.html", "body.html", "from_name.txt")}
    except TemplateDoesNotExist as error:
        _report("template_error", f"Unable to send message because template not found\n{error}")
        return
    email = EmailMultiAlternatives(
        subject=re.sub(r"\s+", " ", parts["subject.txt"]).strip(),
        body=parts["body.txt"],
        from_email=message.options.get("from_address", getattr(settings, "DEFAULT_FROM_EMAIL", None)),
        to=[message.recipient.email_address],
        headers=message.headers,
    )
    email.attach_alternative(f"<!DOCTYPE html>\n<html>\n  <head>\n    {parts['head.html']}\n  </head>\n  <body>\n"
                             f"    {parts['body.html']}\n  </body>\n</html>", "text/html")
    try:
        email.send()
    except SMTPException as error:
        log.exception(error)
        _report("django_email_error", "An SMTP error occurred (and logged) from Django send_email()")
        return
    set_custom_attribute("django_email_delivery_succeeded", True)
    message_sent.send(sender=None, message={"name": message.name, "app_label": message.app_label,
                                            "uuid": str(message.uuid), "send_uuid": str(message.send_uuid),
                                            "message_language": message.language})
