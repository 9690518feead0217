"""Malformed requests to every handler and endpoint: a 4xx with a reason naming what is wrong, never a 500, and
nothing created or changed."""
from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.conftest import LearnerSession

from .conftest import Snapshot, settings_of

SANDBOX = "cert_xblock.3"
DEEP = b"[" * 30_000 + b"]" * 30_000  # under the size limit, far past any parser's recursion limit
NESTED_VALUES = json.dumps({"values": {"display_name": [[[[[[[[[["x"]]]]]]]]]]}}).encode()
BODIES = {  # name: (body, content type, status, reason)
    "deeply nested": (DEEP, "application/json", 400, "The request body is nested too deeply."),
    "nested too deep for the shape": (NESTED_VALUES, "application/json", 400,
                                      "The request body is nested too deeply."),
    "multipart": (b"--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n",
                  "multipart/form-data; boundary=x", 415,
                  "Send the request body as JSON (Content-Type: application/json)."),
    "array": (b"[1, 2]", "application/json", 400, "The request body must be a JSON object."),
    "null": (b"null", "application/json", 400, "The request body must be a JSON object."),
    "NaN": (b'{"values": {"minimum_percent": NaN}}', "application/json", 400, "The request body is not valid JSON."),
    "not UTF-8": (b"\xff\xfe{}", "application/json", 400, "The request body is not valid JSON."),
    "too large": (b'{"pad": "' + b"x" * 70_000 + b'"}', "application/json", 413, "The request body is too large."),
}
# Values of the right shape but the wrong type, each refused naming its field, like any validation error.
VALUES = {
    "text for a number": ({"minimum_percent": "abc"}, "minimum_percent", "Enter a number."),
    "infinite number": ('{"minimum_percent": 1e400}', "minimum_percent", "Enter a number."),
    "null for a number": ({"validity_months": None}, "validity_months", "Enter a number."),
    "fraction for a whole number": ({"validity_months": 1.5}, "validity_months", "Enter a whole number."),
    "number for text": ({"certificate_title": 12}, "certificate_title", "Enter text."),
    "list for a yes/no": ({"show_grade": [True]}, "show_grade", "Choose yes or no."),
    "unknown setting": ({"is_admin": True}, "is_admin", "There is no such setting."),
    "out of range": ({"minimum_percent": 150}, "minimum_percent",
                     "The minimum grade must be a percentage between 0 and 100."),
}


def post(session: LearnerSession, handler: str, body: bytes, content_type: str):
    headers = {"X-CSRFToken": session.http.cookies.get("csrftoken", ""), "Referer": session.server.base + "/",
               "Content-Type": content_type}
    return session.http.post(session.handler_url(handler), data=body, headers=headers, timeout=60)


@pytest.mark.parametrize("handler", ["grade_me", "preview", "submit_studio_edits"])
@pytest.mark.parametrize("case", list(BODIES))
def test_a_malformed_body_gets_a_4xx_with_its_reason_and_changes_nothing(workbench, handler, case):
    body, content_type, status, reason = BODIES[case]
    session = LearnerSession(workbench, "staff", SANDBOX)  # allowed to call every one of them
    before = Snapshot.of(workbench)
    response = post(session, handler, body, content_type)
    assert (response.status_code, response.json()) == (status, {"error": reason})
    assert Snapshot.of(workbench) == before


@pytest.mark.parametrize("handler", ["grade_me", "preview", "submit_studio_edits", "download"])
def test_a_wrong_method_gets_405(workbench, handler):
    session = LearnerSession(workbench, "staff", SANDBOX)
    method = "PUT" if handler != "download" else "POST"
    response = session.http.request(method, session.handler_url(handler), data=b"{}", timeout=30,
                                    headers={"X-CSRFToken": session.http.cookies.get("csrftoken", ""),
                                             "Referer": workbench.base + "/", "Content-Type": "application/json"})
    assert response.status_code == 405
    assert response.json()["error"].startswith("Use ")


@pytest.mark.parametrize("handler", ["preview", "submit_studio_edits"])
@pytest.mark.parametrize("case", list(VALUES))
def test_a_wrong_typed_setting_is_refused_naming_its_field(workbench, handler, case):
    values, field, message = VALUES[case]
    session = LearnerSession(workbench, "staff", SANDBOX)
    body = (f'{{"values": {values}}}' if isinstance(values, str) else json.dumps({"values": values})).encode()
    before, minimum = Snapshot.of(workbench), settings_of(workbench, session.usage_id)["minimum_percent"]
    response = post(session, handler, body, "application/json")
    assert response.status_code == 400
    error = response.json()
    if handler == "preview":
        assert error["fields"] == {field: message}
    else:
        [problem] = error["error"]["messages"]
        assert (problem["field"], problem["text"].split(": ", 1)[1]) == (field, message)
    assert Snapshot.of(workbench) == before
    assert settings_of(workbench, session.usage_id)["minimum_percent"] == minimum


@pytest.mark.parametrize("data, field", [
    ({}, "values"), ({"values": None}, "values"), ({"values": [1]}, "values"), ({"values": {}, "defaults": "x"},
                                                                                  "defaults"),
])
def test_a_save_without_settings_names_what_is_missing(workbench, data, field):
    session = LearnerSession(workbench, "staff", SANDBOX)
    response = post(session, "submit_studio_edits", json.dumps(data).encode(), "application/json")
    assert response.status_code == 400
    assert [m["field"] for m in response.json()["error"]["messages"]] == [field]


def test_the_studio_editors_own_save_is_accepted_as_it_sends_it(workbench):
    """The XBlock editor's jQuery save posts its JSON with jQuery's default form content type."""
    session = LearnerSession(workbench, "staff", SANDBOX)
    body = json.dumps({"values": {"minimum_percent": 50}, "defaults": []}).encode()
    response = post(session, "submit_studio_edits", body, "application/x-www-form-urlencoded; charset=UTF-8")
    assert response.json() == {"result": "success"}


# --- the plugin's pages and endpoints, over Django's test client ------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize("path, status", [
    ("/api/cert_xblock/v1/courses/not-a-course/certificates", 400),
    ("/api/cert_xblock/v1/courses/course-v1:X+Y+Z/certificates?status=lost", 400),
    ("/api/cert_xblock/v1/me/certificates?status=%00", 400),
    ("/api/cert_xblock/v1/me/certificates?page=abc", 404),
    ("/api/cert_xblock/v1/me/certificates/" + "f" * 32 + "/download", 404),
    ("/certificates/verify/?code=" + "%00" * 5, 400),
    ("/certificates/verify/?code=" + "A" * 5000, 400),
    ("/certificates/verify/" + "%E2%80%AE" * 300, 404),
    ("/certificates/verify/%00.json", 404),
])
def test_malformed_page_and_api_requests_get_a_4xx_with_a_reason(client, django_user_model, path, status):
    user = django_user_model.objects.create(username="curious", is_staff=True)
    client.force_login(user)
    response = client.get(path, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == status
    body = response.content.decode()
    assert body.strip(), "the refusal says why"
    if response["Content-Type"].startswith("application/json"):
        assert set(response.json()) & {"detail", "error"}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["verify_lookup", "verify", "api-my-certificates"])
def test_pages_and_endpoints_refuse_writes_with_405(client, django_user_model, name):
    client.force_login(django_user_model.objects.create(username="poster"))
    kwargs = {"verify_id": "a" * 32} if name == "verify" else {}
    response = client.post(reverse(f"cert_xblock:{name}", kwargs=kwargs), data=b"{}",
                           content_type="application/json", REMOTE_ADDR="198.51.100.8")
    assert response.status_code == 405
