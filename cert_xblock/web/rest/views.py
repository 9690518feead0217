"""REST views: my certificates (and my PDF), one learner's standing in a course, all certificates of a course.

Who may call each view is the permission table's (``cert_xblock.core.permissions``, each view's
``permission_action``); course roles are decided by the platform. The checks run before anything reads the body
(``permissions.api_permissions``); then the URL's parts and the query are checked as valid text, and a body is
parsed within its size and depth and checked the same way (``core.inputs``). Every refusal is a 4xx whose
``detail`` says what was wrong.
"""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey
from rest_framework.exceptions import (
    APIException,
    MethodNotAllowed,
    NotFound,
    ParseError,
    UnsupportedMediaType,
)
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import BaseParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.schemas.openapi import AutoSchema
from rest_framework.views import APIView

from cert_xblock import platform
from cert_xblock.core.http import MAX_BODY_BYTES, RequestError, load_json_object
from cert_xblock.core.inputs import InputRefused, check_text
from cert_xblock.core.permissions import Action, allowed
from cert_xblock.issuing.batch.runner import BatchBlock, course_blocks
from cert_xblock.issuing.issuance import assess
from cert_xblock.models import IssuedCertificate
from cert_xblock.notifications import tracking
from cert_xblock.records import storage
from cert_xblock.records.verification import EXPIRED, REVOKED, VALID, certificate_status
from cert_xblock.web.rest.permissions import (
    PayloadTooLarge,
    api_permissions,
    authentication_classes,
    request_gettext,
    view_caller,
)
from cert_xblock.web.rest.serializers import CertificateSerializer, LearnerStatusSerializer, StaffCertificateSerializer


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class BadInput(APIException):
    """A 4xx naming the field the caller sent wrong (``core.inputs``, ``core.http``)."""

    status_code = 400

    def __init__(self, detail: str, status: int = 400):
        super().__init__(detail)
        self.status_code = status


class _Checked:
    """Once the permission is decided (``APIView.initial``): the URL's parts and the query as valid text."""

    kwargs: dict[str, Any]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        _ = request_gettext(request)
        try:
            check_text(dict(self.kwargs), "", _)
            check_text(request.query_params.dict(), "", _)
        except InputRefused as exc:
            raise BadInput(str(exc), exc.status) from None


class _CourseView(_Checked):
    """The course key in the URL; a malformed one is a 400 that names it."""

    kwargs: dict[str, Any]
    request: Request

    @property
    def course_key(self) -> CourseKey:
        try:
            return CourseKey.from_string(self.kwargs["course_id"])
        except InvalidKeyError:
            _ = request_gettext(self.request)
            raise ParseError(_("'{course_id}' is not a valid course id.").format(
                course_id=self.kwargs["course_id"])) from None


def _filter_status(queryset: QuerySet, request: Request) -> QuerySet:
    """``?status=`` ``valid``, ``revoked`` or ``expired``, as the verify page says them; anything else is a 400."""
    status = request.query_params.get("status")
    if not status:
        return queryset
    now = datetime.now(UTC)
    live = Q(status=IssuedCertificate.Status.ISSUED)
    filters = {
        VALID: live & (Q(expires_at__isnull=True) | Q(expires_at__gt=now)),
        EXPIRED: live & Q(expires_at__lte=now),
        REVOKED: Q(status=IssuedCertificate.Status.REVOKED),
    }
    if status not in filters:
        _ = request_gettext(request)
        raise ParseError(_("Unknown status '{status}': use one of {choices}.").format(
            status=status, choices=", ".join(filters)))
    return queryset.filter(filters[status])


class MyCertificatesView(_Checked, ListAPIView):
    """The signed-in learner's certificates, newest first. Filter with ``?status=valid|revoked|expired``."""

    authentication_classes = authentication_classes()
    renderer_classes = [JSONRenderer]
    permission_classes = api_permissions()
    permission_action = Action.API_MY_CERTIFICATES
    serializer_class = CertificateSerializer
    pagination_class = Pages

    def get_queryset(self) -> QuerySet:
        mine = IssuedCertificate.objects.filter(user=self.request.user).order_by("-issued_at", "-id")
        return _filter_status(mine, self.request)


