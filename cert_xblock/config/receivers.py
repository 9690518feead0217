"""Studio's receiver (``cms.djangoapp``): a published course refreshes its certificate blocks' settings copy.

It only hands work on, after the commit: a publish must never fail because of us.
"""
from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

log = logging.getLogger(__name__)


def on_course_published(sender: Any, course_key: Any, **kwargs: Any) -> None:
    """Studio published a course: refresh the certificate blocks' settings copy in a worker, after the commit."""
    from cert_xblock.config.sync import sync_course_config
    from cert_xblock.core.queueing import enqueue

    def hand_over() -> None:
        if not enqueue(sync_course_config, str(course_key)):
            # No worker: a publish must not fail, and the block's own view refreshes its copy meanwhile.
            log.error("cert_xblock config sync of %s not queued; run sync_certificate_config --course %s",
                      course_key, course_key)

    transaction.on_commit(hand_over)
