"""Course-team operations on a certificate block: dashboard, allowlist, revoke and restore, regenerate, issue now,
reports — each recorded in the audit trail (who, when, what, why, the request id).

The public face: other code (the block, the REST API, the management commands) imports from here only.
Certificates are only ever created by ``issuance.issue_certificate`` (through the batch, for "issue now") and
printed again by ``issuance.reprint_certificate`` (regenerate): there is no second way.

May import: ``issuing`` (issuance, and the batch for Issue now and the remaining-learner reports), ``records``,
``config``, ``rendering``, ``core``, ``platform``, ``models``. Imported by the block, the REST API and the
management commands.
"""
from __future__ import annotations

from cert_xblock.staff.allowlist import MAX_CSV_BYTES
from cert_xblock.staff.allowlist import add as allowlist_add
from cert_xblock.staff.allowlist import entries as allowlist_entries
from cert_xblock.staff.allowlist import import_csv as allowlist_import_csv
from cert_xblock.staff.allowlist import remove as allowlist_remove
from cert_xblock.staff.arguments import check_arguments
from cert_xblock.staff.audit import Actor, StaffError, grouped_history, history
from cert_xblock.staff.dashboard import counts, learners
from cert_xblock.staff.issue_now import progress as issue_now_progress
from cert_xblock.staff.issue_now import start as start_issue_now
from cert_xblock.staff.lookup import block_certificate, user_by_identifier
from cert_xblock.staff.operations import OPERATIONS, Operation, perform
from cert_xblock.staff.regeneration import regenerate, regenerate_all, versions
from cert_xblock.staff.reports import pdf_zip, report_csv, report_file_name
from cert_xblock.staff.revocation import restore, revoke

__all__ = [
    "MAX_CSV_BYTES", "OPERATIONS", "Actor", "Operation", "StaffError", "allowlist_add", "allowlist_entries",
    "allowlist_import_csv",
    "allowlist_remove", "block_certificate", "check_arguments", "counts", "grouped_history", "history",
    "issue_now_progress", "learners", "pdf_zip", "perform", "regenerate", "regenerate_all", "report_csv",
    "report_file_name", "restore", "revoke", "start_issue_now", "user_by_identifier", "versions",
]
