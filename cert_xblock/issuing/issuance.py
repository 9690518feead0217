"""The one path that creates certificates: the learner's click, the batch and staff actions all call here.

``issue_certificate`` is idempotent: a learner who already holds this block's certificate gets it back.
Order of work: decide, render, store, then record. The record is the commit point: the database's unique
constraint (one live certificate per learner per block) settles concurrent calls, the loser deletes the
file it stored, and a render or storage failure raises before anything is recorded, so no half-issued
certificate is ever visible and the caller (a click, a Celery retry) can simply try again. A batch chunk prints
and stores its learners' certificates one by one (``print_certificate``) and records them in one commit
(``record_certificates``), with the same guarantees.

A file can still outlive its failed issue: the process dies between store and record (a SIGKILLed worker), or the
storage refuses the delete while the database is down. Such a file's name is in no record; a retry never reuses
it (a new issue gets a new verify id), and ``sweep_orphan_files`` (the ``sweep_certificate_files`` command)
deletes it once it is older than any issue in flight.
"""
from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import partial

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from opaque_keys.edx.keys import CourseKey

from cert_xblock import platform, plugins
from cert_xblock.config.values import CertificateSettings
from cert_xblock.core.figures import to_percent
from cert_xblock.core.i18n import format_number, gettext_for, shown_title
from cert_xblock.issuing.eligibility import Decision, Facts, Outcome, Rule, decide
from cert_xblock.issuing.kinds import requirements_for
from cert_xblock.issuing.names import certificate_name
from cert_xblock.issuing.signals import certificate_issued
from cert_xblock.issuing.wording import certificate_wording, certified_subject
from cert_xblock.models import AllowlistEntry, CertificateVersion, IssuedCertificate, format_short_code
from cert_xblock.platform import course_asset
from cert_xblock.platform.types import CourseInfo, GradeSnapshot, Learner
from cert_xblock.records import storage
from cert_xblock.records.links import verify_url
from cert_xblock.rendering import CertificateData, Design, Signatory, render_certificate

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BlockRef:
    """Which certificate block: its usage key (as text) and its course."""

    block_id: str
    course_key: CourseKey


@dataclass(frozen=True)
class Assessment:
    """Where one learner stands with one block: ``issued``, ``eligible``, ``not_eligible`` or ``not_available``."""

    status: str
    facts: Facts
    course: CourseInfo
    decision: Decision | None
    certificate: IssuedCertificate | None = None
    created: bool = False

    @property
    def grade(self) -> GradeSnapshot:
        return self.facts.grade


def new_request_id() -> str:
    """A certificate-request token that follows one request through tasks, logs and the record."""
    return uuid.uuid4().hex


def live_certificate(user_id: int, block_id: str) -> IssuedCertificate | None:
    return IssuedCertificate.objects.filter(user_id=user_id, block_id=block_id, live=1).first()


@dataclass(frozen=True)
class KnownStanding:
    """One learner's facts and live certificate, as ``gather_standings`` reads them."""

    course: CourseInfo
    facts: Facts
    certificate: IssuedCertificate | None


def gather_standings(block: BlockRef, rules: CertificateSettings, grades: dict[int, GradeSnapshot],
                     languages: dict[int, str] | None = None) -> dict[int, KnownStanding]:
    """Everything eligibility needs about many learners, in a constant number of queries, whatever their count.

    The click reads one learner with it, a batch chunk all of its learners.

    The bulk read may be a moment stale by the time a learner is issued; the database's unique constraint
    still settles any race, as it does for the per-learner path.
    """
    ids = list(grades)
    course = platform.get_course_info(block.course_key)
    enrollments = platform.get_enrollments(ids, block.course_key)
    allowlisted = set(AllowlistEntry.objects.filter(block_id=block.block_id, user_id__in=ids)
                      .values_list("user_id", flat=True))
    revoked, live = set(), {}
    for certificate in IssuedCertificate.objects.filter(block_id=block.block_id, user_id__in=ids):
        if certificate.status == IssuedCertificate.Status.REVOKED:
            revoked.add(certificate.user_id)
        if certificate.live == 1:
            live[certificate.user_id] = certificate
    requirements = requirements_for(block.block_id, block.course_key, rules, grades, course, languages) or {}
    return {
        user_id: KnownStanding(course, Facts(
            grade=grade, enrollment=enrollments.get(user_id), allowlisted=user_id in allowlisted,
            revoked=user_id in revoked, course_passing_percent=course.lowest_passing_grade,
            requirements=requirements.get(user_id),
        ), live.get(user_id))
        for user_id, grade in grades.items()
    }


