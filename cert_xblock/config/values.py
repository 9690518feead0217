"""The block's Studio settings as one typed value, and their validation.

The XBlock's ``Scope.settings`` fields are the source of truth; ``CertificateSettings`` is the same set
as plain data, so the batch, the verify page and the issuance path read them without a runtime (the
database copy in ``CertificateBlockConfig.settings`` is ``CertificateSettings.to_dict()``).
Validation lives here, once, and names the field in every problem it reports.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, date, datetime, time
from typing import Any

# "none": no grade asked; the completion and assignment-type rules alone decide (a completion certificate).
GRADE_RULES = ("course_passing", "minimum_percent", "none")
# What a certificate is for (seed 002): the course, a lesson (sections of it), or a pathway of courses.
KINDS = ("course", "lesson", "pathway")
MAX_PATHWAY_COURSES = 20
MAX_ASSIGNMENT_MINIMUMS = 10
DESIGN_NAMES = ("classic", "modern", "minimal")
ORIENTATIONS = ("landscape", "portrait")
PAGE_SIZES = ("A4", "Letter")
# The languages a certificate may be printed in: the project's catalogues (blank: each learner's own language).
CERTIFICATE_LANGUAGES = ("en", "es", "fr", "pt-br", "ar", "hi", "zh-cn")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class CertificateSettings:
    display_name: str = "Certificate"
    kind: str = "course"  # one of KINDS
    lesson_sections: str = ""  # a lesson: section usage keys, one per line; blank: the section holding the block
    pathway_courses: str = ""  # a pathway: the course keys to pass besides this one, one per line
    grade_rule: str = "course_passing"
    minimum_percent: float = 70.0
    assignment_minimums: str = ""  # one per line: "Homework: 60" (the assignment type as the grader names it)
    completion_percent: float = 0.0  # the course's (a lesson: its sections') completion required; 0: none
    certificate_title: str = "Certificate of Completion"
    course_name: str = ""  # blank: the course's own name
    organization_name: str = ""  # blank: the course's organization
    available_from: str = ""  # YYYY-MM-DD (UTC); blank: at once
    allow_audit: bool = False
    design: str = "classic"
    orientation: str = "landscape"
    page_size: str = "A4"
    accent_color: str = "#1f4e79"
    custom_text: str = ""
    show_grade: bool = False
    logo: str = ""  # course asset path
    signatories: str = ""  # one per line: "Name | Title | signature asset path"
    validity_months: int = 0  # 0: never expires
    email_on_issue: bool = True
    batch_schedule: str = ""  # blank: off; else a crontab "m h dom mon dow"
    batch_not_before: str = ""  # YYYY-MM-DD (UTC)
    publish_revoke_reason: bool = False  # the verify page tells the public why a certificate was revoked
    certificate_language: str = ""  # blank: the learner's preferred language; else one of CERTIFICATE_LANGUAGES
    eligibility_source: str = ""  # blank: the block's own rules; else an installed plug-in (cert_xblock.plugins)

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CertificateSettings:
        """Build from a stored dict, ignoring unknown keys (older or newer copies stay readable)."""
        known = set(cls.field_names())
        return cls(**{k: v for k, v in data.items() if k in known})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def emails_on_issue(self) -> bool:
        """The issue email is wanted: the operator's switch (``CERT_XBLOCK_EMAIL_ENABLED``) and this block's
        ``email_on_issue`` both allow it. Issuance records it as queued in the certificate's own INSERT, and the
        receiver that queues it after the commit reads the same answer, so the two never disagree."""
        from django.conf import settings

        return bool(getattr(settings, "CERT_XBLOCK_EMAIL_ENABLED", True) and self.email_on_issue)

    def printed_language(self, learner_language: str) -> str:
        """The language a learner's certificate is printed in: the block's fixed one, else the learner's."""
        return self.certificate_language or learner_language or "en"

    @property
    def available_from_datetime(self) -> datetime | None:
        return parse_day(self.available_from)

    @property
    def batch_not_before_datetime(self) -> datetime | None:
        return parse_day(self.batch_not_before)

    @property
    def section_ids(self) -> list[str]:
        """The lesson's chosen sections (usage keys as text); empty: the section that holds the block."""
        return [line.strip() for line in self.lesson_sections.splitlines() if line.strip()]

    @property
    def pathway_course_ids(self) -> list[str]:
        """The pathway's other courses (course keys as text), in the author's order, without repeats."""
        return list(dict.fromkeys(line.strip() for line in self.pathway_courses.splitlines() if line.strip()))

    @property
    def assignment_minimum_map(self) -> dict[str, float]:
        """Assignment type → minimum percent (0..100), as the author wrote them; lines that do not parse are
        left out (validation refuses them before they are saved)."""
        result: dict[str, float] = {}
        for line in self.assignment_minimums.splitlines():
            name, _, value = line.rpartition(":")
            percent = _percent(value)
            if percent is not None:
                result[name.strip()] = percent
        return {name: value for name, value in result.items() if name}

    @property
    def signatory_list(self) -> list[dict[str, str]]:
        """The signatories as dicts with name, title and signature (asset path), blank lines skipped."""
        result = []
        for line in self.signatories.splitlines():
            if not line.strip():
                continue
            name, title, signature = ([part.strip() for part in line.split("|")] + ["", ""])[:3]
            result.append({"name": name, "title": title, "signature": signature})
        return result


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


