"""Saving one block in the demo's Studio editor leaves the course's other blocks enabled for the batch."""
from __future__ import annotations

import json

from tests.conftest import LearnerSession

from .helpers import rows


def test_saving_one_block_does_not_disable_the_others(workbench):
    viewed = [LearnerSession(workbench, "ben", scenario) for scenario in ("cert_xblock.0", "cert_xblock.1")]
    author = LearnerSession(workbench, "staff", "cert_xblock.3")
    saved = author.post("submit_studio_edits", json.dumps({"values": {"certificate_title": "Sandbox title"}}))
    assert saved.json() == {"result": "success"}
    enabled = dict(rows(workbench, "SELECT block_id, enabled FROM cert_xblock_certificateblockconfig"))
    assert enabled[author.usage_id] == 1
    for session in viewed:
        assert enabled[session.usage_id] == 1, f"{session.scenario} was disabled by another block's save"
