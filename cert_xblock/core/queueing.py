"""Hand work to a Celery worker when one can receive it, so the caller decides what to do when none can.

Inside the LMS and Studio the platform's Celery app has a broker. The standalone demo may have none (or an
in-memory one no worker reads); publishing there would block on connection retries and then fail, so the
caller does the work itself instead.
"""
from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)


def has_worker_queue(task: Any) -> bool:
    """True when ``task.delay`` reaches a worker (or runs at once because the app is eager)."""
    conf = task.app.conf
    if conf.task_always_eager:
        return True
    broker = str(conf.broker_url or "")
    return bool(broker) and not broker.startswith("memory")


def enqueue(task: Any, *args: Any, request_id: str = "") -> bool:
    """Queue ``task(*args)``; False when there is no queue or publishing failed (logged with the request id)."""
    if not has_worker_queue(task):
        return False
    try:
        task.apply_async(args, retry=False)
    except Exception as exc:  # noqa: BLE001 - a broker outage: the caller falls back
        log.warning("cert_xblock request_id=%s could not queue %s: %s", request_id, task.name, exc)
        return False
    return True
