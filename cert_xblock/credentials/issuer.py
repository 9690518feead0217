"""The issuer's ``did:web`` document (DID Core 1.0, did:web method §3.2), served at ``/.well-known/did.json``.

It lists every key credentials were signed with as a ``Multikey`` verification method (Controlled Identifiers 1.0
§2.2.2) usable for ``assertionMethod``: the signing key, then the retired ones, so a credential signed before a
rotation still verifies.
"""
from __future__ import annotations

from typing import Any

from cert_xblock.credentials.document import issuer_did
from cert_xblock.credentials.keys import IssuerKeys

DID_CONTEXTS = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]


def did_document(keys: IssuerKeys) -> dict[str, Any]:
    did = issuer_did()
    methods = [{"id": f"{did}#{key}", "type": "Multikey", "controller": did, "publicKeyMultibase": key}
               for key in keys.all_public]
    return {"@context": DID_CONTEXTS, "id": did, "verificationMethod": methods,
            "assertionMethod": [method["id"] for method in methods]}