def assess(learner: Learner, block: BlockRef, rules: CertificateSettings, *, now: datetime | None = None,
           grade: GradeSnapshot | None = None, staff_override: bool = False,
           known: KnownStanding | None = None) -> Assessment:
    """Read-only: the learner's certificate if they hold one, else the decision. Writes nothing.

    ``known`` (from ``gather_standings`` over a whole chunk) spares the reads; without it they happen here.
    """
    if learner.user_id is None:
        raise ValueError("an anonymous visitor has no certificate standing")
    if known is None:
        if grade is None:
            grade = platform.read_course_grade(learner.user_id, block.course_key)
        known = gather_standings(block, rules, {learner.user_id: grade},
                                 {learner.user_id: learner.language})[learner.user_id]
    course, existing = known.course, known.certificate
    facts = replace(known.facts, staff_override=True) if staff_override else known.facts
    if existing is not None:
        return Assessment("issued", facts, course, None, existing)
    decision = decide(rules, facts, now or datetime.now(UTC))
    status = "eligible" if decision.outcome is Outcome.ELIGIBLE else decision.outcome.value
    return Assessment(status, facts, course, decision)


def issue_certificate(
    learner: Learner,
    block: BlockRef,
    rules: CertificateSettings,
    *,
    via: str,
    request_id: str,
    now: datetime | None = None,
    grade: GradeSnapshot | None = None,
    staff_override: bool = False,
    known: KnownStanding | None = None,
) -> Assessment:
    """Decide for one learner and, if they qualify, render, store and record their certificate."""
    printed = print_certificate(learner, block, rules, via=via, request_id=request_id, now=now, grade=grade,
                                staff_override=staff_override, known=known)
    if isinstance(printed, Assessment):
        return printed
    store_certificate(printed)
    return record_certificates([printed], rules, request_id)[0]


@dataclass(frozen=True)
class Printed:
    """A certificate rendered, named and sized but not yet recorded: ``store_certificate`` puts its file in the
    storage, then ``record_certificates`` is its commit point."""

    standing: Assessment
    certificate: IssuedCertificate
    pdf: bytes


def print_certificate(learner: Learner, block: BlockRef, rules: CertificateSettings, *, via: str, request_id: str,
                      now: datetime | None = None, grade: GradeSnapshot | None = None, staff_override: bool = False,
                      known: KnownStanding | None = None) -> Assessment | Printed:
    """Decide and, if the learner qualifies, render their certificate; the decision when they do not.

    Raises ``RenderError`` when the PDF cannot be made. Nothing is stored or recorded yet.
    """
    now = now or datetime.now(UTC)
    standing = assess(learner, block, rules, now=now, grade=grade, staff_override=staff_override, known=known)
    if standing.status != "eligible":
        if standing.decision is not None:
            log.info("cert_xblock request_id=%s user=%s block=%s %s (%s)", request_id, learner.user_id,
                     block.block_id, standing.status, standing.decision.reason.value)
        return standing
    certificate = _new_record(learner, block, rules, standing.course, standing.facts, via, request_id, now)
    pdf = render_certificate(certificate_document(certificate, rules), design_of(rules))
    certificate.file_name = storage.pdf_name(block.course_key, certificate.verify_id)
    certificate.file_size = len(pdf)
    return Printed(standing, certificate, pdf)


def store_certificate(printed: Printed) -> Printed:
    """Put a printed certificate's file in the storage; raises on any storage failure (nothing to record then).

    Touches no database, so a batch chunk may store one learner's file while it renders the next.
    """
    storage.save_pdf(printed.certificate.file_name, printed.pdf)
    return printed


def record_certificates(printed: list[Printed], rules: CertificateSettings, request_id: str) -> list[Assessment]:
    """Record stored certificates in one transaction (a batch chunk's in one commit, not one each); what each
    learner now holds, in order.

    When the unique constraint refuses the group (a click or another run issued one of them meanwhile), each is
    recorded alone, so only the loser's file is deleted and the winner's certificate returned. Any other failure
    records none of them and deletes every file of the group before raising: the retry starts clean.
    """
    if not printed:
        return []
    try:
        with transaction.atomic():
            IssuedCertificate.objects.bulk_create([one.certificate for one in printed])
    except IntegrityError:
        if len(printed) > 1:
            return _record_one_by_one(printed, rules, request_id)
        one = printed[0]
        discard_file(one.certificate.file_name, request_id)
        winner = live_certificate(one.certificate.user_id, one.certificate.block_id)
        if winner is None:
            raise
        return [replace(one.standing, status="issued", certificate=winner)]
    except BaseException:
        for one in printed:
            discard_file(one.certificate.file_name, request_id)
        raise
    _fill_ids([one.certificate for one in printed])
    results = []
    for one in printed:
        certificate = one.certificate
        log.info("cert_xblock request_id=%s user=%s block=%s issued %s via %s", request_id, certificate.user_id,
                 certificate.block_id, certificate.verify_id, certificate.issued_via)
        transaction.on_commit(partial(certificate_issued.send, sender=IssuedCertificate, certificate=certificate,
                                      request_id=request_id, rules=rules))
        results.append(replace(one.standing, status="issued", certificate=certificate, created=True))
    return results


