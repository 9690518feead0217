"""The batch: Celery beat finds each block's remaining eligible learners and issues their certificates in chunks.

- ``runner``: the candidates (a superset from the platform's indexes, each then decided through ``issuing.kinds``
  and ``issuing.eligibility``), the chunks and the run's accounting.
- ``lease``: one run per block at a time, across workers and machines.
- ``schedule``: when a block's Studio schedule (crontab) makes it due.
- ``tasks``: the Celery tasks (their names are kept from before the package was laid out by stage, so queued
  messages and beat entries survive an upgrade).

May import everything ``issuing`` may, and ``issuing.issuance``. Only the staff stage (Issue now, reports), the REST
API and the management commands import the batch; the click and issuance never do.
"""
