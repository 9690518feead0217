"""The database a benchmark runs on: its own sqlite file, or a throw-away MariaDB server as the test command starts.

Shared by the benchmarks so that each says only ``--database sqlite|mariadb`` and what it measures.
"""
from __future__ import annotations

import os
import sys
from contextlib import ExitStack
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def use_database(kind: str, folder: Path, tag: str, stack: ExitStack) -> str:
    """Point this process (and the processes it starts with its environment) at the benchmark's database; returns
    the ``CERT_XBLOCK_DB`` value: the sqlite file in ``folder``, or a fresh MariaDB database named for ``tag``
    on a server that ``stack`` stops."""
    database = str(folder / "bench.db")
    if kind == "mariadb":
        sys.path.insert(0, str(REPO / "scripts"))
        from dev import mariadb_server  # the test command's throw-away server

        address = stack.enter_context(mariadb_server(folder))
        if address is None:
            sys.exit("MariaDB is not installed (Debian mariadb-server)")
        os.environ["CERT_XBLOCK_MARIADB"] = address  # read by tests.services and the demo settings
        from tests import services

        database = services.fresh_database(tag)["CERT_XBLOCK_DB"]
    os.environ["CERT_XBLOCK_DB"] = database
    return database
