"""The credential's endpoints: the signed credential at its id, the holder's REST copy, the status list, did.json.

Each checks the permission table (``core.permissions``) first; none reads a request body. An unknown id is a 404
that says so in the caller's language; a site whose signing key is missing or malformed answers 503 with the reason
and signs nothing (the system checks ``cert_xblock.W010`` and ``E010`` tell the operator first).
"""
from __future__ import annotations

import logging
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import get_language_from_request
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.views import APIView

from cert_xblock.core.i18n import gettext_for
from cert_xblock.core.permissions import Action, allowed, caller_for_user, check
from cert_xblock.credentials import status, wallet
from cert_xblock.credentials.issuer import did_document
from cert_xblock.credentials.keys import KeyProblem, issuer_keys
from cert_xblock.credentials.signing import signed_credential
from cert_xblock.models import IssuedCertificate, IssuedCredential
from cert_xblock.web.rest.permissions import FollowsTable, authentication_classes, request_gettext, view_caller

log = logging.getLogger(__name__)
MEDIA_TYPE = "application/ld+json"


def _gettext(request: HttpRequest) -> Any:
    return gettext_for(get_language_from_request(request) or "en")


def _json(document: dict[str, Any], status_code: int = 200) -> JsonResponse:
    return JsonResponse(document, status=status_code, content_type=MEDIA_TYPE,
                        json_dumps_params={"ensure_ascii": False, "indent": 2})


def _unavailable(request: HttpRequest, problem: KeyProblem) -> JsonResponse:
    log.error("no credential signed: %s", problem)
    _ = _gettext(request)
    return JsonResponse({"error": _("This site cannot sign verifiable credentials yet: its signing key is not set "
                                    "up. The certificate itself is valid.")}, status=503)


def credential_response(request: HttpRequest, certificate: IssuedCertificate) -> HttpResponse:
    """The signed credential as JSON-LD; ``?download=1`` saves it as a file."""
    try:
        response = _json(signed_credential(certificate))
    except KeyProblem as problem:
        return _unavailable(request, problem)
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.verify_id}.json"'
    response["Cache-Control"] = "no-cache, max-age=0"
    return response


@require_safe
def credential(request: HttpRequest, verify_id: str) -> HttpResponse:
    """The credential at its ``id``: public, like the verify page it mirrors (revoked ones too: their status says)."""
    check(Action.CREDENTIAL, caller_for_user(request.user))
    certificate = IssuedCertificate.objects.filter(verify_id=verify_id).first()
    if certificate is None:
        return JsonResponse({"error": _gettext(request)("No certificate has this verification id.")}, status=404)
    return credential_response(request, certificate)


@require_safe
def did_json(request: HttpRequest) -> HttpResponse:
    """The issuer's did:web document."""
    check(Action.CREDENTIAL, caller_for_user(request.user))
    try:
        keys = issuer_keys()
    except KeyProblem as problem:
        return _unavailable(request, problem)
    response = JsonResponse(did_document(keys), content_type="application/did+ld+json")
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def status_list(request: HttpRequest, number: str) -> HttpResponse:
    """One signed status list; ``If-None-Match`` with the current ETag gets a 304 without signing."""
    check(Action.CREDENTIAL, caller_for_user(request.user))
    last = IssuedCredential.objects.order_by("-id").values_list("id", flat=True).first() or 0
    if int(number) > last // status.STATUS_LIST_SIZE:
        return JsonResponse({"error": _gettext(request)("There is no status list with this number.")}, status=404)
    bits = status.revoked_bits(int(number))
    tag = status.etag(bits)
    if tag in [value.strip() for value in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponse(status=304)
    else:
        try:
            response = _json(status.status_list_credential(int(number), bits))
        except KeyProblem as problem:
            return _unavailable(request, problem)
    response["ETag"] = tag
    response["Cache-Control"] = "no-cache"  # revalidate each time: a revocation shows at once
    return response


class MyCredentialView(APIView):
    """The signed-in learner's own credential (``me/certificates/<id>/credential``), as a JSON file."""

    authentication_classes = authentication_classes()
    permission_classes = [IsAuthenticated, FollowsTable]
    permission_action = Action.API_MY_CERTIFICATES  # signed in; the credential itself is the holder's (below)

    def get(self, request: Request, verify_id: str) -> HttpResponse:
        certificate = IssuedCertificate.objects.filter(user=request.user, verify_id=verify_id, live=1).first()
        if certificate is None or not allowed(Action.API_MY_CREDENTIAL, view_caller(request, self).with_holder(
                certificate.user_id)):
            raise NotFound(request_gettext(request)("You hold no certificate with this id."))
        return credential_response(request._request, certificate)


@csrf_exempt  # the wallet is not a browser with our cookie; the challenge is what authorises it
@require_POST
def exchange(request: HttpRequest, verify_id: str) -> HttpResponse:
    """The Learner Credential Wallet's request: its DID Authentication presentation in, the bound credential out."""
    check(Action.CREDENTIAL_EXCHANGE, caller_for_user(request.user))
    _ = _gettext(request)
    certificate = IssuedCertificate.objects.filter(verify_id=verify_id).first()
    if certificate is None:
        return JsonResponse({"error": _("No certificate has this verification id.")}, status=404)
    if int(request.headers.get("Content-Length") or 0) > wallet.MAX_BODY:
        return JsonResponse({"error": _("The request body is too large.")}, status=413)
    try:
        holder = wallet.authenticated_holder(certificate, request.body)
        return _json(wallet.bound_credential(certificate, holder))
    except wallet.ExchangeRefused as refused:
        return JsonResponse({"error": _(refused.message)}, status=refused.status)
    except KeyProblem as problem:
        return _unavailable(request, problem)


@require_safe
def wallet_qr(request: HttpRequest, verify_id: str) -> HttpResponse:
    """The wallet link as a QR code, for the challenge in the query (what the holder's view carries)."""
    check(Action.CREDENTIAL_EXCHANGE, caller_for_user(request.user))
    try:
        png = wallet.qr_png(verify_id, request.GET.get("challenge", ""))
    except wallet.ExchangeRefused as refused:
        return JsonResponse({"error": _gettext(request)(refused.message)}, status=refused.status)
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response
