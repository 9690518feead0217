"""The Learner Credential Wallet's DCC request: a deep link, then the exchange that binds the credential to the wallet.

The learner view offers ``dccrequest://request?issuer=…&auth_type=bearer&challenge=…&vc_request_url=…`` (the Digital
Credentials Consortium's deep link). The wallet answers at ``vc_request_url`` with a DID Authentication presentation
(W3C VP Request Spec §4.2): a ``VerifiablePresentation`` whose ``holder`` is the wallet's DID, signed by that DID's key
for ``authentication`` with the challenge. We check the challenge (ours, signed, for this certificate, at most a week
old), the holder (a ``did:key`` Ed25519 Multikey, resolved offline) and the signature, then return the certificate's
credential with ``credentialSubject.id`` the wallet's DID, signed afresh (it is the holder's, so it is not cached).
Every refusal is an ``ExchangeRefused`` with a 4xx status and a reason for the learner.
"""
from __future__ import annotations

import io
import json
from typing import Any
from urllib.parse import urlencode

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext_noop
from PIL import Image
from pyld.jsonld import JsonLdError

from cert_xblock import platform
from cert_xblock.credentials import proof
from cert_xblock.credentials.document import issuer_did, open_badge_credential
from cert_xblock.credentials.keys import issuer_keys
from cert_xblock.credentials.multibase import ED25519_PUBLIC_PREFIX, multikey
from cert_xblock.credentials.signing import credential_row, verification_method
from cert_xblock.models import IssuedCertificate
from cert_xblock.records.links import site_root
from cert_xblock.rendering.qr import qr_image

CHALLENGE_SALT = "cert_xblock.credentials.wallet"
CHALLENGE_MAX_AGE = 7 * 24 * 3600
MAX_BODY = 64 * 1024


class ExchangeRefused(ValueError):
    """The wallet's request is refused; ``message`` (untranslated msgid) says why, ``status`` is a 4xx."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


def exchange_url(verify_id: str) -> str:
    return site_root() + reverse("cert_xblock:credential-exchange", kwargs={"verify_id": verify_id})


def _deep_link(verify_id: str, challenge: str) -> str:
    return "dccrequest://request?" + urlencode({"issuer": issuer_did(), "auth_type": "bearer", "challenge": challenge,
                                                "vc_request_url": exchange_url(verify_id)})


def wallet_links(certificate: IssuedCertificate) -> tuple[str, str]:
    """(the link that opens the wallet on this certificate's exchange, the URL of that link as a QR code).

    Only a signature is computed here, so the learner view stays as fast as it was; the browser fetches the QR code
    afterwards (``qr_png``), carrying the same challenge, which is all the link grants."""
    challenge = signing.dumps(certificate.verify_id, salt=CHALLENGE_SALT)
    qr = reverse("cert_xblock:credential-wallet-qr", kwargs={"verify_id": certificate.verify_id})
    return _deep_link(certificate.verify_id, challenge), f"{qr}?{urlencode({'challenge': challenge})}"


def _checked(verify_id: str, challenge: str) -> None:
    try:
        answered = signing.loads(challenge, salt=CHALLENGE_SALT, max_age=CHALLENGE_MAX_AGE)
    except signing.BadSignature:
        answered = None
    if answered != verify_id:
        raise ExchangeRefused(gettext_noop("The challenge is wrong or has expired: open the link again from the "
                                           "course."), status=403)


def qr_png(verify_id: str, challenge: str, scale: int = 4) -> bytes:
    """The wallet link of a challenge we signed for this certificate, as a QR code a phone's wallet scans off a
    desktop screen."""
    _checked(verify_id, challenge)
    side, packed = qr_image(_deep_link(verify_id, challenge))  # 1 = dark; a 1-bit PIL image reads 1 as white
    image = Image.frombytes("1", (side, side), bytes(byte ^ 0xFF for byte in packed))
    buffer = io.BytesIO()
    image.resize((side * scale, side * scale), Image.Resampling.NEAREST).save(buffer, "PNG")
    return buffer.getvalue()


def _holder_key(holder: Any, method: Any) -> Ed25519PublicKey:
    """The public key of a ``did:key`` holder, when the proof's method is that DID's own key."""
    if not isinstance(holder, str) or not holder.startswith("did:key:z6Mk"):
        raise ExchangeRefused(gettext_noop("The wallet must present a did:key Ed25519 identifier."))
    fingerprint = holder.removeprefix("did:key:")
    if method != f"{holder}#{fingerprint}":
        raise ExchangeRefused(gettext_noop("The presentation is not signed by the wallet's own key."))
    try:
        return Ed25519PublicKey.from_public_bytes(multikey(ED25519_PUBLIC_PREFIX, fingerprint))
    except ValueError:
        raise ExchangeRefused(gettext_noop("The wallet must present a did:key Ed25519 identifier.")) from None


def authenticated_holder(certificate: IssuedCertificate, body: bytes) -> str:
    """The wallet's DID, once its presentation proves it holds the key and answers our challenge for this
    certificate; ExchangeRefused otherwise."""
    try:
        presentation = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise ExchangeRefused(gettext_noop("The wallet's request is not JSON.")) from None
    found = presentation.get("proof") if isinstance(presentation, dict) else None
    if not isinstance(found, dict) or presentation.get("type") not in ("VerifiablePresentation",
                                                                         ["VerifiablePresentation"]):
        raise ExchangeRefused(gettext_noop("The wallet must send a signed presentation."))
    _checked(certificate.verify_id, str(found.get("challenge", "")))
    if found.get("proofPurpose") != "authentication":
        raise ExchangeRefused(gettext_noop("The wallet must send a signed presentation."))
    key = _holder_key(presentation.get("holder"), found.get("verificationMethod"))
    try:
        valid = proof.verify(presentation, key)
    except (ValueError, TypeError, KeyError, JsonLdError):  # a context we do not bundle, or unreadable JSON-LD
        valid = False
    if not valid:
        raise ExchangeRefused(gettext_noop("The presentation's signature does not verify."), status=403)
    return presentation["holder"]


def bound_credential(certificate: IssuedCertificate, holder: str) -> dict[str, Any]:
    """The certificate's credential with the wallet's DID as its subject; refused once the certificate is revoked."""
    if certificate.status == IssuedCertificate.Status.REVOKED:
        raise ExchangeRefused(gettext_noop("This certificate was revoked: it cannot be added to a wallet."),
                              status=409)
    keys = issuer_keys()
    row = credential_row(certificate)
    document = open_badge_credential(certificate, platform.learner_by_id(certificate.user_id).email, row.salt,
                                     row.pk)
    document["credentialSubject"] = {"id": holder, **document["credentialSubject"]}
    signed = proof.sign(document, keys.signing, verification_method(keys))
    signed["proof"] = [signed["proof"]]
    return signed
