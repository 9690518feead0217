"""Twin of edx-ace for cert_xblock's messages: the same templates, sent with Django's own email."""
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from cert_xblock.templating import render_template


def send_message(user_id: int, email: str, language: str, name: str, context: dict[str, Any]) -> None:
    """Render ``cert_xblock/edx_ace/<name>/email/*`` as ACE would and send it; raises when sending fails."""
    def part(filename: str) -> str:
        return render_template(f"cert_xblock/edx_ace/{name}/email/{filename}", context).strip()

    message = EmailMultiAlternatives(
        subject=" ".join(part("subject.txt").split()),
        body=part("body.txt"),
        from_email=getattr(settings, "DEFAULT_FROM_EMAIL", None),
        to=[email],
        headers={"Content-Language": language},
    )
    message.attach_alternative(part("body.html"), "text/html")
    message.send(fail_silently=False)
