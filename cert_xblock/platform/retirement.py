"""Retirement: the platform's user-retirement signals, which cert_xblock's receivers listen to.

The LMS's are ``USER_RETIRE_MAILINGS``, ``USER_RETIRE_LMS_MISC`` and ``USER_RETIRE_LMS_CRITICAL`` of
openedx/core/djangoapps/user_api/accounts/signals.py. ``LMSAccountRetirementView`` (``retire_misc``, in
openedx/core/djangoapps/user_api/accounts/views.py) sends MISC with ``user``, then MAILINGS with ``user``, ``email``
and ``new_email``; later ``AccountRetirementView`` (``retire``) blanks the profile, calls the certificates app's
``clear_pii_from_certificate_records_for_user`` and sends CRITICAL with ``user``, ``retired_username`` and
``retired_email`` *before* it saves the retired username and email on the user (so ``user.username`` is still the
original one there). The twin (``twin/retirement.py``) has the same three signals and sends them in that order.

A plug-in's ``signal_path`` must name an attribute of a module, and which platform answers is known only once the
process runs, so the signals are this module's attributes looked up on first use (``__getattr__``):
``cert_xblock.platform.retirement.USER_RETIRE_LMS_CRITICAL`` is the LMS's signal in the LMS, the twin's elsewhere.
"""
from __future__ import annotations

from typing import Any

from cert_xblock.platform import backend

SIGNALS = ("USER_RETIRE_MAILINGS", "USER_RETIRE_LMS_MISC", "USER_RETIRE_LMS_CRITICAL")


def retirement_signal(name: str) -> Any:
    """One of the platform's retirement signals (``SIGNALS``), from the platform this process talks to."""
    if name not in SIGNALS:
        raise AttributeError(f"the platform has no retirement signal {name}")
    return getattr(backend.current().retirement_signals, name)


def __getattr__(name: str) -> Any:
    if name in SIGNALS:
        return retirement_signal(name)
    raise AttributeError(name)
