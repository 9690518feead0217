"""Telling others that a certificate was issued: the learner's email and the platform's tracking events.

- ``email``: the issue email through edx-ace (the seam's ``messages``), its delivery state and resends.
- ``tracking``: the tracking-log events of issue, revoke and download.
- ``receivers``: the LMS's receiver of ``issuing.signals.certificate_issued``, after the commit.

May import: ``models``, ``config``, ``records``, ``core``, ``platform``. The issuance path never imports it: it
sends a signal, and this stage listens.
"""
