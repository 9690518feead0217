"""The block and its views: what a learner, an author in Studio and the course team see of a certificate block.

The public face is ``CertificateXBlock`` (the ``xblock.v1`` entry point ``cert_xblock``, also importable from here as
before the package was laid out by stage). ``certificate_block`` keeps the block thin: fields, views and handlers that
check who is calling (``core.permissions``), parse the request and hand over to ``learner_view`` (the Grade Me click),
``studio_editor`` and ``preview`` (Studio), or the course team's ``staff`` stage.

May import every stage below it: ``issuing``, ``staff``, ``records``, ``config``, ``plugins``, ``rendering``,
``notifications``, ``core`` and the ``platform`` seam. Nothing imports the block but the XBlock runtime (and the
demo). It never imports the batch (``issuing.batch``): a click issues through ``issuing.issuance`` alone.
"""
from __future__ import annotations

from cert_xblock.block.certificate_block import CertificateXBlock

__all__ = ["CertificateXBlock"]
