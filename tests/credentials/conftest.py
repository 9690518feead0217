"""A course with certificates (the staff suite's), an issuer at a real host name with a fresh key, and an
independent verifier (openvc-core) that reaches our endpoints only through Django's test client: no network."""
from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from openvc.did.base import DidResolverRegistry
from openvc.did.did_web import DidWebResolver
from openvc.resolvers import default_status_list_resolver
from openvc.verify import VerificationResult, verify_credential

from cert_xblock.credentials.canonical import OB_V3, bundled_contexts
from cert_xblock.credentials.keys import new_secret
from tests.staff.conftest import BLOCK, Course, course  # noqa: F401 - the staff suite's course fixture

SITE = "https://lms.example.org"  # did:web refuses IP addresses: a host name, answered by the test client


def get(url: str, **headers: str) -> Any:
    assert url.startswith(SITE + "/"), url
    return Client().get(url[len(SITE):], headers=headers)


def _json(url: str) -> dict[str, Any]:
    response = get(url)
    assert response.status_code == 200, response.content
    return response.json()


def _text(url: str) -> str:
    response = get(url)
    assert response.status_code == 200, response.content
    return response.content.decode()


def verify(credential: dict[str, Any]) -> VerificationResult:
    """openvc-core's verification: the proof against the key did:web resolves to, the validity window, and the
    revocation bit from the status list (itself verified); raises when any fails. The OB 3.0 context is handed
    over because openvc-core bundles only the VC 2.0 one (it is the 1EdTech file, byte for byte)."""
    extra = {OB_V3: bundled_contexts()[OB_V3]}
    if isinstance(credential.get("proof"), list):  # openvc-core reads one proof as an object, never a list of one
        (only,) = credential["proof"]
        credential = {**credential, "proof": only}
    resolver = DidResolverRegistry([DidWebResolver(_json)])
    statuses = default_status_list_resolver(resolver=resolver, fetch=_text, extra_contexts=extra)
    return verify_credential(credential, resolver=resolver, resolve_status_list=statuses, extra_contexts=extra)


@pytest.fixture
def issuer(settings) -> Any:
    settings.CERT_XBLOCK_SITE_ROOT = SITE
    settings.CERT_XBLOCK_CREDENTIAL_KEY = new_secret()
    settings.CERT_XBLOCK_CREDENTIAL_RETIRED_KEYS = []
    return settings


def credential_of(certificate: Any) -> dict[str, Any]:
    """The credential as a verifier fetches it: from its id's URL."""
    return _json(f"{SITE}/certificates/credentials/{certificate.verify_id}.json")
