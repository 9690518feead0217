"""cert_xblock's Tutor plugin (entry point ``tutor.plugin.v1``); see ``plugin.py`` and docs/operators.md."""