def parse_day(text: str) -> datetime | None:
    """A Studio date (YYYY-MM-DD) as the start of that day in UTC; blank means none."""
    if not text or not text.strip():
        return None
    return datetime.combine(date.fromisoformat(text.strip()), time.min, tzinfo=UTC)


def _check_day(value: str, _: Callable[[str], str]) -> str | None:
    try:
        parse_day(value)
    except ValueError:
        return _("Enter a date as YYYY-MM-DD, for example 2026-12-31.")
    return None


def _check_crontab(value: str, _: Callable[[str], str]) -> str | None:
    if not value.strip():
        return None
    parts = value.split()
    if len(parts) != 5:
        return _("Enter five crontab fields: minute hour day-of-month month day-of-week, for example '0 3 * * *'.")
    from celery.schedules import ParseException, crontab

    try:
        crontab(*parts)
    except (ParseException, ValueError) as exc:
        return _("This is not a valid crontab schedule: {reason}").format(reason=exc)
    return None


def _check_signatories(value: str, _: Callable[[str], str]) -> str | None:
    lines = [line for line in value.splitlines() if line.strip()]
    if len(lines) > 4:
        return _("Give at most four signatories, one per line.")
    for line in lines:
        if line.count("|") > 2:
            return _("Write each signatory as: Name | Title | signature image (title and image are optional).")
        if not line.split("|")[0].strip():
            return _("Every signatory needs a name.")
    return None


def _check_plugins(values: CertificateSettings, _: Callable[[str], str], problems: list[FieldProblem]) -> None:
    """A design or eligibility source the settings name must be bundled or installed (a broken plug-in is installed:
    Studio reports it, and the block issues nothing through it)."""
    from cert_xblock import plugins

    if not isinstance(values.design, str) or not values.design.strip():
        problems.append(FieldProblem("design", _("Choose one of the bundled designs.")))
    elif values.design not in DESIGN_NAMES and values.design not in plugins.design_names():
        problems.append(FieldProblem("design", _(plugins.DESIGN_MISSING).format(name=values.design)))
    if values.eligibility_source and values.eligibility_source not in plugins.source_names():
        problems.append(FieldProblem("eligibility_source",
                                     _(plugins.SOURCE_MISSING).format(name=values.eligibility_source)))


