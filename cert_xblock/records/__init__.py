"""Records and files: what was issued and where its PDF lies, and the public record anyone may check.

- ``storage``: certificate PDFs through Django's storage API (a private local folder by default, S3 through
  django-storages), with ``checks`` refusing a configuration that would publish them.
- ``verification``: the public record of a certificate (status, name, course) behind the verify page and the API.
- ``links``: the links printed on certificates and handed to learners and staff.
- ``failures``: learners a certificate could not be issued to, written by whichever path failed.
- ``retirement``: a retired account's records, as the platform retires its own certificates: names emptied, files
  deleted, audit rows pointed at the retired username.

The models themselves stay where Django looks (``cert_xblock/models.py``). May import: ``models``, ``config``,
``platform``, ``core``; never ``issuing``, ``staff`` or the views (they import this).
"""
