"""The revocation Bitstring Status List (W3C Bitstring Status List v1.0): one signed list per 131,072 credentials.

Each credential's bit is its ``IssuedCredential`` row's ``revoked``, set and cleared by ``record_revocation`` inside
the staff stage's revoke and restore transactions, so the list never disagrees with the certificate. The list is
built from the set bits on request (§3.1: GZIP, then multibase base64url, ``u`` prefix), identified by an ETag of its
bits, and signed once per ETag (kept in Django's cache).
"""
from __future__ import annotations

import base64
import gzip
import hashlib
from datetime import UTC, datetime
from typing import Any

from django.core.cache import cache

from cert_xblock.credentials import proof
from cert_xblock.credentials.canonical import VC_V2
from cert_xblock.credentials.document import STATUS_LIST_SIZE, issuer_did, status_list_url

__all__ = ["STATUS_LIST_SIZE", "encoded_list", "etag", "record_revocation", "revoked_bits", "status_list_credential"]
from cert_xblock.credentials.keys import issuer_keys
from cert_xblock.credentials.signing import verification_method
from cert_xblock.models import IssuedCertificate, IssuedCredential


def record_revocation(certificate: IssuedCertificate, revoked: bool) -> None:
    """Set (revoke) or clear (restore) the certificate's bit; call it inside the revoking transaction."""
    IssuedCredential.objects.filter(certificate=certificate).update(revoked=revoked, modified=datetime.now(UTC))


def revoked_bits(number: int) -> bytes:
    """The bits of list ``number``, most significant bit of the first byte first (§3.1 step 1)."""
    start = number * STATUS_LIST_SIZE
    bits = bytearray(STATUS_LIST_SIZE // 8)
    for index in IssuedCredential.objects.filter(revoked=True, id__gte=start, id__lt=start + STATUS_LIST_SIZE
                                                 ).values_list("id", flat=True):
        offset = index - start
        bits[offset // 8] |= 0x80 >> (offset % 8)
    return bytes(bits)


def encoded_list(bits: bytes) -> str:
    """GZIP (no timestamp, so equal bits encode alike), base64url without padding, multibase ``u``."""
    return "u" + base64.urlsafe_b64encode(gzip.compress(bits, mtime=0)).decode().rstrip("=")


def etag(bits: bytes) -> str:
    return '"' + hashlib.sha256(bits).hexdigest()[:32] + '"'


def status_list_credential(number: int, bits: bytes) -> dict[str, Any]:
    """The signed ``BitstringStatusListCredential`` of these bits, signed once per distinct list."""
    key = f"cert_xblock:status-list:{number}:{etag(bits)}"
    signed = cache.get(key)
    if signed is None:
        keys = issuer_keys()
        url = status_list_url(number)
        document = {
            "@context": [VC_V2],
            "id": url,
            "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "issuer": issuer_did(),
            "validFrom": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "credentialSubject": {"id": f"{url}#list", "type": "BitstringStatusList",
                                  "statusPurpose": "revocation", "encodedList": encoded_list(bits)},
        }
        signed = proof.sign(document, keys.signing, verification_method(keys))
        cache.set(key, signed, timeout=24 * 3600)
    return signed
