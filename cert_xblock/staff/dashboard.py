"""What the staff view shows: the block's counts, and one page of its learners with their standing.

The counts are a fixed handful of SQL aggregates over the platform's grade index, enrollments and our own
tables (the batch's candidate sets, ``batch.candidate_queries``), so their cost does not grow with the course
and no grade is read for them. The learner list reads grades only for the page it shows, in bulk.
"""
from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_noop

from cert_xblock import platform
from cert_xblock.core.figures import to_percent
from cert_xblock.issuing.batch.runner import BatchBlock, candidate_queries
from cert_xblock.issuing.eligibility import Rule
from cert_xblock.issuing.issuance import KnownStanding, assess, gather_standings
from cert_xblock.issuing.names import printable_name
from cert_xblock.models import AllowlistEntry, IssuedCertificate, IssueFailure, format_short_code
from cert_xblock.records.links import verify_url
from cert_xblock.staff.audit import StaffError
from cert_xblock.staff.search import folded_pattern
from cert_xblock.staff.standing_words import standing_words

STATUSES = ("issued", "eligible", "not_eligible", "allowlisted", "revoked", "failed")
PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
MAX_SEARCH = 100
REVOKED = IssuedCertificate.Status.REVOKED


def counts(block: BatchBlock) -> dict[str, int]:
    """The dashboard's figures; seven queries whatever the course's size."""
    by_grade, by_allowlist = candidate_queries(block)
    block_id = block.ref.block_id
    certificates = IssuedCertificate.objects.filter(block_id=block_id)
    issued = certificates.aggregate(issued=Count("pk", filter=Q(live=1)),
                                    revoked=Count("user_id", filter=Q(status=REVOKED), distinct=True))
    not_yet = learner_enrollments(block).exclude(
        user_id__in=certificates.values("user_id")).exclude(user_id__in=by_grade).exclude(user_id__in=by_allowlist)
    failures = dict(IssueFailure.objects.filter(block_id=block_id).exclude(
        user_id__in=certificates.filter(live=1).values("user_id")).values_list("kind").annotate(n=Count("pk")))
    figures = {
        "eligible": by_grade.union(by_allowlist).count(),
        "issued": issued["issued"],
        "not_yet_eligible": not_yet.count(),
        "allowlisted": AllowlistEntry.objects.filter(block_id=block_id).count(),
        "revoked": issued["revoked"],
        "failed_render": failures.get(IssueFailure.Kind.RENDER, 0),
        "failed_storage": failures.get(IssueFailure.Kind.STORAGE, 0),
        "failed_email": certificates.filter(email_status=IssuedCertificate.EmailStatus.FAILED).count(),
    }
    figures["failed"] = figures["failed_render"] + figures["failed_storage"] + figures["failed_email"]
    return figures


def learner_enrollments(block: BatchBlock) -> QuerySet:
    """The course's active enrollments less the course team (``platform.course_team``), unless a member acts as a
    learner here: has a grade in the course, a certificate of this block, or a place on its allowlist."""
    course_key, block_id = block.ref.course_key, block.ref.block_id
    as_learner = (Q(user_id__in=platform.course_grade_rows(course_key).values("user_id"))
                  | Q(user_id__in=IssuedCertificate.objects.filter(block_id=block_id).values("user_id"))
                  | Q(user_id__in=AllowlistEntry.objects.filter(block_id=block_id).values("user_id")))
    return platform.enrollments(course_key).exclude(Q(user_id__in=platform.course_team(course_key)) & ~as_learner)


def _filtered(block: BatchBlock, search: str, status: str) -> QuerySet:
    """Enrollments of the course matching the search (username, email, full name, printed name) and status."""
    block_id = block.ref.block_id
    rows = learner_enrollments(block)
    if search:
        # Accents and case ignored alike on sqlite and MariaDB: "orsted" finds "Ørsted".
        pattern = folded_pattern(search)
        printed = IssuedCertificate.objects.filter(block_id=block_id, name__iregex=pattern).values("user_id")
        rows = rows.filter(Q(user__username__iregex=pattern) | Q(user__email__iregex=pattern)
                           | Q(user_id__in=platform.users_named(pattern)) | Q(user_id__in=printed))
    certificates = IssuedCertificate.objects.filter(block_id=block_id)
    live = certificates.filter(live=1).values("user_id")
    if status == "issued":
        rows = rows.filter(user_id__in=live)
    elif status == "revoked":
        rows = rows.filter(user_id__in=certificates.filter(status=REVOKED).values("user_id")).exclude(user_id__in=live)
    elif status == "allowlisted":
        rows = rows.filter(user_id__in=AllowlistEntry.objects.filter(block_id=block_id).values("user_id"))
    elif status == "failed":
        rows = rows.filter(user_id__in=IssueFailure.objects.filter(block_id=block_id).values("user_id")).exclude(
            user_id__in=live)
    elif status in ("eligible", "not_eligible"):
        by_grade, by_allowlist = candidate_queries(block)
        candidates = Q(user_id__in=by_grade) | Q(user_id__in=by_allowlist)
        rows = rows.filter(candidates) if status == "eligible" else rows.exclude(candidates).exclude(
            user_id__in=certificates.values("user_id"))
    return rows


