"""The public verification page of a certificate: no login, only what the holder chose to share."""
from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from .models import IssuedCertificate
from .templating import render_template


def verify_page(request: HttpRequest, verify_id: str) -> HttpResponse:
    certificate = IssuedCertificate.objects.filter(verify_id=verify_id).first()
    if certificate is None:
        raise Http404("No certificate has this verification id.")
    return HttpResponse(render_template("verify.html", {"certificate": certificate}))
