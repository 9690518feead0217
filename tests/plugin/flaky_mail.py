"""Email backends for the email tests: one that is down, and ones that fail a set number of times first."""
from __future__ import annotations

import os

from django.core.mail.backends.filebased import EmailBackend as FileBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class DownBackend(LocmemBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server at 127.0.0.1:25 refused the connection")


class FlakyBackend(LocmemBackend):
    """Refuses the first ``failures_left`` sends (class-wide), then delivers to ``mail.outbox``."""

    failures_left = 0

    def send_messages(self, messages):
        if FlakyBackend.failures_left > 0:
            FlakyBackend.failures_left -= 1
            raise TimeoutError("SMTP server timed out")
        return super().send_messages(messages)


class FlakyFileBackend(FileBackend):
    """For a real worker process: refuses the first ``CERT_XBLOCK_TEST_MAIL_FAILURES`` sends, then writes files."""

    failures_left = int(os.environ.get("CERT_XBLOCK_TEST_MAIL_FAILURES", "0"))

    def send_messages(self, messages):
        if FlakyFileBackend.failures_left > 0:
            FlakyFileBackend.failures_left -= 1
            raise TimeoutError("SMTP server timed out")
        return super().send_messages(messages)
