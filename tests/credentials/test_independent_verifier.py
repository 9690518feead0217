"""Our credentials as another implementation reads them: openvc-core (PyPI) verifies the eddsa-rdfc-2022 proof
through the did:web document we serve, and the revocation bit through our signed Bitstring Status List."""
from __future__ import annotations

import copy

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from openvc.errors import OpenvcError
from openvc.status import CredentialRevoked

from cert_xblock import staff
from cert_xblock.credentials.keys import new_secret, parse_signing_key, public_multikey, secret_multikey

from .conftest import BLOCK, credential_of, verify


def actor(course):
    return staff.Actor(course.staff.username, course.staff.pk)


def test_a_certificate_credential_verifies_with_its_issuer_and_status(course, issuer):
    credential = credential_of(course.issue("ada"))
    result = verify(credential)
    assert result.issuer == "did:web:lms.example.org"
    assert result.status is not None and not result.status.revoked
    assert [proof["cryptosuite"] for proof in credential["proof"]] == ["eddsa-rdfc-2022"]


def test_revoke_makes_the_credential_fail_and_restore_makes_it_pass_again(course, issuer):
    certificate = course.issue("ada")
    credential = credential_of(certificate)
    verify(credential)
    revoked = staff.revoke(BLOCK.ref, certificate, "Plagiarism found", actor(course))
    with pytest.raises(CredentialRevoked):
        verify(credential)
    staff.restore(BLOCK.ref, revoked, "Appeal upheld", actor(course))
    assert not verify(credential).status.revoked


@pytest.mark.parametrize("tamper", ["flipped byte", "changed subject", "changed grade"])
def test_a_tampered_credential_fails(course, issuer, tamper):
    credential = copy.deepcopy(credential_of(course.issue("ada")))
    if tamper == "flipped byte":
        value = credential["proof"][0]["proofValue"]
        credential["proof"][0]["proofValue"] = value[:20] + ("A" if value[20] != "A" else "B") + value[21:]
    elif tamper == "changed subject":
        identity = credential["credentialSubject"]["identifier"][0]
        identity["identityHash"] = identity["identityHash"][:-1] + ("0" if identity["identityHash"][-1] != "0" else "1")
    else:
        credential["name"] = credential["name"] + " with honours"
    with pytest.raises(OpenvcError):
        verify(credential)


def test_a_credential_signed_with_another_key_fails(course, issuer):
    certificate = course.issue("ada")
    issuer.CERT_XBLOCK_CREDENTIAL_KEY = new_secret()  # signs with a key did.json will not list
    credential = credential_of(certificate)
    issuer.CERT_XBLOCK_CREDENTIAL_KEY = new_secret()
    with pytest.raises(OpenvcError):
        verify(credential)


def test_after_a_rotation_older_credentials_still_verify(course, issuer):
    old = parse_signing_key(issuer.CERT_XBLOCK_CREDENTIAL_KEY)
    credential = credential_of(course.issue("ada"))
    issuer.CERT_XBLOCK_CREDENTIAL_KEY = secret_multikey(Ed25519PrivateKey.generate())
    issuer.CERT_XBLOCK_CREDENTIAL_RETIRED_KEYS = [public_multikey(old.public_key())]
    verify(credential)
    assert verify(credential_of(course.issue("chen"))).issuer == "did:web:lms.example.org"
