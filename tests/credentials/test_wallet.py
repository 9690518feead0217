"""The Learner Credential Wallet's DCC request end to end with a test wallet (a did:key this test makes and signs
with through openvc-core, not our code): the deep link's challenge, the wallet's signed DID Authentication, the
credential bound to the wallet's DID; a wrong challenge, signature or certificate is refused with a 4xx and why."""
from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.test import Client
from openvc.keys import Ed25519SigningKey
from openvc.proof.data_integrity import DataIntegrityProofSuite

from cert_xblock import staff
from cert_xblock.credentials.keys import public_multikey
from cert_xblock.credentials.wallet import wallet_links

from .conftest import BLOCK, SITE, verify


class Wallet:
    def __init__(self):
        self.key = Ed25519PrivateKey.generate()
        self.did = "did:key:" + public_multikey(self.key.public_key())

    def presentation(self, challenge: str, key: Ed25519PrivateKey | None = None) -> dict:
        method = f"{self.did}#{self.did.removeprefix('did:key:')}"
        unsigned = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"],
                    "holder": self.did}
        return DataIntegrityProofSuite().add_proof(
            unsigned, signing_key=Ed25519SigningKey(key or self.key, kid=method), verification_method=method,
            proof_purpose="authentication", challenge=challenge)


def deep_link(certificate) -> str:
    return wallet_links(certificate)[0]


def request_of(link: str) -> tuple[str, str]:
    """(the exchange path on our site, the challenge) from the deep link, as the wallet reads it."""
    assert link.startswith("dccrequest://request?")
    query = parse_qs(urlsplit(link).query)
    assert query["auth_type"] == ["bearer"] and query["issuer"][0].startswith("did:web:")
    url = query["vc_request_url"][0]
    assert url.startswith(SITE + "/")
    return url[len(SITE):], query["challenge"][0]


def post(path: str, body: object) -> object:
    return Client().post(path, data=body if isinstance(body, bytes) else json.dumps(body),
                         content_type="application/json")


def test_the_wallet_gets_the_credential_bound_to_its_did(course, issuer):
    wallet = Wallet()
    path, challenge = request_of(deep_link(course.issue("ada")))
    response = post(path, wallet.presentation(challenge))
    assert response.status_code == 200, response.content
    credential = response.json()
    assert credential["credentialSubject"]["id"] == wallet.did
    assert verify(credential).subject == wallet.did


@pytest.mark.parametrize("wrong", ["challenge", "signature", "another certificate's challenge", "not json"])
def test_a_wrong_request_is_refused_with_a_reason(course, issuer, wrong):
    wallet = Wallet()
    path, challenge = request_of(deep_link(course.issue("ada")))
    if wrong == "challenge":
        body = wallet.presentation(challenge[:-2] + "xx")
    elif wrong == "signature":
        body = wallet.presentation(challenge, key=Ed25519PrivateKey.generate())
    elif wrong == "another certificate's challenge":
        body = wallet.presentation(request_of(deep_link(course.issue("chen")))[1])
    else:
        body = b"{not json"
    response = post(path, body)
    assert 400 <= response.status_code < 500
    assert response.json()["error"] in {
        "The challenge is wrong or has expired: open the link again from the course.",
        "The presentation's signature does not verify.", "The wallet's request is not JSON."}


def test_a_revoked_certificate_cannot_be_added_to_a_wallet(course, issuer):
    certificate = course.issue("ada")
    path, challenge = request_of(deep_link(certificate))
    staff.revoke(BLOCK.ref, certificate, "Wrong learner", staff.Actor(course.staff.username, course.staff.pk))
    response = post(path, Wallet().presentation(challenge))
    assert response.status_code == 409
    assert response.json()["error"] == "This certificate was revoked: it cannot be added to a wallet."