def _check_sections(value: str, _: Callable[[str], str]) -> str | None:
    from opaque_keys import InvalidKeyError
    from opaque_keys.edx.keys import UsageKey

    for line in (line.strip() for line in value.splitlines()):
        if not line:
            continue
        try:
            key = UsageKey.from_string(line)
        except InvalidKeyError:
            return _("'{value}' is not a section's usage key (block-v1:...+type@chapter+block@...).").format(
                value=line[:80])
        if key.block_type != "chapter":
            return _("'{value}' is not a section: give the usage keys of sections (type@chapter).").format(
                value=line[:80])
    return None


def _check_courses(value: str, _: Callable[[str], str]) -> str | None:
    from opaque_keys import InvalidKeyError
    from opaque_keys.edx.keys import CourseKey

    lines = [line.strip() for line in value.splitlines() if line.strip()]
    if len(lines) > MAX_PATHWAY_COURSES:
        return _("List at most {count} courses.").format(count=MAX_PATHWAY_COURSES)
    for line in lines:
        try:
            CourseKey.from_string(line)
        except InvalidKeyError:
            return _("'{value}' is not a course key (course-v1:Org+Course+Run).").format(value=line[:80])
    return None


def _percent(text: str) -> float | None:
    """A percentage as authors write it: "60", "60.5" or "60%" (None when it is not a number)."""
    try:
        number = float(text.strip().removesuffix("%").strip())
    except ValueError:
        return None
    return None if math.isnan(number) or math.isinf(number) else number


def _check_assignment_minimums(value: str, _: Callable[[str], str]) -> str | None:
    """Every line checked, each problem naming its line: the form, the range, a type listed twice."""
    lines = [(number, line) for number, line in enumerate(value.splitlines(), start=1) if line.strip()]
    if len(lines) > MAX_ASSIGNMENT_MINIMUMS:
        return _("Give at most {count} assignment types.").format(count=MAX_ASSIGNMENT_MINIMUMS)
    problems, seen = [], {}
    for number, line in lines:
        name, colon, text = line.rpartition(":")
        name, percent = name.strip(), _percent(text)
        if not colon or not name or percent is None:
            problems.append(_("Line {line}: write it as assignment type: minimum percentage, for example "
                              "'Homework: 60'.").format(line=number))
        elif not 0 <= percent <= 100:
            problems.append(_("Line {line}: the minimum for {type} must be between 0 and 100%, not {value}.").format(
                line=number, type=name, value=text.strip()))
        elif name.casefold() in seen:
            problems.append(_("Line {line}: {type} is already on line {first}; keep one.").format(
                line=number, type=name, first=seen[name.casefold()]))
        else:
            seen[name.casefold()] = number
    return " ".join(problems) or None


def validate_settings(values: CertificateSettings, _: Callable[[str], str] = lambda s: s) -> list[FieldProblem]:
    """Every problem with these settings, each naming its field, in the author's language through ``_``."""
    problems: list[FieldProblem] = []

    def need(name: str, ok: bool, message: str) -> None:
        if not ok:
            problems.append(FieldProblem(name, message))

    need("display_name", bool(values.display_name.strip()), _("The display name cannot be empty."))
    need("grade_rule", values.grade_rule in GRADE_RULES, _("Choose how a grade qualifies."))
    other_rules = bool(values.completion_percent or values.assignment_minimums.strip())
    need("grade_rule", values.grade_rule != "none" or other_rules,
         _("Without a grade rule, ask for a completion or a minimum per assignment type."))
    need("kind", values.kind in KINDS, _("Choose a course, lesson or pathway certificate."))
    need("pathway_courses", values.kind != "pathway" or bool(values.pathway_course_ids),
         _("A pathway certificate needs at least one other course to pass."))
    need(
        "completion_percent",
        isinstance(values.completion_percent, (int, float)) and 0 <= values.completion_percent <= 100,
        _("The completion required must be a percentage between 0 and 100."),
    )
    need(
        "minimum_percent",
        isinstance(values.minimum_percent, (int, float)) and 0 <= values.minimum_percent <= 100,
        _("The minimum grade must be a percentage between 0 and 100."),
    )
    need("certificate_title", bool(values.certificate_title.strip()), _("The certificate title cannot be empty."))
    need("certificate_title", len(values.certificate_title) <= 120,
         _("Keep the certificate title under 120 characters."))
    need("course_name", len(values.course_name) <= 200, _("Keep the course name under 200 characters."))
    _check_plugins(values, _, problems)
    need("orientation", values.orientation in ORIENTATIONS, _("Choose landscape or portrait."))
    need("page_size", values.page_size in PAGE_SIZES, _("Choose A4 or US Letter."))
    need("certificate_language", values.certificate_language in ("", *CERTIFICATE_LANGUAGES),
         _("Choose the learner's language or one of the listed languages."))
    need("accent_color", bool(_COLOR.match(values.accent_color or "")), _("Enter the accent colour as #RRGGBB."))
    need("custom_text", len(values.custom_text) <= 500, _("Keep the custom text under 500 characters."))
    need(
        "validity_months",
        isinstance(values.validity_months, int) and 0 <= values.validity_months <= 600,
        _("The validity period is a number of months from 0 (never expires) to 600."),
    )
    for name, check in (
        ("available_from", _check_day),
        ("batch_not_before", _check_day),
        ("batch_schedule", _check_crontab),
        ("signatories", _check_signatories),
        ("lesson_sections", _check_sections),
        ("pathway_courses", _check_courses),
        ("assignment_minimums", _check_assignment_minimums),
    ):
        message = check(getattr(values, name), _)
        if message:
            problems.append(FieldProblem(name, message))
    return problems