class CourseCertificatesView(_CourseView, ListAPIView):
    """Every certificate of a course, for course staff, paginated. Filter with ``?status=valid|revoked|expired``."""

    authentication_classes = authentication_classes()
    renderer_classes = [JSONRenderer]
    permission_classes = api_permissions()
    permission_action = Action.API_COURSE_CERTIFICATES
    serializer_class = StaffCertificateSerializer
    pagination_class = Pages

    def get_queryset(self) -> QuerySet:
        course = IssuedCertificate.objects.filter(course_key=self.course_key).select_related("user")
        return _filter_status(course.order_by("-issued_at", "-id"), self.request)


class LearnerStatusView(_CourseView, RetrieveAPIView):
    """One learner's certificates in a course and where they stand with each of its certificate blocks."""

    authentication_classes = authentication_classes()
    renderer_classes = [JSONRenderer]
    permission_classes = api_permissions()
    permission_action = Action.API_LEARNER_STATUS
    serializer_class = LearnerStatusSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = get_user_model().objects.filter(username=kwargs["username"]).first()
        if user is None:
            _ = request_gettext(request)
            raise NotFound(_("No learner has the username '{username}'.").format(
                username=kwargs["username"]))
        certificates = list(IssuedCertificate.objects.filter(user=user, course_key=self.course_key)
                            .order_by("-issued_at", "-id"))
        data = {
            "username": user.username,
            "course_id": str(self.course_key),
            "has_valid_certificate": any(certificate_status(c) == VALID for c in certificates),
            "certificates": certificates,
            "blocks": self._standings(user.pk, request),
        }
        return Response(self.get_serializer(data).data)

    def _standings(self, user_id: int, request: Request) -> list[dict[str, Any]]:
        """Read-only ``assess`` per enabled block: nothing is issued, no grade is recomputed."""
        learner = platform.learner_by_id(user_id)
        _ = request_gettext(request)
        standings = []
        for block in course_blocks(self.course_key):
            standing = assess(learner, block.ref, block.rules)
            decision = standing.decision
            standings.append({
                "block_id": block.ref.block_id,
                "display_name": block.rules.display_name,
                "status": standing.status,
                "reason": decision.reason.value if decision else None,
                "message": decision.message(_) if decision else "",
            })
        return standings


class MyCertificateDownloadView(_Checked, APIView):
    """The signed-in learner's own PDF: a redirect to a short-lived signed link (S3) or the file itself."""

    authentication_classes = authentication_classes()
    permission_classes = api_permissions()
    permission_action = Action.API_MY_CERTIFICATES  # signed in; the file itself is the holder's only (below)

    def get(self, request: Request, verify_id: str) -> HttpResponse:
        # A revoked certificate is no longer the holder's to download (the record stays; staff see it).
        certificate = IssuedCertificate.objects.filter(user=request.user, verify_id=verify_id, live=1).first()
        # Anyone but the holder is told the certificate is not theirs, never whether it exists.
        if certificate is None or not allowed(Action.API_MY_DOWNLOAD, view_caller(request, self).with_holder(
                certificate.user_id)):
            _ = request_gettext(request)
            raise NotFound(_("You hold no certificate with this id."))
        tracking.certificate_downloaded(certificate)
        delivery = storage.certificate_download(certificate)
        if delivery.redirect:
            return HttpResponseRedirect(delivery.redirect)
        response = HttpResponse(delivery.body, content_type="application/pdf")
        response["Content-Disposition"] = delivery.disposition
        response["Cache-Control"] = "private, no-store"
        return response


# --- course-team operations on one certificate block (cert_xblock.staff) -----------------------------------------
class JSONObjectParser(BaseParser):
    """A JSON object within the size limit, nested at most 8 deep, of valid text (``core.http.load_json_object``,
    as the block's handlers parse theirs): anything else is a 4xx naming what is wrong, never a RecursionError."""

    media_type = "application/json"

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> dict[str, Any]:
        request = (parser_context or {}).get("request")
        _ = request_gettext(request) if request is not None else (lambda text: text)
        data = stream.read(MAX_BODY_BYTES + 1) if stream is not None else b""
        if len(data) > MAX_BODY_BYTES:
            raise PayloadTooLarge(_("The request body is too large."))
        try:
            return load_json_object(data, _)
        except RequestError as exc:
            raise BadInput(str(exc), exc.status) from None


class CSVParser(BaseParser):
    """A CSV upload, kept as bytes: the allowlist import reports a line that is not UTF-8 rather than failing."""

    media_type = "text/csv"

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> bytes:
        from cert_xblock.staff import MAX_CSV_BYTES

        data = stream.read(MAX_CSV_BYTES + 1) if stream is not None else b""
        if len(data) > MAX_CSV_BYTES:
            request = (parser_context or {}).get("request")
            raise PayloadTooLarge(request_gettext(request)("The request body is too large.") if request else None)
        return data


