"""A certificate's credential, signed on first request and kept: issuance stays as fast as it was.

The signed document is cached on the ``IssuedCredential`` row for the certificate's ``version``; regenerating the
certificate (a new version) makes the next request sign a new credential, under the same status-list index. The
email is hashed with the row's salt, so a re-signed credential identifies the learner by the same hash.
"""
from __future__ import annotations

import logging
import secrets
from datetime import UTC, datetime
from typing import Any

from django.db import IntegrityError, transaction

from cert_xblock import platform
from cert_xblock.credentials import proof
from cert_xblock.credentials.document import issuer_did, open_badge_credential
from cert_xblock.credentials.keys import IssuerKeys, issuer_keys
from cert_xblock.models import IssuedCertificate, IssuedCredential

log = logging.getLogger(__name__)


def verification_method(keys: IssuerKeys) -> str:
    """The key's id in the did:web document: the DID, ``#``, the public Multikey."""
    return f"{issuer_did()}#{keys.public_multikey}"


def credential_row(certificate: IssuedCertificate) -> IssuedCredential:
    """The certificate's credential row (its status-list index is the row's id), made on first need."""
    defaults = {"salt": secrets.token_hex(16), "revoked": certificate.status == IssuedCertificate.Status.REVOKED}
    try:
        with transaction.atomic():
            return IssuedCredential.objects.get_or_create(certificate=certificate, defaults=defaults)[0]
    except IntegrityError:  # another request made it in the meantime
        return IssuedCredential.objects.get(certificate=certificate)


def signed_credential(certificate: IssuedCertificate) -> dict[str, Any]:
    """The signed OpenBadgeCredential; ``keys.KeyProblem`` when no key can sign (nothing is signed then)."""
    keys = issuer_keys()
    row = credential_row(certificate)
    if row.document and row.version == certificate.version:
        return row.document
    email = platform.learner_by_id(certificate.user_id).email
    document = proof.sign(open_badge_credential(certificate, email, row.salt, row.pk), keys.signing,
                          verification_method(keys))
    # Open Badges 3.0's schema wants the proofs as a list (VC Data Integrity §2.1 allows either); in JSON-LD a list of
    # one is the same data, so the signature is unchanged.
    document["proof"] = [document["proof"]]
    row.document, row.version, row.signed_at = document, certificate.version, datetime.now(UTC)
    row.save(update_fields=["document", "version", "signed_at", "modified"])
    log.debug("signed the credential of certificate %s (version %s)", certificate.verify_id, certificate.version)
    return document
