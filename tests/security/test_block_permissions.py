"""The permission table, walked over HTTP: every role × every handler and view of the block, in the workbench
playing Studio and in the workbench playing the LMS. Each refusal is a 403 (or the holder-only 404) with a reason,
and leaves the block's fields, their database copy, the certificate rows and the stored files as they were."""
from __future__ import annotations

import json

import pytest

from cert_xblock.core.permissions import PERMISSIONS, Action, Role
from tests.conftest import LearnerSession
from tests.pdf import pdf_text

from .conftest import PEOPLE, STUDIO_AUTHORS, USERNAMES, Snapshot, settings_of

SANDBOX = "cert_xblock.3"


def may(person: str, action: Action, *, holder: bool = False, studio: bool = True) -> bool:
    roles = set(PEOPLE[person])
    if holder:
        roles.add(Role.HOLDER)
    if studio and person in STUDIO_AUTHORS:
        roles.add(Role.AUTHOR)
    return bool(PERMISSIONS[action] & roles)


def refused_without_change(server, call, status: int = 403):
    """Make the call; it must be refused with a reason and change nothing."""
    before = Snapshot.of(server)
    response = call()
    assert response.status_code == status, response.text[:300]
    assert response.json()["error"], "a refusal says why"
    assert Snapshot.of(server) == before, "a refused call changed something"
    return response


@pytest.mark.parametrize("person", list(PEOPLE))
def test_every_role_on_every_handler_and_view_in_studio(workbench, person):
    username = USERNAMES[person]
    course = LearnerSession(workbench, username)  # student_view: everyone
    assert course.page_html.count("data-block-type='cert_xblock'") == 1
    sandbox = LearnerSession(workbench, username, SANDBOX)

    editor = sandbox.http.get(workbench.url(f"/scenario/{SANDBOX}/studio_view/"), params={"student": username},
                              timeout=30).text
    if may(person, Action.STUDIO_VIEW):
        assert "save-button" in editor
    else:
        assert "Only the course team can edit this certificate, in Studio." in editor and "save-button" not in editor

    if may(person, Action.GRADE_ME):
        assert course.post("grade_me").status_code == 200
    else:
        assert refused_without_change(workbench, lambda: course.post("grade_me")).json()["status"] == "anonymous"

    holder = person == "learner"  # Ada passed: her click above issued her certificate
    if may(person, Action.DOWNLOAD_OWN, holder=holder):
        download = course.get("download")
        assert download.status_code == 200 and "Ada Lovelace" in pdf_text(download.content)
    else:
        refused_without_change(workbench, lambda: course.get("download"), 403 if person == "anonymous" else 404)

    if may(person, Action.PREVIEW):
        assert sandbox.get("preview").headers["Content-Type"] == "application/pdf"
    else:
        forged = json.dumps({"values": {"certificate_title": "Diploma of Forgery"}})
        response = refused_without_change(workbench, lambda: sandbox.post("preview", forged))
        assert response.json()["error"] == "Only the course team can preview this certificate, in Studio."
        refused_without_change(workbench, lambda: sandbox.get("preview"))

    wanted = 10 + len(username)  # a value only this caller would write
    save = json.dumps({"values": {"minimum_percent": wanted}})
    if may(person, Action.SAVE_SETTINGS):
        assert sandbox.post("submit_studio_edits", save).json() == {"result": "success"}
        assert settings_of(workbench, sandbox.usage_id)["minimum_percent"] == wanted
        sandbox.post("submit_studio_edits", json.dumps({"values": {"minimum_percent": 50}}))
    else:
        response = refused_without_change(workbench, lambda: sandbox.post("submit_studio_edits", save))
        assert response.json()["error"] == "Only the course team can change this certificate's settings, in Studio."


@pytest.mark.parametrize("person", list(PEOPLE))
def test_in_the_lms_nobody_reaches_studios_handlers(lms_workbench, person):
    username = USERNAMES[person]
    sandbox = LearnerSession(lms_workbench, username, SANDBOX)
    for action in (Action.STUDIO_VIEW, Action.PREVIEW, Action.SAVE_SETTINGS):
        assert not may(person, action, studio=False)
    editor = sandbox.http.get(lms_workbench.url(f"/scenario/{SANDBOX}/studio_view/"), params={"student": username},
                              timeout=30).text
    assert "save-button" not in editor
    refused_without_change(lms_workbench, lambda: sandbox.get("preview"))
    refused_without_change(lms_workbench, lambda: sandbox.post(
        "submit_studio_edits", json.dumps({"values": {"minimum_percent": 0}})))


def test_a_learner_cannot_lower_the_bar_and_then_collect_a_certificate(workbench, learner_session):
    """The attack the issue reported: a learner at 10% posts minimum_percent 0 to the Studio save."""
    from tests.block.helpers import add_learner, certificates_of

    add_learner(workbench, "lowball", "Low Ball", percent=0.10, letter="")
    attacker = learner_session("lowball", SANDBOX)
    minimum = settings_of(workbench, attacker.usage_id)["minimum_percent"]  # whatever earlier tests left: 50 or more
    assert minimum > 10
    assert attacker.post("submit_studio_edits", json.dumps({"values": {"minimum_percent": 0}})).status_code == 403
    assert settings_of(workbench, attacker.usage_id)["minimum_percent"] == minimum
    assert attacker.post("grade_me").json()["status"] == "not_eligible"
    assert certificates_of(workbench, "lowball") == []