def learners(block: BatchBlock, *, search: Any = "", status: Any = "", page: Any = 1,
             page_size: Any = PAGE_SIZE, _: Any = lambda s: s) -> dict[str, Any]:
    """One page of the course's learners with where they stand; bad arguments are a ``StaffError`` naming them."""
    search, status, page, page_size = _arguments(search, status, page, page_size)
    rows = _filtered(block, search, status).order_by("user__username")
    total = rows.count()
    user_ids = list(rows.values_list("user_id", flat=True)[(page - 1) * page_size:page * page_size])
    return {"count": total, "page": page, "page_size": page_size, "pages": max(1, -(-total // page_size)),
            "results": _describe(block, user_ids, _)}


def _arguments(search: Any, status: Any, page: Any, page_size: Any) -> tuple[str, str, int, int]:
    if not isinstance(search, str) or len(search) > MAX_SEARCH:
        raise StaffError(gettext_noop("'search' must be text of at most {limit} characters."), limit=MAX_SEARCH)
    if status not in ("", *STATUSES):
        raise StaffError(gettext_noop("'status' must be one of {choices}."), choices=", ".join(STATUSES))
    try:
        page, page_size = int(page), int(page_size)
    except (TypeError, ValueError):
        raise StaffError(gettext_noop("'page' and 'page_size' must be whole numbers.")) from None
    if isinstance(page, bool) or page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise StaffError(gettext_noop("'page' starts at 1 and 'page_size' is between 1 and {limit}."),
                         limit=MAX_PAGE_SIZE)
    return search.strip(), status, page, page_size


def _describe(block: BatchBlock, user_ids: list[int], _: Any) -> list[dict[str, Any]]:
    """Each learner of a page: a constant number of queries for the whole page (grades read in one prefetch)."""
    if not user_ids:
        return []
    grades = platform.read_course_grades(user_ids, block.ref.course_key)
    people = platform.learners_by_ids(user_ids)
    standings = gather_standings(block.ref, block.rules, grades)
    revoked = {c.user_id: c for c in IssuedCertificate.objects.filter(
        block_id=block.ref.block_id, user_id__in=user_ids, status=REVOKED).order_by("revoked_at")}
    notes = dict(AllowlistEntry.objects.filter(block_id=block.ref.block_id, user_id__in=user_ids)
                 .values_list("user_id", "notes"))
    failures = {f.user_id: f for f in IssueFailure.objects.filter(block_id=block.ref.block_id, user_id__in=user_ids)}
    rows = []
    for user_id in user_ids:
        person, known = people.get(user_id), standings.get(user_id)
        if person is None or known is None:
            continue
        standing = assess(person, block.ref, block.rules, known=known)
        certificate = standing.certificate or revoked.get(user_id)
        status = "revoked" if standing.certificate is None and user_id in revoked else standing.status
        failure = failures.get(user_id) if standing.certificate is None else None
        figure, kind = deciding_figure(known)
        enrollment = known.facts.enrollment
        rows.append({
            "username": person.username,
            "email": person.email,
            "name": certificate.name if certificate else printable_name(person.full_name),
            "grade": figure,  # None: the platform has no grade for them yet (not 0%)
            "figure": kind,
            "mode": enrollment.mode if enrollment else "",
            "status": status,
            "reason": standing_words(standing.decision, known.facts.grade.attempted, _) if status != "revoked"
            else (certificate.revoke_reason if certificate else ""),
            "message": standing.decision.message(_) if standing.decision and status != "revoked" else "",
            "allowlisted": user_id in notes,
            "allowlist_note": notes.get(user_id, ""),
            "failure": {"kind": failure.kind, "detail": failure.detail} if failure else None,
            "certificate": certificate_json(certificate) if certificate else None,
        })
    return rows


def deciding_figure(known: KnownStanding) -> tuple[float | None, str]:
    """The figure that decides this block, 0..100, and what it is: a lesson's section grade ("section"), a
    completion block's completion ("completion"), else the course grade ("grade") — None while the platform has
    no grade for the learner yet, which is not 0%."""
    primary = known.facts.requirements[0] if known.facts.requirements else None
    if primary is not None and primary.current is not None:
        if primary.rule is Rule.SECTION_GRADE:
            return primary.current, "section"
        if primary.rule is Rule.COMPLETION:
            return primary.current, "completion"
    if not known.facts.grade.attempted:
        return None, "grade"
    return to_percent(known.facts.grade.percent), "grade"


def certificate_json(certificate: IssuedCertificate) -> dict[str, Any]:
    """A certificate as the staff view and the staff API show it (the reason for a revocation included)."""
    return {
        "id": certificate.verify_id,
        "short_code": format_short_code(certificate.short_code),
        "status": certificate.status,
        "issued_at": certificate.issued_at.isoformat(),
        "issued_via": certificate.issued_via,
        "version": certificate.version,
        "verify_url": verify_url(certificate.verify_id),
        "revoked_at": certificate.revoked_at.isoformat() if certificate.revoked_at else None,
        "revoke_reason": certificate.revoke_reason,
        "email": certificate.email_status,
    }
