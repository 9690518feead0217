"""The LMS's receiver (``lms.djangoapp``): an issued certificate is tracked and its email queued.

It runs after the issuing transaction commits and never raises into the code that sent the signal.
"""
from __future__ import annotations

from typing import Any


def on_certificate_issued(sender: Any, certificate: Any, request_id: str = "", rules: Any = None,
                          **kwargs: Any) -> None:
    """A certificate was issued (after commit): record the tracking event and queue the learner's email."""
    from cert_xblock.notifications.email import queue_issue_email
    from cert_xblock.notifications.tracking import certificate_issued

    certificate_issued(certificate, request_id)
    queue_issue_email(certificate, request_id, rules)