class _BlockView(_CourseView):
    """A certificate block of the course in the URL; one that is not there is a 404 that says so."""

    @property
    def block(self) -> BatchBlock:
        from cert_xblock.issuing.batch.runner import BlockNotConfigured, load_block

        try:
            block = load_block(self.kwargs["block_id"])
        except BlockNotConfigured:
            block = None
        if block is None or block.ref.course_key != self.course_key:
            _ = request_gettext(self.request)
            raise NotFound(_("This course has no certificate block '{block_id}'.").format(
                block_id=self.kwargs["block_id"]))
        return block


class _OperationSchema(AutoSchema):
    """One OpenAPI operation id per staff operation (``staffRegenerateAll``…): the view class serves them all."""

    def get_operation_id(self, path: str, method: str) -> str:
        name = self.view.operations.get(method.upper(), method.lower())
        return "staff" + "".join(part.title() for part in name.split("_"))


class StaffOperationView(_BlockView, APIView):
    """A course-team operation on one certificate block, exactly as the block's ``staff/<operation>`` handler
    runs it (``cert_xblock.staff.OPERATIONS``): GET arguments in the query, POST a JSON object (a CSV file for
    the allowlist import, with ``?note=``). Answers the operation's JSON, with the request id of the audit row."""

    authentication_classes = authentication_classes()
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONObjectParser, CSVParser]
    permission_classes = api_permissions()
    operations: dict[str, str] = {}
    schema = _OperationSchema()

    @property
    def permission_action(self) -> Action:
        from cert_xblock.staff import OPERATIONS

        return OPERATIONS[next(iter(self.operations.values()))].action

    @property
    def max_body_bytes(self) -> int:
        """The allowlist's CSV may be 1 MB; every other body is a small JSON object."""
        from cert_xblock.staff import MAX_CSV_BYTES, OPERATIONS

        takes_csv = any(OPERATIONS[name].body == "csv" for name in self.operations.values())
        return MAX_CSV_BYTES if takes_csv else MAX_BODY_BYTES

    def get(self, request: Request, **kwargs: Any) -> Response:
        return self._perform(request, "GET")

    def post(self, request: Request, **kwargs: Any) -> Response:
        return self._perform(request, "POST")

    def _perform(self, request: Request, method: str) -> Response:
        from cert_xblock.staff import OPERATIONS, Actor, check_arguments, perform

        _ = request_gettext(request)
        name = self.operations.get(method)
        if name is None:
            raise MethodNotAllowed(method)
        block = self.block
        if method == "GET":
            data: Any = request.query_params.dict()
        elif OPERATIONS[name].body == "csv":
            if not isinstance(request.data, bytes):
                raise UnsupportedMediaType(request.content_type, _("Send the file as CSV (Content-Type: text/csv)."))
            data = (request.data, request.query_params.get("note", ""))
        else:
            data = request.data
            if not isinstance(data, dict):
                raise ParseError(_("The request body must be a JSON object."))
        try:
            check_arguments(request.query_params.dict() if isinstance(data, tuple) else data, _)
        except InputRefused as exc:
            raise BadInput(str(exc), exc.status) from None
        status, payload = perform(name, block, data, Actor(request.user.username, request.user.pk), _)
        return Response(payload, status=status)


class StaffReportView(_BlockView, APIView):
    """The block's issuance report (``report.csv``, with the audit trail) or every valid PDF (``report.zip``),
    streamed: the response starts at once and memory stays flat however many certificates there are."""

    authentication_classes = authentication_classes()
    permission_classes = api_permissions()
    permission_action = Action.STAFF_REPORT

    def get(self, request: Request, kind: str, **kwargs: Any) -> StreamingHttpResponse:
        from cert_xblock.staff import pdf_zip, report_csv, report_file_name

        block = self.block
        if kind == "zip":
            response = StreamingHttpResponse(pdf_zip(block.ref.block_id), content_type="application/zip")
        else:
            response = StreamingHttpResponse(report_csv(block.ref.block_id, request_gettext(request)),
                                             content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{report_file_name(block.ref.course_key, block.ref.block_id, kind)}"')
        response["Cache-Control"] = "private, no-store"
        return response
