"""When a block's batch runs, from the schedule its course team set in Studio.

The schedule logic is pure (a crontab, a day, the last run, now); claiming due blocks is one conditional
UPDATE per block, tested on the database. Saving an invalid crontab in Studio is refused with the reason,
tested over HTTP against the demo workbench.
"""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from cert_xblock.config.values import CertificateSettings
from cert_xblock.issuing.batch.schedule import claim_due_blocks, is_due, next_run
from cert_xblock.models import CertificateBlockConfig
from tests.block.helpers import rows

NOW = datetime(2026, 11, 22, 3, 0, 30, tzinfo=UTC)  # a Sunday


def rules(schedule: str, not_before: str = "") -> CertificateSettings:
    return CertificateSettings(batch_schedule=schedule, batch_not_before=not_before)


@pytest.mark.parametrize("schedule, last_run, due", [
    ("", None, False),                                            # off
    ("0 3 * * *", None, True),                                    # never ran: catch up at once
    ("0 3 * * *", datetime(2026, 11, 21, 3, 0, tzinfo=UTC), True),    # fired at 03:00 today
    ("0 3 * * *", datetime(2026, 11, 22, 3, 0, tzinfo=UTC), False),   # already ran for today's firing
    ("0 4 * * *", datetime(2026, 11, 21, 4, 0, tzinfo=UTC), False),   # next firing at 04:00
    ("*/15 * * * *", datetime(2026, 11, 22, 2, 50, tzinfo=UTC), True),
    ("0 9 * * 1", datetime(2026, 11, 17, 9, 0, tzinfo=UTC), False),   # Mondays only; today is Sunday
    ("0 0 1 * *", datetime(2026, 10, 31, 23, 0, tzinfo=UTC), True),   # first of the month passed
])
def test_a_block_is_due_when_its_crontab_fired_since_its_last_run(schedule, last_run, due):
    assert is_due(rules(schedule), last_run, NOW) is due


def test_nothing_runs_before_the_not_before_day():
    assert not is_due(rules("* * * * *", not_before="2026-11-23"), None, NOW)
    assert is_due(rules("* * * * *", not_before="2026-11-22"), None, NOW)


def test_the_next_run_follows_the_crontab():
    assert next_run(rules("0 9 * * 1"), NOW) == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    assert next_run(rules("0 3 * * *"), datetime(2026, 11, 22, 3, 0, tzinfo=UTC)) == \
        datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_a_due_block_is_claimed_once_and_only_when_due():
    def config(block: str, schedule: str, last_run: datetime | None = None, enabled: bool = True) -> None:
        CertificateBlockConfig.objects.create(block_id=block, course_key="course-v1:S+S+S", enabled=enabled,
                                              settings=rules(schedule).to_dict(), last_batch_run=last_run)

    config("hourly-due", "0 * * * *", NOW - timedelta(hours=1))
    config("hourly-done", "0 * * * *", NOW - timedelta(seconds=10))
    config("off", "")
    config("disabled", "* * * * *", enabled=False)
    config("new", "0 3 * * *")
    assert sorted(claim_due_blocks(NOW)) == ["hourly-due", "new"]
    assert claim_due_blocks(NOW) == []
    assert CertificateBlockConfig.objects.get(block_id="new").last_batch_run == NOW


def studio_save(learner_session, values: dict) -> tuple[int, dict]:
    session = learner_session("staff", "cert_xblock.0")
    response = session.post("submit_studio_edits", json.dumps({"values": values, "defaults": []}))
    return response.status_code, response.json()


def error_texts(body: dict) -> list[str]:
    return [message["text"] for message in body["error"]["messages"]]


def test_studio_refuses_an_invalid_crontab_with_the_reason(learner_session):
    status, body = studio_save(learner_session, {"batch_schedule": "61 * * * *"})
    assert status == 400
    assert error_texts(body) == [("Batch issuing schedule: This is not a valid crontab schedule: "
                                 "Invalid end range: 61 > 59.")]
    status, body = studio_save(learner_session, {"batch_schedule": "every night"})
    assert status == 400
    assert "Batch issuing schedule: Enter five crontab fields" in error_texts(body)[0]


def test_a_valid_crontab_saved_in_studio_reaches_the_batch(learner_session, workbench):
    status, body = studio_save(learner_session, {"batch_schedule": "30 2 * * *", "batch_not_before": "2026-12-18"})
    assert status == 200, body
    try:
        learner_session("ada")  # a view refreshes the block's stored settings, which the batch reads
        stored = [json.loads(row[0]) for row in rows(workbench, "SELECT settings FROM "
                                                                "cert_xblock_certificateblockconfig")]
        assert any({"batch_schedule": "30 2 * * *", "batch_not_before": "2026-12-18"}.items() <= row.items()
                   for row in stored)
    finally:
        studio_save(learner_session, {"batch_schedule": "", "batch_not_before": ""})