def _record_one_by_one(printed: list[Printed], rules: CertificateSettings, request_id: str) -> list[Assessment]:
    results: list[Assessment] = []
    for position, one in enumerate(printed):
        try:
            results += record_certificates([one], rules, request_id)
        except BaseException:
            for rest in printed[position + 1:]:
                discard_file(rest.certificate.file_name, request_id)
            raise
    return results


def _fill_ids(certificates: list[IssuedCertificate]) -> None:
    """MySQL returns no ids from a multi-row INSERT (MariaDB and sqlite do): read them back, one query."""
    missing = {certificate.verify_id: certificate for certificate in certificates if certificate.pk is None}
    if missing:
        for verify_id, pk in IssuedCertificate.objects.filter(verify_id__in=missing).values_list("verify_id", "pk"):
            missing[verify_id].pk = pk


def discard_file(name: str, request_id: str) -> None:
    """Delete the file of an issue that recorded nothing. If the storage refuses too, the caller's own error is
    the one to raise (the retry depends on it): the file is left to ``sweep_orphan_files``."""
    try:
        storage.delete_pdf(name)
    except Exception:  # storage trouble on top of the failure being handled: logged, not raised
        log.warning("cert_xblock request_id=%s could not delete %s; the orphan sweep will", request_id, name,
                    exc_info=True)


def sweep_orphan_files(older_than: timedelta = timedelta(hours=1), *, dry_run: bool = False) -> list[str]:
    """Delete certificate files that no record names (neither a certificate nor a kept earlier printing) and that
    are older than ``older_than`` (an issue in flight stores its file seconds before recording it); returns them.

    Reads the records a few hundred names at a time, whatever the number of files.
    """
    store = storage.certificate_storage()
    cutoff = datetime.now(UTC) - older_than
    try:
        folders = store.listdir(storage.CERTIFICATE_FOLDER)[0]
    except FileNotFoundError:  # a local storage that never stored a certificate
        return []
    names = [f"{storage.CERTIFICATE_FOLDER}/{folder}/{file}"
             for folder in folders for file in store.listdir(f"{storage.CERTIFICATE_FOLDER}/{folder}")[1]]
    orphans = []
    for start in range(0, len(names), 500):
        batch = names[start:start + 500]
        known = set(IssuedCertificate.objects.filter(file_name__in=batch).values_list("file_name", flat=True))
        known |= set(CertificateVersion.objects.filter(file_name__in=batch).values_list("file_name", flat=True))
        orphans += [name for name in batch if name not in known and store.get_modified_time(name) < cutoff]
    for name in orphans:
        log.warning("cert_xblock orphan certificate file %s%s", name, " (dry run)" if dry_run else " deleted")
        if not dry_run:
            store.delete(name)
    return orphans


def reprint_certificate(certificate: IssuedCertificate, learner: Learner, rules: CertificateSettings, *,
                        request_id: str, now: datetime | None = None,
                        course: CourseInfo | None = None) -> IssuedCertificate:
    """A new printing of an existing certificate, for regeneration: same verify id, short code and issue date;
    the learner's name (made printable by ``certificate_name``), the printed names, title, grade rule and design
    as they are now.

    Returns an unsaved copy whose new PDF is already stored under a file name of its own, so the earlier file
    stays; the caller records it (``cert_xblock.staff``) and deletes ``file_name`` if it cannot.
    """
    course = course or platform.get_course_info(certificate.course_key)
    fresh = IssuedCertificate.objects.get(pk=certificate.pk)
    fresh.name = certificate_name(learner.full_name, learner.username)
    for field, value in printed_course_and_org(rules, course, BlockRef(certificate.block_id,
                                                                       certificate.course_key)).items():
        setattr(fresh, field, value)
    fresh.title = rules.certificate_title
    fresh.grade_public = rules.show_grade
    fresh.version = certificate.version + 1
    fresh.regenerated_at = now or datetime.now(UTC)
    fresh.request_id = request_id
    pdf = render_certificate(certificate_document(fresh, rules), design_of(rules))
    name = storage.pdf_name(certificate.course_key, certificate.verify_id).removesuffix(".pdf")
    fresh.file_name = storage.save_pdf(f"{name}-v{fresh.version}.pdf", pdf)
    fresh.file_size = len(pdf)
    return fresh


