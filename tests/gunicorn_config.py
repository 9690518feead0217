"""gunicorn settings of the tests' multi-process workbench: the scenarios are loaded once, before the workers fork.

The XBlock SDK keeps its scenarios' usage ids in each process's memory and loads them on the first page a process
serves (``workbench/scenarios.py`` ``get_scenarios``); a handler POST that lands in a worker which has not served a
page yet is a 404 (``NoSuchUsage``). Loading them in the master, with the app preloaded, gives every worker the same
ids and runs the SDK's one-time scenario preparation once, as it asks, instead of once per worker at random times.
An LMS keeps no such state: this is the workbench's, so it is set up here, not in cert_xblock.
"""
from __future__ import annotations

from typing import Any

preload_app = True


def when_ready(server: Any) -> None:
    """In the master, after the app is loaded and before the first worker is forked."""
    from django.db import connections
    from workbench.scenarios import get_scenarios

    get_scenarios()
    connections.close_all()  # a forked worker must open its own database connection, not share the master's
