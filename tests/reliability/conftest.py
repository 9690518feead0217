"""The reliability suite: faults, concurrency and fuzzing on the database Open edX runs.

Tests that need MariaDB carry ``helpers.needs_mariadb``: deselected in the sqlite pass of
``python3 scripts/dev.py test``, run in its MariaDB pass (which CI always runs: the test command fails there when
MariaDB cannot start). The session ends with the figures table (``figures.py``).
"""
from __future__ import annotations

from tests import services

from . import figures


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    lines = figures.table()
    if lines:
        terminalreporter.section("reliability figures (database: %s)" % ("mariadb" if services.MARIADB else "sqlite"))
        for line in lines:
            terminalreporter.write_line(line)
