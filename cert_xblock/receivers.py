"""Signal receivers of the plugin app, connected by the platform's plugin machinery (``plugin_app['signals_config']``).

Each receiver only hands work on: a publish enqueues the config sync, an issued certificate is tracked and
its email queued. None of them may raise into the code that sent the signal.
"""
from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

log = logging.getLogger(__name__)


def on_course_published(sender: Any, course_key: Any, **kwargs: Any) -> None:
    """Studio published a course: refresh the certificate blocks' settings copy in a worker, after the commit."""
    from .config_sync import sync_course_config
    from .queueing import enqueue

    def hand_over() -> None:
        if not enqueue(sync_course_config, str(course_key)):
            # No worker: a publish must not fail, and the block's own view refreshes its copy meanwhile.
            log.error("cert_xblock config sync of %s not queued; run sync_certificate_config --course %s",
                      course_key, course_key)

    transaction.on_commit(hand_over)


def on_certificate_issued(sender: Any, certificate: Any, request_id: str = "", rules: Any = None,
                          **kwargs: Any) -> None:
    """A certificate was issued (after commit): record the tracking event and queue the learner's email."""
    from .notifications import queue_issue_email
    from .tracking import certificate_issued

    certificate_issued(certificate, request_id)
    queue_issue_email(certificate, request_id, rules)
