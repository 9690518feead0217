"""Where the package runs besides a plain ``pip install`` into the LMS: the demo and the Tutor plugin.

- ``demo/``: the XBlock SDK workbench on the standalone twin
  (``DJANGO_SETTINGS_MODULE=cert_xblock.deploy.demo.settings``), with its scenarios and a Celery app for the
  demo's worker and beat.
- ``tutor/``: the Tutor plugin (entry point ``tutor.plugin.v1`` named ``cert_xblock``): settings, patches, init tasks.

May import: ``settings`` and the ``platform`` twin (the demo's data); nothing of the pipeline imports this folder but
the block's ``workbench_scenarios``.
"""
