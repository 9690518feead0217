"""Course-team operations on a certificate block: dashboard, allowlist, revoke and restore, regenerate, issue now,
reports — each recorded in the audit trail (who, when, what, why, the request id).

The public face: other code (the block, the REST API, the management commands) imports from here only.
Certificates are only ever created by ``issuance.issue_certificate`` (through the batch, for "issue now") and
printed again by ``issuance.reprint_certificate`` (regenerate): there is no second way.
"""
from __future__ import annotations

from .allowlist import add as allowlist_add
from .allowlist import entries as allowlist_entries
from .allowlist import import_csv as allowlist_import_csv
from .allowlist import remove as allowlist_remove
from .audit import Actor, StaffError, history
from .dashboard import counts, learners
from .issue_now import progress as issue_now_progress
from .issue_now import start as start_issue_now
from .lookup import block_certificate, user_by_identifier
from .operations import OPERATIONS, Operation, perform
from .regeneration import regenerate, regenerate_all, versions
from .reports import pdf_zip, report_csv
from .revocation import restore, revoke

__all__ = [
    "OPERATIONS", "Actor", "Operation", "StaffError", "allowlist_add", "allowlist_entries", "allowlist_import_csv",
    "allowlist_remove", "block_certificate", "counts", "history", "issue_now_progress", "learners", "pdf_zip",
    "perform", "regenerate", "regenerate_all", "report_csv", "restore", "revoke", "start_issue_now",
    "user_by_identifier", "versions",
]
