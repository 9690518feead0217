"""The LMS's JWT authentication (edx-drf-extensions), as other services and the MFEs call the API."""
from __future__ import annotations

import json
from functools import cache

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from edx_rest_framework_extensions.auth.jwt.decoder import jwt_decode_handler
from edx_rest_framework_extensions.auth.jwt.tests.utils import (
    generate_asymmetric_jwt_token,
    generate_latest_version_payload,
)
from jwt.algorithms import RSAAlgorithm
from rest_framework_jwt.settings import api_settings

API = "/api/cert_xblock/v1"


@cache
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def jwk(key, private: bool) -> dict:
    return {**json.loads(RSAAlgorithm.to_jwk(key if private else key.public_key())), "kid": "lms-test"}


@pytest.fixture
def lms_jwt(settings, monkeypatch):
    """The JWT settings the LMS runs with: its issuer and signing keys, the edx decoder, the ``JWT`` header prefix."""
    settings.JWT_AUTH = {
        "JWT_ISSUERS": [{"ISSUER": "https://lms.example.org/oauth2", "AUDIENCE": "cert-xblock",
                         "SECRET_KEY": "a-symmetric-secret-of-thirty-two-bytes-at-least"}],
        "JWT_PUBLIC_SIGNING_JWK_SET": json.dumps({"keys": [jwk(rsa_key(), private=False)]}),
        "JWT_PRIVATE_SIGNING_JWK": json.dumps(jwk(rsa_key(), private=True)),
        "JWT_SIGNING_ALGORITHM": "RS512",
    }
    monkeypatch.setattr(api_settings, "JWT_DECODE_HANDLER", jwt_decode_handler)
    monkeypatch.setattr(api_settings, "JWT_AUTH_HEADER_PREFIX", "JWT")


def test_a_learner_with_a_jwt_reads_their_certificates(client, people, lms_jwt):
    token = generate_asymmetric_jwt_token(generate_latest_version_payload(people.learner))
    response = client.get(f"{API}/me/certificates", HTTP_AUTHORIZATION=f"JWT {token}")
    assert response.status_code == 200
    assert {row["name"] for row in response.json()["results"]} == {"Ada"}


def test_a_forged_jwt_is_refused(client, people, lms_jwt):
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(generate_latest_version_payload(people.course_staff), other_key, algorithm="RS512")
    response = client.get(f"{API}/courses/course-v1:RestX+R1+2026/certificates", HTTP_AUTHORIZATION=f"JWT {forged}")
    assert response.status_code == 401


def test_without_credentials_the_api_asks_for_a_jwt(client, db, lms_jwt):
    response = client.get(f"{API}/me/certificates")
    assert response.status_code == 401 and response["WWW-Authenticate"] == 'JWT realm="api"'


STAFF_WRITES = ["allowlist", "allowlist/csv", "allowlist/remove", "revoke", "restore", "regenerate", "regenerate-all",
                "issue-now", "issue"]


def test_a_restricted_applications_jwt_is_refused_by_every_rest_write_and_read(client, people, lms_jwt):
    """The LMS's ``NotJwtRestrictedApplication``: a client-credentials token of a restricted OAuth application acts
    for nobody, even when it names course staff; the same user's ordinary token may."""
    from cert_xblock.models import AllowlistEntry, IssuedCertificate, StaffAction

    from .conftest import BLOCK, COURSE

    restricted = generate_asymmetric_jwt_token(generate_latest_version_payload(people.course_staff,
                                                                                is_restricted=True))
    blocks = f"{API}/courses/{COURSE}/blocks/{BLOCK}"
    before = (list(IssuedCertificate.objects.values_list("pk", "status")), StaffAction.objects.count())
    refusal = {"detail": "A restricted application's token cannot use this API."}
    for write in STAFF_WRITES:
        body = b"ben\n" if write == "allowlist/csv" else json.dumps({"user": "ada", "reason": "r", "note": "n"})
        response = client.post(f"{blocks}/{write}", body, HTTP_AUTHORIZATION=f"JWT {restricted}",
                               content_type="text/csv" if write == "allowlist/csv" else "application/json")
        assert (write, response.status_code, response.json()) == (write, 403, refusal)
    for read in (f"{blocks}/summary", f"{blocks}/learners", f"{API}/courses/{COURSE}/certificates",
                 f"{API}/me/certificates", f"{API}/courses/{COURSE}/learners/ada"):
        response = client.get(read, HTTP_AUTHORIZATION=f"JWT {restricted}")
        assert (read, response.status_code, response.json()) == (read, 403, refusal)
    assert (list(IssuedCertificate.objects.values_list("pk", "status")), StaffAction.objects.count()) == before
    assert not AllowlistEntry.objects.exists()

    ordinary = generate_asymmetric_jwt_token(generate_latest_version_payload(people.course_staff))
    response = client.post(f"{blocks}/allowlist", {"user": "ben", "note": "n"}, content_type="application/json",
                           HTTP_AUTHORIZATION=f"JWT {ordinary}")
    assert response.status_code == 200 and response.json()["outcome"] == "added"
