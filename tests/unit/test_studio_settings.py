"""The beat entry is the LMS's alone: Studio also applies the plugin's settings passes (issue 20, item 8)."""
from __future__ import annotations

from types import SimpleNamespace

from cert_xblock.settings import common, production


def passes(**values) -> SimpleNamespace:
    """The common pass, then the production pass, as the LMS and Studio apply a plugin's settings."""
    settings = SimpleNamespace(MEDIA_ROOT="/srv/media", LMS_ROOT_URL="https://lms.example.org", **values)
    common.plugin_settings(settings)
    production.plugin_settings(settings)
    return settings


def test_studio_gets_no_beat_entry_so_a_studio_beat_never_dispatches_the_batches_twice():
    studio = passes(SERVICE_VARIANT="cms", CELERYBEAT_SCHEDULE={"cms.other": {"task": "y"}})
    assert studio.CELERYBEAT_SCHEDULE == {"cms.other": {"task": "y"}}


def test_the_lms_gets_the_beat_entry_from_its_interval():
    lms = passes(SERVICE_VARIANT="lms", CERT_XBLOCK_BATCH_INTERVAL_SECONDS=60)
    assert lms.CELERYBEAT_SCHEDULE[common.BEAT_ENTRY]["task"] == "cert_xblock.tasks.dispatch_due_batches"
    assert lms.CELERYBEAT_SCHEDULE[common.BEAT_ENTRY]["schedule"].total_seconds() == 60