def _new_record(learner: Learner, block: BlockRef, rules: CertificateSettings, course: CourseInfo, facts: Facts,
                via: str, request_id: str, now: datetime) -> IssuedCertificate:
    return IssuedCertificate(
        user_id=learner.user_id,
        course_key=block.course_key,
        block_id=block.block_id,
        name=certificate_name(learner.full_name, learner.username),
        **printed_course_and_org(rules, course, block, facts),
        title=rules.certificate_title,
        **printed_grade(facts),
        grade_public=rules.show_grade,
        issued_via=via, allowlisted=facts.allowlisted, request_id=request_id,
        **({"email_status": IssuedCertificate.EmailStatus.QUEUED, "email_updated_at": now} if rules.emails_on_issue()
           else {}),  # the issue email's state in this INSERT, not in an UPDATE per certificate after it
        language=rules.printed_language(learner.language),
        issued_at=now,
        expires_at=now + relativedelta(months=rules.validity_months) if rules.validity_months else None,
    )


def printed_grade(facts: Facts) -> dict[str, object]:
    """The grade a certificate records (and prints where the block shows it): what earned it. A lesson's is the
    learner's grade in its sections, not the course grade."""
    primary = facts.requirements[0] if facts.requirements else None
    if primary is not None and primary.rule is Rule.SECTION_GRADE and primary.current is not None:
        return {"grade_percent": primary.current / 100, "grade_letter": "", "grade_passed": primary.met}
    # No grade yet (an allowlisted learner who attempted nothing) is recorded as none, not as 0%.
    return {"grade_percent": facts.grade.percent if facts.grade.attempted else None,
            "grade_letter": facts.grade.letter or "",
            "grade_passed": facts.grade.passed}


def printed_course_and_org(rules: CertificateSettings, course: CourseInfo, block: BlockRef | None = None,
                           facts: Facts | None = None) -> dict[str, str]:
    """The course and organization names a certificate prints: the author's, else the course's own; for a lesson or
    pathway block, what it certifies (``wording.certified_subject``: the lesson, the pathway's courses)."""
    course_name = rules.course_name.strip() or course.display_name
    if block is not None:
        course_name = certified_subject(rules, block.block_id, block.course_key, course_name, facts)
    return {"course_name": course_name, "org_name": rules.organization_name.strip() or course.org}


def certificate_document(certificate: IssuedCertificate, rules: CertificateSettings) -> CertificateData:
    """What is printed: the record's snapshot (name, names, title, grade if public), the block's texts and images,
    the sentences in the certificate's language (a lesson's or pathway's own, the default title translated)."""
    printed_grade = ""
    if certificate.grade_public and certificate.grade_percent is not None:
        printed_grade = f"{format_number(to_percent(certificate.grade_percent), certificate.language)}%"
    signatories = tuple(
        Signatory(name=s["name"], title=s["title"], signature=course_asset(certificate.course_key, s["signature"]))
        for s in rules.signatory_list
    )
    return CertificateData(
        learner_name=certificate.name,
        course_name=certificate.course_name,
        org_name=certificate.org_name,
        issued_on=certificate.issued_at.date(),
        verify_url=verify_url(certificate.verify_id),
        short_code=format_short_code(certificate.short_code),
        title=shown_title(certificate.title, gettext_for(certificate.language)),
        grade_text=printed_grade,
        custom_text=rules.custom_text,
        signatories=signatories,
        logo=course_asset(certificate.course_key, rules.logo),
        language=certificate.language,
        wording=certificate_wording(certificate.language, certificate.issued_at.date(), rules.kind),
    )


def design_of(rules: CertificateSettings) -> Design:
    """The renderer's design choice, taken from the block's settings; a plug-in design brings its artist
    (``plugins.DesignUnavailable``, a render error, when it is not installed or broken)."""
    return Design(name=rules.design, orientation=rules.orientation, page_size=rules.page_size,
                  accent_color=rules.accent_color, artist=plugins.artist(rules.design))
