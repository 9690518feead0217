"""Guessing verification codes is rate-limited per client (django-ratelimit on the real cache): 429, Retry-After."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_thirty_rapid_wrong_codes_from_one_client_get_429(client, settings):
    guesses = [client.get("/certificates/verify/", {"code": f"AAAAA-{n:05d}"}, REMOTE_ADDR="203.0.113.5")
               for n in range(30)]
    statuses = [response.status_code for response in guesses]
    limit = int(settings.CERT_XBLOCK_VERIFY_LOOKUP_RATE.split("/")[0])
    assert statuses[:limit] == [404] * limit, "wrong codes are answered until the client passes the rate"
    assert set(statuses[limit:]) == {429}
    refused = guesses[-1]
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "Too many look-ups" in refused.content.decode()
    other_client = client.get("/certificates/verify/", {"code": "AAAAA-99999"}, REMOTE_ADDR="203.0.113.6")
    assert other_client.status_code == 404, "another client is not held back"


def test_verify_pages_are_rate_limited_too(client, settings):
    settings.CERT_XBLOCK_VERIFY_PAGE_RATE = "5/m"
    statuses = [client.get(f"/certificates/verify/{n:032x}", REMOTE_ADDR="203.0.113.7").status_code
                for n in range(7)]
    assert statuses == [404] * 5 + [429] * 2
    assert client.get(f"/certificates/verify/{1:032x}.json", REMOTE_ADDR="203.0.113.7").status_code == 429
