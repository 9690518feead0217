"""Who may call which endpoint: anonymous, the learner, another learner, course staff, staff of another course,
the course's instructor, staff of the whole organization, and global staff (``cert_xblock.core.permissions``)."""
from __future__ import annotations

import pytest

from .conftest import COURSE

ENDPOINTS = {
    "my certificates": "/api/cert_xblock/v1/me/certificates",
    "learner status": f"/api/cert_xblock/v1/courses/{COURSE}/learners/ada",
    "course certificates": f"/api/cert_xblock/v1/courses/{COURSE}/certificates",
    "schema": "/api/cert_xblock/v1/schema",
    "download": f"/api/cert_xblock/v1/me/certificates/{'a' * 32}/download",
}
# caller → endpoint → HTTP status. Anonymous callers get 401: JWT (edx-drf-extensions, as in the LMS) comes first and
# asks for credentials. ("download" is the learner's own certificate: nobody else's to fetch, not even staff)
TABLE = {
    "anonymous": {"my certificates": 401, "learner status": 401, "course certificates": 401, "schema": 200,
                  "download": 401},
    "learner": {"my certificates": 200, "learner status": 200, "course certificates": 403, "schema": 200,
                "download": 200},
    "other_learner": {"my certificates": 200, "learner status": 403, "course certificates": 403, "schema": 200,
                      "download": 404},
    "course_staff": {"my certificates": 200, "learner status": 200, "course certificates": 200, "schema": 200,
                     "download": 404},
    "other_course_staff": {"my certificates": 200, "learner status": 403, "course certificates": 403,
                           "schema": 200, "download": 404},
    "instructor": {"my certificates": 200, "learner status": 200, "course certificates": 200, "schema": 200,
                   "download": 404},
    "org_staff": {"my certificates": 200, "learner status": 200, "course certificates": 200, "schema": 200,
                  "download": 404},
    "global_staff": {"my certificates": 200, "learner status": 200, "course certificates": 200, "schema": 200,
                     "download": 404},
}
REFUSALS = {
    "anonymous": "Authentication credentials were not provided.",
    "learner status": "Only the learner themselves or course staff can see this learner's certificates.",
    "course certificates": "Only course staff can see the certificates of a course.",
}


@pytest.mark.parametrize("caller", list(TABLE))
@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_authorization_table(client, people, caller, endpoint):
    if caller != "anonymous":
        client.force_login(getattr(people, caller))
    response = client.get(ENDPOINTS[endpoint])
    assert response.status_code == TABLE[caller][endpoint]
    if response.status_code in (401, 403):
        assert response.json()["detail"] == REFUSALS["anonymous" if caller == "anonymous" else endpoint]
    if response.status_code == 404:
        assert response.json()["detail"] == "You hold no certificate with this id."


def test_a_global_staff_member_is_course_staff_everywhere(client, people):
    people.other_learner.is_staff = True
    people.other_learner.save()
    client.force_login(people.other_learner)
    assert client.get(ENDPOINTS["course certificates"]).status_code == 200


@pytest.mark.parametrize("caller", list(TABLE))
@pytest.mark.parametrize("path", [f"/certificates/verify/{'a' * 32}", f"/certificates/verify/{'a' * 32}.json",
                                  "/certificates/verify/"])
def test_the_public_verification_pages_answer_everyone(client, people, caller, path):
    if caller != "anonymous":
        client.force_login(getattr(people, caller))
    assert client.get(path).status_code == 200
