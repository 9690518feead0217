"""The block's Studio settings: their values and validation, the database copy the batch reads, and its refresh.

- ``values``: ``CertificateSettings`` (every field an author sets in Studio) and ``validate_settings``, which names
  the field of every problem.
- ``stored``: the copy of each block's settings in ``CertificateBlockConfig``, for work without an XBlock runtime.
- ``sync`` and ``receivers``: Studio's ``course_published`` refreshes that copy in a worker.

May import: ``models``, ``plugins`` (which designs and sources are installed), ``core``, ``platform``. Everything
that decides or prints a certificate reads its settings from here.
"""
