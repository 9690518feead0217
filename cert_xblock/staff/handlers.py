"""The block's door into the staff operations: ``/handler/staff/<operation>``, and the staff view itself.

The permission table is asked first (the operation's row; an unknown operation is checked against the
dashboard's row, so a learner is refused before learning what exists); then the method, content type, size
and shape of the request, and every argument's text and bounds (``ARGUMENTS``, which the REST API applies too);
only then does the operation run.
"""
from __future__ import annotations

import hashlib
from typing import Any

from web_fragments.fragment import Fragment
from webob import Response

from cert_xblock.core.http import RequestError, error_response, json_response, parse_json_object, require_method
from cert_xblock.core.i18n import direction, gettext_for
from cert_xblock.core.inputs import InputRefused
from cert_xblock.core.permissions import Action
from cert_xblock.core.resources import read_text
from cert_xblock.core.templating import render_template
from cert_xblock.issuing.batch.runner import BatchBlock
from cert_xblock.platform.types import Learner
from cert_xblock.staff.allowlist import MAX_CSV_BYTES
from cert_xblock.staff.arguments import check_arguments
from cert_xblock.staff.audit import Actor
from cert_xblock.staff.dashboard import STATUSES
from cert_xblock.staff.feedback_strings import feedback_strings
from cert_xblock.staff.operations import OPERATIONS, perform

CSV_TYPES = frozenset({"text/csv", "application/csv", "text/plain", "application/octet-stream",
                       "application/vnd.ms-excel"})


def handle(block: Any, request: Any, suffix: str, learner: Learner) -> Response:
    """Answer one staff request to the block: refused (403), malformed (4xx), or the operation's JSON."""
    name = suffix.strip("/")
    if name in REPORTS:
        return _report(block, request, name, learner)
    operation = OPERATIONS.get(name)
    refused = block._refused(operation.action if operation else Action.STAFF_DASHBOARD, learner)
    if refused is not None:
        return refused
    _ = gettext_for(learner.language)
    if operation is None:
        return error_response(404, _("There is no staff operation '{name}'.").format(name=name[:40]))
    try:
        data = read_arguments(request, operation.method, operation.body, _)
        check_arguments(request.GET if isinstance(data, tuple) else data, _)
    except (RequestError, InputRefused) as exc:
        return error_response(exc.status, str(exc))
    status, payload = perform(name, BatchBlock(block.block_ref, block.certificate_settings), data,
                              Actor(learner.username, learner.user_id), _)
    return json_response(status, payload)


REPORTS = {"report.csv": ("text/csv", "csv"), "report.zip": ("application/zip", "zip")}


def _report(block: Any, request: Any, name: str, learner: Learner) -> Response:
    """The issuance report or the ZIP of PDFs, as a streamed body (where the runtime streams handler bodies)."""
    from cert_xblock.staff.reports import pdf_zip, report_csv, report_file_name

    refused = block._refused(Action.STAFF_REPORT, learner)
    if refused is not None:
        return refused
    try:
        require_method(request, ("GET",), gettext_for(learner.language))
    except RequestError as exc:
        return error_response(exc.status, str(exc))
    content_type, kind = REPORTS[name]
    block_id = block.block_ref.block_id
    body = report_csv(block_id, gettext_for(learner.language)) if kind == "csv" else pdf_zip(block_id)
    file_name = report_file_name(block.block_ref.course_key, block.block_ref.block_id, kind)
    return Response(app_iter=body, content_type=content_type, charset="utf-8" if kind == "csv" else None,
                    content_disposition=f'attachment; filename="{file_name}"',
                    cache_control="private, no-store")


def read_arguments(request: Any, method: str, body: str, _: Any) -> Any:
    """GET: the query's arguments (one value each); POST: a JSON object, or CSV bytes and the query's note."""
    if method == "GET":
        require_method(request, ("GET",), _)
        return {key: request.GET.get(key) for key in request.GET}
    if body != "csv":
        return parse_json_object(request, _)
    require_method(request, ("POST",), _)
    if (request.content_type or "").lower() not in CSV_TYPES:
        raise RequestError(415, _("Send the file as CSV (Content-Type: text/csv)."))
    data = request.body_file_raw.read(MAX_CSV_BYTES + 1) if request.content_length is None else (
        request.body if request.content_length <= MAX_CSV_BYTES else b"x" * (MAX_CSV_BYTES + 1))
    if len(data) > MAX_CSV_BYTES:
        raise RequestError(413, _("The file is too large (at most 1 MB)."))
    return data, request.GET.get("note", "")


