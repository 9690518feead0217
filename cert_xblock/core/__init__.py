"""What every stage stands on: who may do what, which language, the package's own files, and plain HTTP answers.

- ``permissions``: the one written permission table (docs/security.md) and its checks, run first by every handler,
  view and endpoint.
- ``i18n``: the learner's and author's language, the translation catalogues, dates and numbers as each language
  writes them.
- ``resources`` and ``templating``: the templates, static files and translations, installed or in a checkout.
- ``http``: JSON answers and request parsing with a 4xx and a reason for bad input.
- ``inputs``: text a caller sends refused when it is not valid Unicode, and bounds on named fields, before any work.
- ``queueing``: hand work to a Celery worker when one can receive it.

May import: Django, the ``platform`` seam and ``rendering``'s wording type; no other stage (they all import this).
"""
