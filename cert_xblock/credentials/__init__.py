"""Every certificate also as a signed Open Badges 3.0 credential, for machines, wallets and offline verifiers.

What it is for: the ``OpenBadgeCredential`` (W3C VC Data Model 2.0 + 1EdTech OB 3.0) of an issued certificate
(``document``), its ``DataIntegrityProof`` with the ``eddsa-rdfc-2022`` cryptosuite (``proof`` over ``canonical``:
RDF Dataset Canonicalization against the JSON-LD contexts bundled in ``contexts/``, never fetched), the issuer's
Ed25519 keys and its ``did:web`` document (``keys``, ``issuer``), the Bitstring Status List that says whether a
credential was revoked (``status``), the Learner Credential Wallet's exchange (``wallet``), and the endpoints that hand
them out (``views``, ``urls``).

Issuance never imports this folder: a credential is signed on first request and cached (``signing``), and the
staff stage's revocation calls ``status.record_revocation`` inside its own transaction.

May import: Django, Django REST framework, pyld, cryptography, ``cert_xblock.models``, ``cert_xblock.core``,
``cert_xblock.config`` (the block's stored rules), ``cert_xblock.records.links``, ``cert_xblock.rendering.qr``
(the wallet link's QR code), the seam's face
(``cert_xblock.platform``) and, for its one REST view, ``cert_xblock.web.rest.permissions``; nothing of ``issuing``,
``staff`` or ``block`` (they import it: the learner view its links, revocation its status bit).
"""