def shows_dashboard() -> bool:
    """The dashboard is the LMS's: Studio's preview of the block (where the plugin mounts no URLs) shows the learner
    view only."""
    from django.conf import settings

    return getattr(settings, "SERVICE_VARIANT", "lms") != "cms"


def staff_fragment(block: Any, learner: Learner, learner_html: str, learner_strings: dict[str, str]) -> Fragment:
    """The course team's dashboard above the learner view (which a switch shows or hides)."""
    from cert_xblock.records.links import staff_api_root

    _ = gettext_for(learner.language)
    strings = staff_strings(_)
    api = staff_api_root(block.block_ref.course_key, block.block_ref.block_id)
    # The certificate's own name: a course with several blocks shows several dashboards.
    title = _("{name}: course team").format(name=block.certificate_settings.display_name)
    uid = "cert-xblock-staff-" + hashlib.sha1(block.block_ref.block_id.encode()).hexdigest()[:10]
    frag = Fragment(render_template("staff.html", {
        "strings": strings, "learner_html": learner_html, "language": learner.language or "en", "title": title,
        "uid": uid,
        "direction": direction(learner.language),
        **{f"report_{kind}": _report_link(block, api, kind) for kind in ("csv", "zip")}}))
    frag.add_css(read_text("static", "css/cert_xblock.css"))
    frag.add_css(read_text("static", "css/cert_xblock_staff.css"))
    frag.add_javascript(read_text("static", "js/cert_xblock.js"))
    frag.add_javascript(read_text("static", "js/cert_xblock_staff.js"))
    frag.initialize_js("CertXBlockStaff", {"strings": strings, "learner_strings": learner_strings,
                                           "statuses": list(STATUSES)})
    return frag


def _report_link(block: Any, api: str, kind: str) -> str:
    """Where the staff view downloads a report. The LMS turns a handler's body into one buffered response, so
    there the link is the REST endpoint (the browser's session signs it in), which streams; where the platform
    has no sign-in of its own (the workbench), the block's handler."""
    from cert_xblock import platform

    if platform.backend_name() == "lms":
        return f"{api}report.{kind}"
    return block.runtime.handler_url(block, "staff", f"report.{kind}")


def staff_strings(_: Any) -> dict[str, str]:
    """Every label of the staff view, in the caller's language."""
    return {
        "show_learner": _("Show the learner view"),
        "eligible": _("Eligible, not yet certified"), "issued": _("Issued"), "not_yet_eligible": _("Not yet eligible"),
        "allowlisted": _("Allowlisted"), "revoked": _("Revoked"), "failed": _("Failed"),
        "search": _("Search learners"), "all": _("All"), "status": _("Status"), "name": _("Name as printed"),
        "username": _("Username"), "grade": _("Grade"), "issued_at": _("Issued at"), "verify": _("Verify"),
        "email": _("Email"), "actions": _("Actions"), "revoke": _("Revoke"), "restore": _("Restore"),
        "regenerate": _("Regenerate"), "history": _("History"), "allowlist": _("Allowlist"),
        "add": _("Add to allowlist"), "remove": _("Remove from allowlist"), "note": _("Note"),
        "user": _("Username or email"), "csv": _("Upload a CSV"), "issue_now": _("Issue now"),
        "progress": _("Batch run"), "queued": _("queued"), "done": _("done"), "running": _("running"),
        # Translators: learners of a batch run underway not yet counted: being issued now, or waiting for a worker.
        "running_figure": _("running or waiting"),
        "skipped": _("skipped"), "run_failed": _("failed"), "report_csv": _("Issuance report (CSV)"),
        "report_zip": _("All PDFs (ZIP)"),
        "previous": _("Previous"), "next": _("Next"),
        "page": _("Page"), "regenerate_all": _("Regenerate all"), "regenerated": _("Regenerated"),
        "not_eligible": _("Not eligible"),
        "audit": _("Recent staff actions"), "request_id": _("Request id"),
        "version": _("Version"), "by": _("By"), "when": _("When"), "why": _("Why"), "close": _("Close"),
        **feedback_strings(_),
    }
