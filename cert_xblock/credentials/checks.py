"""System checks ``cert_xblock.W010`` and ``cert_xblock.E010``: the credential signing key is set and is an Ed25519 key.

Without it no credential is signed (the endpoints answer 503 with the reason), so ``manage.py check`` and the LMS's
start say so before a learner asks for one. A key not set yet is a warning: an operator who upgrades before making
one keeps a working LMS (an error would stop ``migrate``), and certificates go on being issued without credentials.
A key that is set but unusable is an error: the operator meant to sign and cannot.
"""
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register

from cert_xblock.credentials.keys import KeyProblem, issuer_keys


@register()
def credential_keys_are_usable(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    try:
        issuer_keys()
    except KeyProblem as problem:
        unset = not str(getattr(settings, "CERT_XBLOCK_CREDENTIAL_KEY", "") or "").strip()
        kind, check_id = (Warning, "cert_xblock.W010") if unset else (Error, "cert_xblock.E010")
        return [kind(str(problem), id=check_id,
                     hint="Run `manage.py lms cert_xblock_credential_key` and put the key it prints in "
                          "CERT_XBLOCK_CREDENTIAL_KEY (keep the old public key in "
                          "CERT_XBLOCK_CREDENTIAL_RETIRED_KEYS when rotating).")]
    return []
