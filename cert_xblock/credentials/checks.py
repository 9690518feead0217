"""System check ``cert_xblock.E010``: the credential signing key is set and is an Ed25519 key.

Without it no credential is signed (the endpoints answer 503 with the reason), so ``manage.py check`` and the LMS's
start say so before a learner asks for one.
"""
from __future__ import annotations

from typing import Any

from django.core.checks import Error, register

from cert_xblock.credentials.keys import KeyProblem, issuer_keys


@register()
def credential_keys_are_usable(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    try:
        issuer_keys()
    except KeyProblem as problem:
        return [Error(str(problem), id="cert_xblock.E010",
                      hint="Run `manage.py lms cert_xblock_credential_key` and put the key it prints in "
                           "CERT_XBLOCK_CREDENTIAL_KEY (keep the old public key in "
                           "CERT_XBLOCK_CREDENTIAL_RETIRED_KEYS when rotating).")]
    return []
