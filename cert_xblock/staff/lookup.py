"""Finding what staff name: a learner by username or email, a block's certificate by verify id or username."""
from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_noop

from cert_xblock.issuing.issuance import BlockRef
from cert_xblock.models import IssuedCertificate
from cert_xblock.staff.audit import StaffError

MAX_IDENTIFIER = 254


def user_by_identifier(identifier: Any) -> Any:
    """The user whose username or email address this is; ``StaffError`` (404) when nobody has it."""
    if not isinstance(identifier, str) or not identifier.strip():
        raise StaffError(gettext_noop("Name the learner by username or email address."))
    text = identifier.strip()
    if len(text) > MAX_IDENTIFIER:
        raise StaffError(gettext_noop("'{identifier}' is too long for a username or email address."),
                         identifier=text[:40] + "…")
    match = Q(username=text) | Q(email__iexact=text) if "@" in text else Q(username=text)
    users = list(get_user_model().objects.filter(match)[:2])
    if len(users) != 1:
        raise StaffError(gettext_noop("No learner has the username or email address '{identifier}'.") if not users
                         else gettext_noop("More than one account has the email address '{identifier}': use the "
                                           "username."), status=404 if not users else 400, identifier=text)
    return users[0]


def block_certificate(block: BlockRef, *, verify_id: Any = None, username: Any = None,
                      live: bool | None = None) -> IssuedCertificate:
    """This block's certificate named by verify id, or the learner's latest; ``StaffError`` (404) when none.

    ``live`` True: only a valid (not revoked) one; False: only a revoked one; None: either.
    """
    certificates = IssuedCertificate.objects.filter(block_id=block.block_id).select_related("user")
    if isinstance(verify_id, str) and verify_id.strip():
        certificates = certificates.filter(verify_id=verify_id.strip().lower())
    elif username is not None:
        certificates = certificates.filter(user=user_by_identifier(username))
    else:
        raise StaffError(gettext_noop("Name the certificate by its id or the learner's username."))
    if live is not None:
        certificates = certificates.filter(status=IssuedCertificate.Status.ISSUED if live
                                           else IssuedCertificate.Status.REVOKED)
    found = certificates.order_by("-issued_at", "-id").first()
    if found is None:
        raise StaffError({True: gettext_noop("This learner holds no valid certificate from this block."),
                          False: gettext_noop("This learner has no revoked certificate from this block."),
                          None: gettext_noop("This block issued no such certificate.")}[live], status=404)
    return found
