"""The ``DataIntegrityProof`` with cryptosuite ``eddsa-rdfc-2022`` (W3C VC Data Integrity EdDSA Cryptosuites v1.0).

§3.2.3 (transformation): the unsecured document and the proof options, each canonicalized with RDFC-1.0;
§3.2.4 (hashing): SHA-256 of the proof options' N-Quads, then SHA-256 of the document's, concatenated;
§3.2.6 (serialization): an Ed25519 signature of those 64 bytes, ``proofValue`` = base58btc multibase of it.
The proof options carry the document's ``@context`` (§3.2.1 step 4), so both are read with the same terms.
"""
from __future__ import annotations

import copy
import hashlib
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from cert_xblock.credentials.canonical import Loader, canonical_nquads
from cert_xblock.credentials.multibase import base58btc, decode_base58btc

CRYPTOSUITE = "eddsa-rdfc-2022"


def proof_options(verification_method: str, created: datetime) -> dict[str, Any]:
    """The proof without its value, in the order the specification's examples print it."""
    return {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }


def hash_data(document: Mapping[str, Any], options: Mapping[str, Any], loader: Loader | None = None) -> bytes:
    """§3.2.4: SHA-256(canonical proof options) ‖ SHA-256(canonical document)."""
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    config = {**options, "@context": document["@context"]}
    return (hashlib.sha256(canonical_nquads(config, loader).encode()).digest()
            + hashlib.sha256(canonical_nquads(unsecured, loader).encode()).digest())


def sign(document: Mapping[str, Any], key: Ed25519PrivateKey, verification_method: str,
         created: datetime | None = None, loader: Loader | None = None) -> dict[str, Any]:
    """A copy of the document with its proof added (the input is left as it was)."""
    options = proof_options(verification_method, created or datetime.now(UTC))
    signature = key.sign(hash_data(document, options, loader))
    secured = copy.deepcopy(dict(document))
    secured["proof"] = {**options, "proofValue": base58btc(signature)}
    return secured


def verify(document: Mapping[str, Any], public_key: Ed25519PublicKey, loader: Loader | None = None) -> bool:
    """Whether the document's one proof is an eddsa-rdfc-2022 signature by this key (§3.2.2 verification)."""
    found = document.get("proof")
    if not isinstance(found, dict) or found.get("cryptosuite") != CRYPTOSUITE or \
            not isinstance(found.get("proofValue"), str):
        return False
    options = {key: value for key, value in found.items() if key != "proofValue"}
    try:
        public_key.verify(decode_base58btc(found["proofValue"]), hash_data(document, options, loader))
    except (InvalidSignature, ValueError):
        return False
    return True
