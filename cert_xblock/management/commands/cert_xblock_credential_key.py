"""Print a new Ed25519 signing key for CERT_XBLOCK_CREDENTIAL_KEY, and the public key a rotation keeps listed."""
from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cert_xblock.credentials.keys import new_secret, parse_signing_key, public_multikey


class Command(BaseCommand):
    help = "Generate an Ed25519 key for signing Open Badges credentials (prints the setting's value)."

    def handle(self, *args: Any, **options: Any) -> None:
        secret = new_secret()
        self.stdout.write(f"CERT_XBLOCK_CREDENTIAL_KEY = {secret!r}")
        self.stdout.write(f"# its public key (list it in CERT_XBLOCK_CREDENTIAL_RETIRED_KEYS after a rotation): "
                          f"{public_multikey(parse_signing_key(secret).public_key())}")
