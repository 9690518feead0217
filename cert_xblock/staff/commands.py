"""What the operators' management commands share: the block named on the command line, who acts, and errors
as ``CommandError`` with the staff operation's own message."""
from __future__ import annotations

import getpass
from typing import Any

from django.core.management.base import CommandError

from cert_xblock.issuing.batch.runner import BatchBlock, BlockNotConfigured, load_block
from cert_xblock.staff.audit import Actor


def add_block_arguments(parser: Any) -> None:
    """``--block`` (required) and ``--by`` (the name kept in the audit trail)."""
    parser.add_argument("--block", required=True, help="Usage key of the certificate block")
    parser.add_argument("--by", default="", help="Who acts, as the audit trail keeps it (default: operator:<login>)")


def add_certificate_arguments(parser: Any, *alternative: str, **alternative_options: Any) -> None:
    """Which certificate: ``--user`` or the ``alternative`` flag (one of the two), and the required ``--reason``."""
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--user", help="Username or email address of the holder")
    who.add_argument(*alternative, **alternative_options)
    parser.add_argument("--reason", required=True, help="Why (kept in the certificate's history)")


def command_block(block_id: str) -> BatchBlock:
    """The block's stored settings, or a ``CommandError`` that says how to get them stored."""
    try:
        return load_block(block_id)
    except BlockNotConfigured as exc:
        raise CommandError(str(exc)) from None


def operator(by: str) -> Actor:
    """The operator running the command (no user account: the audit trail keeps the name)."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = "unknown"
    return Actor(by.strip() or f"operator:{login}")
