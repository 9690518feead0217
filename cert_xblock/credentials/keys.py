"""The issuer's Ed25519 keys, from settings: the one that signs, and the retired ones that still verify.

``CERT_XBLOCK_CREDENTIAL_KEY`` holds the signing key as a Multikey secret (``z3u2…``, as ``cert_xblock_credential_key``
prints it) or an unencrypted PKCS#8 PEM; ``CERT_XBLOCK_CREDENTIAL_RETIRED_KEYS`` lists the public Multikeys
(``z6Mk…``) of keys signed with before a rotation, so credentials they signed still verify through the did:web
document. A missing or malformed key is a ``KeyProblem``: the system check reports it and no credential is signed.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

from cert_xblock.credentials.multibase import ED25519_PUBLIC_PREFIX, ED25519_SECRET_PREFIX, base58btc, multikey


class KeyProblem(ValueError):
    """The configured keys cannot sign credentials; the message says what to fix (for operators)."""


@dataclass(frozen=True)
class IssuerKeys:
    signing: Ed25519PrivateKey
    retired: tuple[str, ...]  # public Multikeys

    @property
    def public_multikey(self) -> str:
        return public_multikey(self.signing.public_key())

    @property
    def all_public(self) -> tuple[str, ...]:
        """The signing key first, then every retired key not equal to it."""
        current = self.public_multikey
        return (current, *(key for key in dict.fromkeys(self.retired) if key != current))


def public_multikey(key: Ed25519PublicKey) -> str:
    return base58btc(ED25519_PUBLIC_PREFIX + key.public_bytes(serialization.Encoding.Raw,
                                                             serialization.PublicFormat.Raw))


def secret_multikey(key: Ed25519PrivateKey) -> str:
    """The key as the setting holds it."""
    seed = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                             serialization.NoEncryption())
    return base58btc(ED25519_SECRET_PREFIX + seed)


def parse_signing_key(text: str) -> Ed25519PrivateKey:
    """A Multikey secret or a PEM private key → the Ed25519 key; KeyProblem when it is neither."""
    text = (text or "").strip()
    if not text:
        raise KeyProblem("CERT_XBLOCK_CREDENTIAL_KEY is not set: no credential can be signed.")
    if text.startswith("-----BEGIN"):
        try:
            key = serialization.load_pem_private_key(text.encode(), password=None)
        except (ValueError, TypeError) as error:
            raise KeyProblem(f"CERT_XBLOCK_CREDENTIAL_KEY is not a readable PEM private key ({error}).") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise KeyProblem("CERT_XBLOCK_CREDENTIAL_KEY is a PEM key, but not an Ed25519 one.")
        return key
    try:
        return Ed25519PrivateKey.from_private_bytes(multikey(ED25519_SECRET_PREFIX, text))
    except ValueError as error:
        raise KeyProblem(f"CERT_XBLOCK_CREDENTIAL_KEY is not an Ed25519 Multikey secret ({error}).") from None


def parse_public_multikey(text: str) -> str:
    """A retired key as listed: a public Multikey (checked), returned as given."""
    try:
        Ed25519PublicKey.from_public_bytes(multikey(ED25519_PUBLIC_PREFIX, text.strip()))
    except ValueError as error:
        raise KeyProblem(f"CERT_XBLOCK_CREDENTIAL_RETIRED_KEYS holds {text!r}, not an Ed25519 public Multikey "
                         f"({error}).") from None
    return text.strip()


def issuer_keys() -> IssuerKeys:
    """The configured keys, read from settings each call (cheap; tests and rotations change them)."""
    signing = parse_signing_key(getattr(settings, "CERT_XBLOCK_CREDENTIAL_KEY", ""))
    retired = getattr(settings, "CERT_XBLOCK_CREDENTIAL_RETIRED_KEYS", ()) or ()
    if isinstance(retired, str):
        retired = retired.split()
    return IssuerKeys(signing, tuple(parse_public_multikey(key) for key in retired))


def new_secret() -> str:
    """A fresh signing key, as the setting holds it."""
    return secret_multikey(Ed25519PrivateKey.generate())


def demo_key(folder: Path) -> str:
    """The demo's key, made once in its var folder (``credential-key.txt``) and read from there after."""
    path = folder / "credential-key.txt"
    if not path.exists():
        path.write_text(new_secret() + "\n", encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()
