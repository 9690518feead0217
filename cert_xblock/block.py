"""The Certificate XBlock: Studio settings, the learner's view, and the handlers behind its buttons.

Kept thin on purpose: fields and handlers parse input and call modules named for their job
(``eligibility``, ``issuance``, ``storage``, ``rendering``); all platform access goes through ``compat``.
"""
from __future__ import annotations

import logging
from typing import Any

from web_fragments.fragment import Fragment
from webob import Response
from xblock.core import XBlock
from xblock.fields import Boolean, Float, Integer, Scope, String
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

from . import compat, storage
from .config import DESIGN_NAMES, CertificateSettings, validate_settings
from .http import error_response
from .i18n import gettext_for
from .platform_types import Learner
from .resources import read_text
from .templating import render_template

log = logging.getLogger(__name__)
DEFAULTS = CertificateSettings()


def _choices(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"value": value, "display_name": label} for value, label in pairs]


@XBlock.needs("user")
@XBlock.wants("i18n")
class CertificateXBlock(StudioEditableXBlockMixin, XBlock):
    """A "Get my certificate" button that issues a PDF certificate from the learner's course grade."""

    display_name = String(display_name="Display name", default=DEFAULTS.display_name, scope=Scope.settings)
    grade_rule = String(
        display_name="Grade that earns the certificate",
        help="Either the course's own passing grade, or a minimum percentage set below.",
        default=DEFAULTS.grade_rule, scope=Scope.settings,
        values=_choices(("course_passing", "The course's passing grade"), ("minimum_percent", "A minimum percentage")),
    )
    minimum_percent = Float(
        display_name="Minimum percentage", help="Used when the grade rule is 'A minimum percentage' (0-100).",
        default=DEFAULTS.minimum_percent, scope=Scope.settings,
    )
    certificate_title = String(display_name="Certificate title", default=DEFAULTS.certificate_title,
                               scope=Scope.settings)
    course_name = String(display_name="Course name as printed", help="Leave blank to print the course's name.",
                         default=DEFAULTS.course_name, scope=Scope.settings)
    organization_name = String(display_name="Organization name",
                               help="Leave blank to print the course's organization.",
                               default=DEFAULTS.organization_name, scope=Scope.settings)
    available_from = String(display_name="Certificates available from",
                            help="Earliest date (YYYY-MM-DD, UTC) certificates may be issued. Blank: at once.",
                            default=DEFAULTS.available_from, scope=Scope.settings)
    allow_audit = Boolean(display_name="Certify audit learners", default=DEFAULTS.allow_audit, scope=Scope.settings)
    design = String(display_name="Design", default=DEFAULTS.design, scope=Scope.settings,
                    values=_choices(*[(name, name.capitalize()) for name in DESIGN_NAMES]))
    orientation = String(display_name="Orientation", default=DEFAULTS.orientation, scope=Scope.settings,
                         values=_choices(("landscape", "Landscape"), ("portrait", "Portrait")))
    page_size = String(display_name="Paper size", default=DEFAULTS.page_size, scope=Scope.settings,
                       values=_choices(("A4", "A4"), ("Letter", "US Letter")))
    accent_color = String(display_name="Accent colour", help="#RRGGBB", default=DEFAULTS.accent_color,
                          scope=Scope.settings)
    custom_text = String(display_name="Custom text", help="An optional sentence printed under the course name.",
                         default=DEFAULTS.custom_text, scope=Scope.settings, multiline_editor=True)
    show_grade = Boolean(display_name="Show the grade", help="Print the grade and show it on the verify page.",
                         default=DEFAULTS.show_grade, scope=Scope.settings)
    logo = String(display_name="Logo", help="Course asset path of a PNG or JPEG logo, e.g. /static/logo.png.",
                  default=DEFAULTS.logo, scope=Scope.settings)
    signatories = String(display_name="Signatories",
                         help="One per line: Name | Title | signature image asset path (title, image optional).",
                         default=DEFAULTS.signatories, scope=Scope.settings, multiline_editor=True)
    validity_months = Integer(display_name="Valid for (months)", help="0: never expires.",
                              default=DEFAULTS.validity_months, scope=Scope.settings)
    email_on_issue = Boolean(display_name="Email the learner", default=DEFAULTS.email_on_issue, scope=Scope.settings)
    batch_schedule = String(display_name="Batch issuing schedule",
                            help="Crontab (minute hour day month weekday, UTC), e.g. '0 3 * * *'. Blank: off.",
                            default=DEFAULTS.batch_schedule, scope=Scope.settings)
    batch_not_before = String(display_name="Batch not before", help="YYYY-MM-DD, e.g. the course end. Blank: none.",
                              default=DEFAULTS.batch_not_before, scope=Scope.settings)

    editable_fields = CertificateSettings.field_names()
    has_author_view = True

    # --- plain data -------------------------------------------------------------------------------------------
    @property
    def certificate_settings(self) -> CertificateSettings:
        return CertificateSettings(**{name: getattr(self, name) for name in self.editable_fields})

    @property
    def block_ref(self):
        from .issuance import BlockRef

        return BlockRef(str(self.scope_ids.usage_id), compat.course_key_of(self.scope_ids.usage_id))

    def _learner(self) -> Learner:
        return compat.current_learner(self.runtime.service(self, "user").get_current_user())

    # --- views ------------------------------------------------------------------------------------------------
    def student_view(self, context: dict | None = None) -> Fragment:
        """Where the learner stands, without a click: signed out, below the bar, qualified, issued, not yet."""
        from .block_config import save_block_config
        from .learner_view import learner_state

        learner = self._learner()
        ref = self.block_ref
        save_block_config(ref.block_id, ref.course_key, self.certificate_settings)
        strings = _learner_strings(gettext_for(learner.language))
        frag = Fragment(render_template("learner.html", {**learner_state(self, learner), "strings": strings}))
        frag.add_css(read_text("static", "css/cert_xblock.css"))
        frag.add_javascript(read_text("static", "js/cert_xblock.js"))
        frag.initialize_js("CertXBlock", {"strings": strings})
        return frag

    def author_view(self, context: dict | None = None) -> Fragment:
        """What Studio's unit page shows: a summary of the rules, not a learner's standing."""
        values = self.certificate_settings
        problems = validate_settings(values)
        return Fragment(render_template("author.html", {"settings": values, "problems": problems}))

    def studio_view(self, context: dict | None = None) -> Fragment:
        """The mixin's settings editor, plus a live preview and inline error display."""
        frag = super().studio_view(context)
        frag.add_content(render_template("studio_extra.html", {
            "preview_url": self.runtime.handler_url(self, "preview"),
        }))
        frag.add_javascript(read_text("static", "js/cert_xblock_studio.js"))
        frag.initialize_js("CertXBlockStudio")
        return frag

    # --- Studio validation ------------------------------------------------------------------------------------
    @XBlock.json_handler
    def submit_studio_edits(self, data, suffix: str = ""):
        """The mixin's save; then the database copy of the settings follows (and, in the twin, the course sync)."""
        from .config_sync import block_saved

        result = super().submit_studio_edits.__wrapped__(self, data, suffix)
        block_saved(self.block_ref.block_id, self.block_ref.course_key, self.certificate_settings)
        return result

    def validate_field_data(self, validation, data) -> None:
        """Every problem with the settings, each naming its field.

        The mixin calls this to refuse a save, and from ``validate()`` for what Studio's unit page shows.
        """
        values = CertificateSettings(**{name: getattr(data, name) for name in self.editable_fields})
        self._report_problems(validation, values, gettext_for(self._author_language()))

    def _report_problems(self, validation, values: CertificateSettings, _: Any) -> None:
        """Every problem with these settings, each prefixed with its field's label: rules, then missing images."""
        from .config import FieldProblem
        from .course_assets import missing_assets

        problems = validate_settings(values, _)
        course_key = self.block_ref.course_key
        missing = _("The course has no file {path} in Files & Uploads.")
        for field_name, paths in (("logo", [values.logo]),
                                  ("signatories", [s["signature"] for s in values.signatory_list])):
            problems += [FieldProblem(field_name, missing.format(path=path))
                         for path in missing_assets(course_key, paths)]
        for problem in problems:
            label = self.fields[problem.field].display_name
            validation.add(ValidationMessage(ValidationMessage.ERROR, f"{_(label)}: {problem.message}"))

    def _author_language(self) -> str:
        try:
            return self._learner().language
        except Exception:  # noqa: BLE001 - Studio without a learner: English is the safe default
            return "en"

    # --- handlers ---------------------------------------------------------------------------------------------
    @XBlock.handler
    def grade_me(self, request, suffix: str = "") -> Response:
        """POST: read the grade, decide, issue if qualified; the same certificate on every later call."""
        from .learner_view import grade_me

        return grade_me(self, request, self._learner())

    @XBlock.handler
    def download(self, request, suffix: str = "") -> Response:
        """The signed-in learner's own certificate of this block: a presigned redirect or the PDF bytes."""
        from .issuance import live_certificate

        learner = self._learner()
        _ = gettext_for(learner.language)
        if learner.user_id is None:
            return error_response(403, _("Sign in to download your certificate."))
        certificate = live_certificate(learner.user_id, self.block_ref.block_id)
        if certificate is None:
            return error_response(404, _("You have no certificate from this block yet."))
        from .tracking import certificate_downloaded

        certificate_downloaded(certificate)
        delivery = storage.prepare_download(certificate.file_name, certificate.course_name, certificate.name)
        if delivery.redirect:
            return Response(status=302, location=delivery.redirect)
        return Response(
            body=delivery.body,
            content_type="application/pdf",
            content_disposition=delivery.disposition,
            cache_control="private, no-store",
        )

    @XBlock.handler
    def preview(self, request, suffix: str = "") -> Response:
        """A sample certificate with the current (or posted, unsaved) settings, for the Studio editor."""
        from .preview import preview_response

        return preview_response(self, request)

    @staticmethod
    def workbench_scenarios() -> list[tuple[str, str]]:
        from .demo.scenarios import SCENARIOS

        return SCENARIOS


def _learner_strings(_: Any) -> dict[str, str]:
    return {
        "get": _("Get my certificate"),
        "working": _("Preparing your certificate…"),
        "download": _("Download certificate (PDF)"),
        "verify": _("Public verification link"),
        "issued_on": _("Issued on"),
        "code": _("Verification code"),
        "error": _("Something went wrong. Please try again in a moment."),
        "progress": _("Your grade"),
    }
