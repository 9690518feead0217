"""Twin of the platform's user-retirement signals and of the two LMS steps that send them.

The signals are openedx/core/djangoapps/user_api/accounts/signals.py's. ``retire_account`` does what the retirement
pipeline's two LMS calls do to the user, in their order (openedx/core/djangoapps/user_api/accounts/views.py):
``LMSAccountRetirementView.post`` (``retire_misc``) sends ``USER_RETIRE_LMS_MISC`` and ``USER_RETIRE_MAILINGS``;
``AccountRetirementView.post`` (``retire``) blanks the profile's name, sends ``USER_RETIRE_LMS_CRITICAL`` with the
retired username and email while the user still has the original ones, then saves the retired ones on the user and
deactivates it. Retired names follow ``get_retired_username_by_username`` / ``get_retired_email_by_email``
(``RETIRED_USERNAME_FMT`` "retired__user_{}", ``RETIRED_EMAIL_FMT`` "retired__user_{}@retired.invalid", a hash of
the original).
"""
from __future__ import annotations

import hashlib

from django.contrib.auth import get_user_model
from django.dispatch import Signal

from cert_xblock.platform.twin.models import UserProfile

USER_RETIRE_MAILINGS = Signal()  # user, email, new_email
USER_RETIRE_LMS_MISC = Signal()  # user
USER_RETIRE_LMS_CRITICAL = Signal()  # user, retired_username, retired_email


def _retired_hash(value: str) -> str:
    return hashlib.sha1(f"twin-retirement-salt{value.lower()}".encode()).hexdigest()


def retire_account(user_id: int) -> tuple[str, str]:
    """Retire one account as the LMS's retirement endpoints do; the retired username and email."""
    user = get_user_model().objects.get(pk=user_id)
    retired_username = f"retired__user_{_retired_hash(user.username)}"
    retired_email = f"retired__user_{_retired_hash(user.email)}@retired.invalid"
    sender = retire_account
    USER_RETIRE_LMS_MISC.send(sender=sender, user=user)
    USER_RETIRE_MAILINGS.send(sender=sender, email=user.email, new_email=retired_email, user=user)
    UserProfile.objects.filter(user_id=user_id).update(name="")
    USER_RETIRE_LMS_CRITICAL.send(sender=sender, user=user, retired_username=retired_username,
                                  retired_email=retired_email)
    user.first_name = user.last_name = ""
    user.is_active = False
    user.username, user.email = retired_username, retired_email
    user.save()
    return retired_username, retired_email
