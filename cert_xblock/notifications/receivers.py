"""The LMS's receivers (``lms.djangoapp``): an issued certificate is tracked and its email queued; a retired account
is retired from our records too (``records.retirement``).

The issue receiver runs after the issuing transaction commits and never raises into the code that sent the signal.
The retirement receivers do raise: the platform's retirement endpoint then answers 500 and the pipeline retries the
step, as it does for its own apps.
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


def on_retire_mailings(sender: Any, user: Any = None, **kwargs: Any) -> None:
    """``USER_RETIRE_MAILINGS`` (the platform's ``retire_misc`` step): no issue email is resent to this learner."""
    from cert_xblock.records.retirement import stop_emails

    if user is not None:
        stop_emails(user.pk)


def on_retire_lms_critical(sender: Any, user: Any = None, retired_username: str = "", **kwargs: Any) -> None:
    """``USER_RETIRE_LMS_CRITICAL`` (the ``retire`` step, where the platform empties its certificates' names): the
    same to ours. The user still has the original username here; the platform saves the retired one after."""
    from cert_xblock.records.retirement import retire_learner

    if user is not None:
        retire_learner(user.pk, user.username, retired_username)
