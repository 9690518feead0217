"""The staff view's words for what an action did, what it asks first, and what the list says when it is empty.

Kept apart from the labels (``handlers.staff_strings``) because they are sentences with placeholders the script
fills ({name}, {count}, {file}) and are many: each action's question, its answer, the dialog's reason box.
"""
from __future__ import annotations

from typing import Any

from cert_xblock.staff.audit import ACTION_WORDS, action_words


def feedback_strings(_: Any) -> dict[str, str]:
    """Confirmations, answers, empty states and the enrolment-mode and outcome names, in the caller's language."""
    return {
        "cancel": _("Cancel"), "mode": _("Enrolment"), "pages": _("Pages of learners"),
        "reason_required": _("Reason (required, kept in the history)"),
        "reason_optional": _("Note (optional, kept in the history)"),
        "reason_missing": _("Give a reason: it is kept in the certificate's history."),
        "confirm_revoke": _("Revoke the certificate of {name}?"),
        "confirm_revoke_text": _("Their download stops and the verify page says it was revoked. You can restore "
                                 "it later."),
        "confirm_restore": _("Restore the certificate of {name}?"),
        "confirm_restore_text": _("The same certificate becomes valid again, with its verify link."),
        "confirm_regenerate": _("Print the certificate of {name} again?"),
        "confirm_regenerate_text": _("The PDF is printed again with today's name and design; the verify link stays "
                                     "the same and the earlier version is kept in the history."),
        "confirm_regenerate_all": _("Print all {count} valid certificates again?"),
        "confirm_remove": _("Remove {name} from the allowlist?"),
        "confirm_remove_text": _("A certificate they already hold stays valid (revoke it to take it back)."),
        "confirm_csv": _("Import {count} lines of {file} into the allowlist?"),
        "confirm_csv_text": _("Every valid line is added at once; the report lists each line's outcome."),
        "done_revoke": _("Revoked the certificate of {name}."),
        "done_restore": _("Restored the certificate of {name}."),
        "done_regenerate": _("Printed the certificate of {name} again."),
        "done_issue": _("Issued a certificate to {name}."),
        "done_add": _("Added {name} to the allowlist."),
        "done_remove": _("Removed {name} from the allowlist."),
        "done_note": _("Updated the allowlist note of {name}."),
        "done_unchanged": _("{name} is already on the allowlist with this note."),
        "name_learner": _("Name the learner by username or email address."),
        "issue_one": _("Issue certificate"), "issued_now": _("issued"),
        "no_grade": _("No grade yet"), "completion_figure": _("{figure} complete"),
        "empty_search": _("No learner matches “{search}”."),
        "empty_list": _("No learner is in this list."),
        "empty_history": _("No staff action yet."),
        "page_of": _("Page {page} of {pages} ({count})"),
        "history_of": _("History of {name}"), "versions": _("Versions"), "audit_learner": _("Staff actions"),
        "learners_count": _("{count} learners"),
        "csv_import": _("Import the CSV"), "csv_report": _("Import report for {file}"),
        "csv_totals": _("{added} added · {updated} updated · {unchanged} unchanged · {skipped} skipped · "
                        "{error} errors"),
        "line": _("Line"), "outcome": _("Outcome"), "details": _("Details"),
        "outcome_added": _("Added"), "outcome_updated": _("Updated"), "outcome_unchanged": _("Unchanged"),
        "outcome_skipped": _("Skipped"), "outcome_error": _("Error"),
        "outcome_added_text": _("Added to the allowlist."), "outcome_updated_text": _("The note was updated."),
        "outcome_unchanged_text": _("Already on the allowlist with this note."),
        "mode_audit": _("Audit"), "mode_verified": _("Verified"), "mode_honor": _("Honor"),
        "mode_professional": _("Professional"), "mode_no-id-professional": _("Professional"),
        "mode_masters": _("Master's"), "mode_credit": _("Credit"), "mode_executive-education": _("Executive education"),
        # the history's "What" column: each audit row's kind in words
        **{f"kind_{kind}": action_words(kind, _) for kind in ACTION_WORDS},
    }
