"""The Certificate XBlock: Studio settings, the learner's view, and the handlers behind its buttons.

Kept thin on purpose: fields and handlers parse input and call modules named for their job
(``eligibility``, ``issuance``, ``storage``, ``rendering``); all platform access goes through the ``platform`` seam.
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

from cert_xblock import platform, plugins
from cert_xblock.config.values import CertificateSettings, validate_settings
from cert_xblock.core.http import RequestError, error_response, json_response, parse_json_object
from cert_xblock.core.i18n import direction, gettext_for, gettext_noop, js_catalogue
from cert_xblock.core.permissions import Action, Caller, Refused, allowed, caller_viewing, check, refusal
from cert_xblock.core.resources import read_text
from cert_xblock.core.templating import render_template
from cert_xblock.issuing.kinds.summary import rules_summary
from cert_xblock.platform.types import Learner

log = logging.getLogger(__name__)
DEFAULTS = CertificateSettings()


def _choices(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"value": value, "display_name": label} for value, label in pairs]




@XBlock.needs("user")
@XBlock.wants("i18n")
class CertificateXBlock(StudioEditableXBlockMixin, XBlock):
    """A "Get my certificate" button that issues a PDF certificate from the learner's course grade."""

    # Labels and help are marked for the catalogue (gettext_noop) and translated where the editor shows them.
    display_name = String(display_name=gettext_noop("Display name"), default=DEFAULTS.display_name,
                          scope=Scope.settings)
    kind = String(
        display_name=gettext_noop("Certificate for"),
        help=gettext_noop("The whole course; a lesson (the section holding this block, or the sections listed "
                          "below), earned by the graded work in it; or a pathway: this course and the courses "
                          "listed below, each passed."),
        default=DEFAULTS.kind, scope=Scope.settings,
        values=_choices(("course", gettext_noop("The course")), ("lesson", gettext_noop("A lesson")),
                        ("pathway", gettext_noop("A pathway of courses"))),
    )
    lesson_sections = String(
        display_name=gettext_noop("Lesson sections"),
        help=gettext_noop("A lesson certificate: the usage keys of its sections, one per line. Blank: the "
                          "section that holds this block."),
        default=DEFAULTS.lesson_sections, scope=Scope.settings, multiline_editor=True)
    pathway_courses = String(
        display_name=gettext_noop("Pathway courses"),
        help=gettext_noop("A pathway certificate: the course keys to pass besides this course, one per line."),
        default=DEFAULTS.pathway_courses, scope=Scope.settings, multiline_editor=True)
    grade_rule = String(
        display_name=gettext_noop("Grade that earns the certificate"),
        help=gettext_noop("The course's own passing grade, a minimum percentage set below, or none: completion "
                          "and the minimums per assignment type below alone."),
        default=DEFAULTS.grade_rule, scope=Scope.settings,
        values=_choices(("course_passing", gettext_noop("The course's passing grade")),
                        ("minimum_percent", gettext_noop("A minimum percentage")),
                        ("none", gettext_noop("No grade: completion and assignment types alone"))),
    )
    minimum_percent = Float(
        display_name=gettext_noop("Minimum percentage"),
        help=gettext_noop("Used when the grade rule is 'A minimum percentage' (0-100)."),
        default=DEFAULTS.minimum_percent, scope=Scope.settings,
    )
    assignment_minimums = String(
        display_name=gettext_noop("Minimum per assignment type"),
        help=gettext_noop("Optional, one per line: assignment type: minimum percentage, e.g. 'Homework: 60'."),
        default=DEFAULTS.assignment_minimums, scope=Scope.settings, multiline_editor=True)
    completion_percent = Float(
        display_name=gettext_noop("Completion required (%)"),
        help=gettext_noop("How much of the course (a lesson: of its sections) the learner must have completed, "
                          "0-100. 0: no completion rule."),
        default=DEFAULTS.completion_percent, scope=Scope.settings)
    certificate_title = String(display_name=gettext_noop("Certificate title"), default=DEFAULTS.certificate_title,
                               scope=Scope.settings)
    course_name = String(display_name=gettext_noop("Course name as printed"),
                         help=gettext_noop("Leave blank to print the course's name."),
                         default=DEFAULTS.course_name, scope=Scope.settings)
    organization_name = String(display_name=gettext_noop("Organization name"),
                               help=gettext_noop("Leave blank to print the course's organization."),
                               default=DEFAULTS.organization_name, scope=Scope.settings)
    available_from = String(display_name=gettext_noop("Certificates available from"),
                            help=gettext_noop("Earliest date (YYYY-MM-DD, UTC) certificates may be issued. "
                                              "Blank: at once."),
                            default=DEFAULTS.available_from, scope=Scope.settings)
    allow_audit = Boolean(display_name=gettext_noop("Certify audit learners"), default=DEFAULTS.allow_audit,
                          scope=Scope.settings)
    design = String(display_name=gettext_noop("Design"), default=DEFAULTS.design, scope=Scope.settings,
                    help=gettext_noop("A bundled design, or one an installed plug-in adds (listed below with its "
                                      "help)."),
                    values=plugins.design_values)
    orientation = String(display_name=gettext_noop("Orientation"), default=DEFAULTS.orientation, scope=Scope.settings,
                         values=_choices(("landscape", gettext_noop("Landscape")),
                                         ("portrait", gettext_noop("Portrait"))))
    page_size = String(display_name=gettext_noop("Paper size"), default=DEFAULTS.page_size, scope=Scope.settings,
                       values=_choices(("A4", "A4"), ("Letter", gettext_noop("US Letter"))))
    accent_color = String(display_name=gettext_noop("Accent colour"), help="#RRGGBB", default=DEFAULTS.accent_color,
                          scope=Scope.settings)
    custom_text = String(display_name=gettext_noop("Custom text"),
                         help=gettext_noop("An optional sentence printed under the course name."),
                         default=DEFAULTS.custom_text, scope=Scope.settings, multiline_editor=True)
    show_grade = Boolean(display_name=gettext_noop("Show the grade"),
                         help=gettext_noop("Print the grade and show it on the verify page."),
                         default=DEFAULTS.show_grade, scope=Scope.settings)
    logo = String(display_name=gettext_noop("Logo"),
                  help=gettext_noop("Course asset path of a PNG or JPEG logo, e.g. /static/logo.png."),
                  default=DEFAULTS.logo, scope=Scope.settings)
    signatories = String(display_name=gettext_noop("Signatories"),
                         help=gettext_noop("One per line: Name | Title | signature image asset path "
                                           "(title, image optional)."),
                         default=DEFAULTS.signatories, scope=Scope.settings, multiline_editor=True)
    validity_months = Integer(display_name=gettext_noop("Valid for (months)"), help=gettext_noop("0: never expires."),
                              default=DEFAULTS.validity_months, scope=Scope.settings)
    email_on_issue = Boolean(display_name=gettext_noop("Email the learner"), default=DEFAULTS.email_on_issue,
                             scope=Scope.settings)
    batch_schedule = String(display_name=gettext_noop("Batch issuing schedule"),
                            help=gettext_noop("Crontab (minute hour day month weekday, UTC), e.g. '0 3 * * *'. "
                                              "Blank: off."),
                            default=DEFAULTS.batch_schedule, scope=Scope.settings)
    batch_not_before = String(display_name=gettext_noop("Batch not before"),
                              help=gettext_noop("YYYY-MM-DD, e.g. the course end. Blank: none."),
                              default=DEFAULTS.batch_not_before, scope=Scope.settings)
    publish_revoke_reason = Boolean(
        display_name=gettext_noop("Publish revocation reasons"),
        help=gettext_noop("Show the public why a certificate was revoked on its verify page. "
                          "Off: they see only that and when."),
        default=DEFAULTS.publish_revoke_reason, scope=Scope.settings)

    # The languages are named in their own words (as language menus do); the rest is translated.
    certificate_language = String(
        display_name=gettext_noop("Certificate language"),
        help=gettext_noop("The language certificates are printed in, dates included: each learner's own, or one "
                          "for everyone."),
        default=DEFAULTS.certificate_language, scope=Scope.settings,
        values=_choices(("", gettext_noop("The learner's preferred language")), ("en", "English"), ("es", "Español"),
                        ("fr", "Français"), ("pt-br", "Português (Brasil)"), ("ar", "العربية"), ("hi", "हिन्दी"),
                        ("zh-cn", "中文（简体）")))

    eligibility_source = String(
        display_name=gettext_noop("Eligibility source"),
        help=gettext_noop("Who earns the certificate: the block's own rules, or an installed plug-in's rule (listed "
                          "below with its help). The enrollment, allowlist, revocation and date rules still apply."),
        default=DEFAULTS.eligibility_source, scope=Scope.settings, values=plugins.source_values)

    editable_fields = CertificateSettings.field_names()
    has_author_view = True

    # --- plain data -------------------------------------------------------------------------------------------
    @property
    def certificate_settings(self) -> CertificateSettings:
        """The settings as plain data, each field read from the runtime when first used (``field_settings``)."""
        from cert_xblock.block.field_settings import BlockSettings

        return BlockSettings(self)

    @property
    def block_ref(self):
        from cert_xblock.issuing.issuance import BlockRef

        return BlockRef(str(self.scope_ids.usage_id), platform.course_key_of(self.scope_ids.usage_id))

    def _learner(self) -> Learner:
        return platform.current_learner(self.runtime.service(self, "user").get_current_user())

    def _caller(self, learner: Learner) -> Caller:
        """Roles from the request's user with its masquerade settings: viewing as a learner is read-only."""
        return caller_viewing(learner.user_id, self.runtime.service(self, "user"), self.block_ref.course_key)

    def _refused(self, action: Action, learner: Learner) -> Response | None:
        """The 403 the table gives this caller for this action, or None when they may go on."""
        _ = gettext_for(learner.language)
        try:
            check(action, self._caller(learner), _)
        except Refused as exc:
            log.info("cert_xblock user=%s refused %s on %s", learner.user_id, action.value, self.block_ref.block_id)
            extra = {"status": "anonymous"} if learner.user_id is None else {}
            return error_response(exc.status, exc.message, **extra)
        return None

    # --- views ------------------------------------------------------------------------------------------------
    def student_view(self, context: dict | None = None) -> Fragment:
        """Where the learner stands, without a click: signed out, below the bar, qualified, issued, not yet."""
        from cert_xblock.block.learner_view import learner_state, learner_strings, render_learner_view
        from cert_xblock.config.stored import save_block_config

        learner = self._learner()
        ref, values = self.block_ref, self.certificate_settings
        save_block_config(ref.block_id, ref.course_key, values)
        platform.block_seen(ref.course_key, ref.block_id, values.to_dict())
        strings = learner_strings(gettext_for(learner.language))
        learner_html = render_learner_view(learner_state(self, learner), learner, strings)
        staff_view = self._staff_view(learner, learner_html, strings)
        if staff_view is not None:
            return staff_view
        frag = Fragment(learner_html)
        frag.add_css(read_text("static", "css/cert_xblock.css"))
        frag.add_javascript(read_text("static", "js/cert_xblock.js"))
        frag.initialize_js("CertXBlock", {"strings": strings})
        return frag

    def _staff_view(self, learner: Learner, learner_html: str, strings: dict[str, str]) -> Fragment | None:
        """The course team's dashboard above the learner view (``cert_xblock.staff``); None for anyone else."""
        from cert_xblock.staff.handlers import shows_dashboard, staff_fragment

        if learner.user_id is None or not shows_dashboard() or not allowed(Action.STAFF_DASHBOARD,
                                                                           self._caller(learner)):
            return None

        return staff_fragment(self, learner, learner_html, strings)

    def author_view(self, context: dict | None = None) -> Fragment:
        """What Studio's unit page shows: a summary of the rules, not a learner's standing."""
        refusal = self._view_refusal()
        if refusal is not None:
            return refusal
        language = self._author_language()
        _ = gettext_for(language)
        values = self.certificate_settings
        available = _("Available from {date}.").format(date=values.available_from) if values.available_from else ""
        problems = [str(p) for p in validate_settings(values, _)]
        problems += plugins.block_problems(values.eligibility_source, values.design, _)
        return Fragment(render_template("author.html", {"settings": values, "problems": problems,
                                                        "summary": rules_summary(values, _, language),
                                                        "strings": {"available": available}}))

    def studio_view(self, context: dict | None = None) -> Fragment:
        """The mixin's settings editor, plus a live preview and inline error display (authors only)."""
        refusal = self._view_refusal()
        if refusal is not None:
            return refusal
        from cert_xblock.block.studio_editor import studio_strings

        language = self._author_language()
        strings = studio_strings(gettext_for(language))
        frag = super().studio_view(context)
        frag.add_content(render_template("studio_extra.html", {
            "preview_url": self.runtime.handler_url(self, "preview"), "strings": strings,
            "plugins": plugins.studio_listing(gettext_for(language)),
            "language": language or "en", "direction": direction(language),
        }))
        frag.add_css(read_text("static", "css/cert_xblock_studio.css"))
        frag.add_javascript(read_text("static", "js/cert_xblock_studio.js"))
        frag.initialize_js("CertXBlockStudio", {"strings": strings, "catalog": js_catalogue(language),
                                                "images": platform.course_images(self.block_ref.course_key)})
        return frag

    def _view_refusal(self) -> Fragment | None:
        """The editor and the rules summary are for the course team in Studio; anyone else is told so."""
        learner = self._learner()
        if allowed(Action.STUDIO_VIEW, self._caller(learner)):
            return None
        message = refusal(Action.STUDIO_VIEW, gettext_for(learner.language))
        return Fragment(render_template("refused.html", {"message": message}))

    # --- Studio -----------------------------------------------------------------------------------------------
    @XBlock.handler
    def submit_studio_edits(self, request, suffix: str = "") -> Response:
        """Save the editor's values: authors only; every value type-checked and validated, each problem naming
        its field, before anything is written; then the database copy of the settings follows."""
        from cert_xblock.config.sync import block_saved
        from cert_xblock.config.values import FieldProblem, apply_posted

        learner = self._learner()
        refused = self._refused(Action.SAVE_SETTINGS, learner)
        if refused is not None:
            return refused
        _ = gettext_for(learner.language)
        try:
            data = parse_json_object(request, _)
        except RequestError as exc:
            return error_response(exc.status, str(exc))
        if "values" not in data:
            problems = [FieldProblem("values", _("Send the settings as {\"values\": {...}}."))]
        else:
            values, problems = apply_posted(self.certificate_settings, data["values"], _, data.get("defaults", []))
            if not problems:
                problems = self._platform_problems(values, _)
        if problems:
            return json_response(400, {"error": self._problems_json(problems, _)})
        for name in self.editable_fields:
            if getattr(values, name) != getattr(self, name):
                setattr(self, name, getattr(values, name))
        block_saved(self.block_ref.block_id, self.block_ref.course_key, self.certificate_settings)
        return json_response(200, {"result": "success"})

    def validate_field_data(self, validation, data) -> None:
        """Every problem with the settings, each naming its field: what Studio's unit page shows (``validate()``)."""
        values = CertificateSettings(**{name: getattr(data, name) for name in self.editable_fields})
        _ = gettext_for(self._author_language())
        for problem in validate_settings(values, _) + self._platform_problems(values, _):
            validation.add(ValidationMessage(ValidationMessage.ERROR, self._labelled(problem, _)))

    def _platform_problems(self, values: CertificateSettings, _: Any) -> list:
        """What only the platform can tell (``config.validate_settings`` stays pure): the logo and signature images
        the course's Files & Uploads lack, the assignment types and sections the settings name that the course
        lacks (``kinds.coursework.studio_problems``), and pathway courses the site does not have."""
        from cert_xblock.config.values import FieldProblem
        from cert_xblock.issuing.kinds.coursework import studio_problems
        from cert_xblock.issuing.kinds.pathway import unknown_courses
        from cert_xblock.platform import missing_assets

        course_key = self.block_ref.course_key
        missing = _("The course has no file {path} in Files & Uploads.")
        return [FieldProblem(field_name, missing.format(path=path))
                for field_name, paths in (("logo", [values.logo]),
                                          ("signatories", [s["signature"] for s in values.signatory_list]))
                for path in missing_assets(course_key, paths)] + studio_problems(
            self.block_ref.block_id, course_key, values, _) + unknown_courses(values, course_key, _)

    def _labelled(self, problem, _: Any) -> str:
        field = self.fields.get(problem.field)
        label = _(field.display_name) if field is not None else problem.field
        return f"{label}: {problem.message}"

    def _problems_json(self, problems: list, _: Any) -> dict[str, Any]:
        """The shape the XBlock editor's save shows (``messages``), each message also naming its field."""
        return {"messages": [{"type": "error", "field": p.field, "text": self._labelled(p, _)} for p in problems]}

    def _author_language(self) -> str:
        try:
            return self._learner().language
        except Exception:  # noqa: BLE001 - Studio without a learner: English is the safe default
            return "en"

    # --- handlers ---------------------------------------------------------------------------------------------
    @XBlock.handler
    def grade_me(self, request, suffix: str = "") -> Response:
        """POST: read the grade, decide, issue if qualified; the same certificate on every later call."""
        from cert_xblock.block.learner_view import grade_me

        learner = self._learner()
        refused = self._refused(Action.GRADE_ME, learner)
        return refused if refused is not None else grade_me(self, request, learner)

    @XBlock.handler
    def download(self, request, suffix: str = "") -> Response:
        """GET: the signed-in learner's own certificate of this block: a presigned redirect or the PDF bytes."""
        from cert_xblock.block.learner_view import download

        learner = self._learner()
        if learner.user_id is None:
            return self._refused(Action.DOWNLOAD_OWN, learner)
        return download(self, request, learner)

    @XBlock.handler
    def staff(self, request, suffix: str = "") -> Response:
        """``staff/<operation>``: the course team's operations (``cert_xblock.staff``), each its row of the table."""
        from cert_xblock.staff.handlers import handle

        return handle(self, request, suffix, self._learner())

    @XBlock.handler
    def preview(self, request, suffix: str = "") -> Response:
        """A sample certificate with the current (or posted, unsaved) settings: authors only, in Studio."""
        from cert_xblock.block.preview import preview_response

        learner = self._learner()
        refused = self._refused(Action.PREVIEW, learner)
        return refused if refused is not None else preview_response(self, request, learner.language)

    @staticmethod
    def workbench_scenarios() -> list[tuple[str, str]]:
        from cert_xblock.deploy.demo.scenarios import SCENARIOS

        return SCENARIOS

