"""Multibase base58btc and Multikey (Controlled Identifiers 1.0 §2.2.2): the text form of Ed25519 keys.

A public key is ``z`` + base58btc(0xed01 ‖ 32 bytes), a secret key ``z`` + base58btc(0x8026 ‖ 32-byte seed); the two
prefixes are the multicodec varints of ``ed25519-pub`` (0xed) and ``ed25519-priv`` (0x1300).
"""
from __future__ import annotations

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
ED25519_PUBLIC_PREFIX = b"\xed\x01"
ED25519_SECRET_PREFIX = b"\x80\x26"


def base58btc(data: bytes) -> str:
    """``z`` + base58 (Bitcoin alphabet), leading zero bytes as ``1``s."""
    number = int.from_bytes(data, "big")
    text = ""
    while number:
        number, digit = divmod(number, 58)
        text = ALPHABET[digit] + text
    return "z" + "1" * (len(data) - len(data.lstrip(b"\0"))) + text


def decode_base58btc(text: str) -> bytes:
    """The bytes of a ``z``-prefixed base58btc string; ValueError when it is not one."""
    if not text.startswith("z") or len(text) < 2:
        raise ValueError("not a base58btc multibase string (it must start with 'z')")
    body = text[1:]
    number = 0
    for char in body:
        digit = ALPHABET.find(char)
        if digit < 0:
            raise ValueError(f"{char!r} is not a base58 character")
        number = number * 58 + digit
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return b"\0" * (len(body) - len(body.lstrip("1"))) + raw


def multikey(prefix: bytes, text: str) -> bytes:
    """The 32 key bytes of a Multikey string with this multicodec prefix; ValueError otherwise."""
    raw = decode_base58btc(text)
    if not raw.startswith(prefix) or len(raw) != len(prefix) + 32:
        raise ValueError("not an Ed25519 Multikey of the expected kind")
    return raw[len(prefix):]
