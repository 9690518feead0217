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
