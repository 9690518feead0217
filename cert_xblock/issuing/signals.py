"""Signals cert_xblock sends, so email, tracking and other apps react without touching the issuance path.

``certificate_issued`` is sent after the issuing transaction commits, with ``certificate`` (the
IssuedCertificate row), ``request_id`` and ``rules`` (the block's CertificateSettings the issuer used, so
receivers need not read them again); ``certificate_revoked`` likewise.
"""
from django.dispatch import Signal

certificate_issued = Signal()
certificate_revoked = Signal()
