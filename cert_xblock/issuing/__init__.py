"""Issuing: who earns the certificate and the one path that issues it.

- ``eligibility``: pure rules: a learner's requirements, gates and grade in; a decision with a reason out.
- ``kinds``: the requirements of a course, lesson or pathway certificate and its further rules, read through the
  seam for a whole chunk of learners at once.
- ``names``: the learner's name as printed.
- ``issuance``: ``issue_certificate``, the one issuance path the click, the batch and staff actions all call; one
  live certificate per learner and block, settled by a database constraint.
- ``payloads``: the JSON shapes of decisions and certificates for the block and the REST API.
- ``signals``: sent after an issue commits, for notifications.
- ``batch/``: the beat's batch over every remaining eligible learner. It calls issuance; nothing here calls it.

May import: ``config``, ``records``, ``plugins``, ``rendering``, ``core``, ``platform``, ``models``.
"""