# The longest text any setting may hold before its own rule is checked (the custom text's 500 is the largest).
MAX_TEXT_LENGTH = 2000


def _typed(name: str, value: Any, kind: type, _: Callable[[str], str]) -> tuple[Any, str | None]:
    """One posted value as its setting's type, or the problem with it (no coercion from other types)."""
    if kind is bool:
        return (value, None) if isinstance(value, bool) else (None, _("Choose yes or no."))
    if kind in (int, float):
        number_ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        if not number_ok:
            return None, _("Enter a number.")
        if kind is int:
            return (int(value), None) if float(value).is_integer() else (None, _("Enter a whole number."))
        return float(value), None
    if not isinstance(value, str):
        return None, _("Enter text.")
    if len(value) > MAX_TEXT_LENGTH:
        return None, _("This text is too long.")
    return value, None


def apply_posted(current: CertificateSettings, posted: Any, _: Callable[[str], str] = lambda s: s,
                 reset: Any = ()) -> tuple[CertificateSettings, list[FieldProblem]]:
    """The settings with a request's values applied (and ``reset`` fields back to their defaults).

    Every value is checked against its setting's type first, so "abc" for a number, 1e400, null or an array
    is a problem naming its field, like any other validation error; unknown names are refused too.
    """
    problems: list[FieldProblem] = []
    if not isinstance(posted, dict):
        return current, [FieldProblem("values", _("The settings must be sent as a JSON object."))]
    if not isinstance(reset, (list, tuple)) or not all(isinstance(name, str) for name in reset):
        return current, [FieldProblem("defaults", _("The fields to reset must be a list of field names."))]
    kinds = {f.name: f.type for f in fields(CertificateSettings)}
    kinds = {name: {"str": str, "int": int, "float": float, "bool": bool}[kind] for name, kind in kinds.items()}
    defaults = CertificateSettings()
    changes: dict[str, Any] = {}
    for name in reset:
        if name not in kinds:
            problems.append(FieldProblem(name, _("There is no such setting.")))
        elif name not in posted:
            changes[name] = getattr(defaults, name)
    for name, value in posted.items():
        if name not in kinds:
            problems.append(FieldProblem(str(name)[:60], _("There is no such setting.")))
            continue
        typed, problem = _typed(name, value, kinds[name], _)
        if problem:
            problems.append(FieldProblem(name, problem))
        else:
            changes[name] = typed
    if problems:
        return current, problems
    updated = replace(current, **changes)
    return updated, validate_settings(updated, _)
