"""Which certificate blocks are due for a batch run, from the schedule each course team set in Studio.

A block's ``batch_schedule`` is a crontab ("m h dom mon dow", UTC, read by celery's own crontab) and its
``batch_not_before`` a day before which nothing runs. A block is due when its crontab fired since its
last run. A block that never ran is due at once: switching the schedule on catches up the learners who
already qualify instead of waiting for the first firing.
"""
from __future__ import annotations

from datetime import UTC, datetime

from celery.schedules import crontab

from cert_xblock.config.values import CertificateSettings
from cert_xblock.models import CertificateBlockConfig


def is_due(rules: CertificateSettings, last_run: datetime | None, now: datetime) -> bool:
    """Whether the block's schedule asks for a run at ``now``, given when it last ran."""
    if not rules.batch_schedule.strip():
        return False
    not_before = rules.batch_not_before_datetime
    if not_before is not None and now < not_before:
        return False
    if last_run is None:
        return True
    return next_run(rules, last_run) <= now


def next_run(rules: CertificateSettings, last_run: datetime) -> datetime:
    """The first time the block's crontab fires after ``last_run``."""
    minute, hour, day_of_month, month, day_of_week = rules.batch_schedule.split()
    schedule = crontab(minute=minute, hour=hour, day_of_month=day_of_month, month_of_year=month,
                       day_of_week=day_of_week, nowfun=lambda: last_run)
    return last_run + schedule.remaining_estimate(last_run)


def claim_due_blocks(now: datetime | None = None) -> list[str]:
    """Mark every due block as run at ``now`` and return their ids.

    Claiming is a conditional UPDATE on the last-run time, so two dispatchers ticking at once (two beats, a
    redelivered tick) never start the same block twice.
    """
    now = now or datetime.now(UTC)
    claimed = []
    rows = CertificateBlockConfig.objects.filter(enabled=True).values_list("pk", "block_id", "settings",
                                                                           "last_batch_run")
    for pk, block_id, stored, last_run in rows.iterator():
        if not is_due(CertificateSettings.from_dict(stored), last_run, now):
            continue
        if CertificateBlockConfig.objects.filter(pk=pk, last_batch_run=last_run).update(last_batch_run=now):
            claimed.append(block_id)
    return claimed
