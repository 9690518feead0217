"""The web side of the plugin app: the public verify pages, the share image, the REST API and the platform bridge.

- ``urls``: the LMS's URL config (``plugin_app``): verify pages and ``rest/``.
- ``verify_views`` and ``share_image``: the public verification page anyone may open, and its social image.
- ``rest/``: the REST API for learners and course staff; every view checks ``core.permissions`` first.
- ``filters``: the openedx-filters step that sends the platform's certificate page to ours.

May import every stage below it (``staff``, ``issuing``, ``records``, ``config``, ``plugins``, ``rendering``,
``notifications``, ``core``, ``platform``). Nothing imports it but Django's URL resolver and the app's ``ready``.
"""
