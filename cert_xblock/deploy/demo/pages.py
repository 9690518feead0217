"""The demo's stand-ins for the platform pages the block links to, and a mailbox of the emails it sent.

In the LMS the block's sign-in link goes to the platform's ``/login?next=…``, its upgrade link to the course's
upgrade page, its email's course link to the courseware; the workbench has none of them, so the demo serves
these (``cert_xblock.deploy.demo.urls``; never mounted by the plugin app, so never in an LMS):

- ``/twin/login/?next=…``: "signing in" in the workbench is choosing a ``?student=``; the page lists the demo's
  people and sends each back to ``next`` (a local address only) as that student.
- ``/twin/upgrade/<course>/``: what the platform's page would do, and the demo command that does it.
- ``/twin/courseware/<usage id>/``: the workbench scenario that holds the block (the twin's courseware link).
- ``/twin/mail/``: every email the mail backend captured (the demo's file backend, ``CERT_XBLOCK_VAR/mail``),
  newest first, filtered with ``?to=<username or address>``.

The workbench trusts ``?student=`` as its whole notion of who is signed in; these pages are as open as it is,
and, like the stand-ins they are, in English.
"""
from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from cert_xblock.deploy.demo.scenarios import SCENARIOS

# The separator Django's file email backend writes after each message.
MESSAGE_END = "\n" + "-" * 79 + "\n"


def _page(title: str, body: str, status: int = 200) -> HttpResponse:
    html = format_html('<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
                       'content="width=device-width, initial-scale=1"><title>{} · demo</title>'
                       '<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;'
                       'padding:0 1rem}} .demo-note{{color:#555}} pre{{white-space:pre-wrap}}</style></head>'
                       '<body><main><h1>{}</h1>{}</main></body></html>', title, title, body)
    return HttpResponse(html, status=status)


def _note(text: str) -> str:
    return format_html('<p class="demo-note">{}</p>', text)


def as_student(next_url: str, username: str) -> str:
    """``next_url`` with the workbench's ``student`` set to ``username`` (its other parameters kept)."""
    parts = urlsplit(next_url)
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key != "student"]
    return urlunsplit(parts._replace(query=urlencode([*query, ("student", username)])))


@require_safe
def sign_in(request: HttpRequest) -> HttpResponse:
    """The platform's sign-in page, as the workbench signs in: choose who you are; back to ``next`` as them."""
    next_url = request.GET.get("next", "")
    if not next_url or not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/scenario/cert_xblock.0/"
    people = get_user_model().objects.order_by("username").values_list("username", "profile__name")
    items = format_html_join("", '<li><a href="{}">{}</a> {}</li>',
                             ((as_student(next_url, username), username, f"— {name}" if name else "")
                              for username, name in people))
    return _page("Sign in", _note("The demo's stand-in for the platform's sign-in page: the workbench signs you in "
                                  "by name. Choose who you are to go back where you were.")
                 + format_html("<ul>{}</ul>", items))


@require_safe
def upgrade(request: HttpRequest, course_key: str) -> HttpResponse:
    """The course's upgrade page: in the LMS the learner pays for a certificate track here."""
    student = request.GET.get("student", "")
    command = f"python3 scripts/dev.py manage twin_learner {student or 'USERNAME'} --mode verified"
    return _page("Upgrade to a certificate track", _note(
        "The demo's stand-in for the platform's upgrade page. In Open edX the learner chooses the verified track "
        "of the course here; then the Certificate block certifies them.")
        + format_html("<p>Course: <code>{}</code></p><p>In the demo, upgrade from a shell:</p><pre><code>{}</code>"
                      "</pre>", course_key, command))


@require_safe
def courseware(request: HttpRequest, usage_id: str) -> HttpResponse:
    """The workbench scenario holding the block, as the LMS's jump-to link opens its unit."""
    slug = usage_id.split(".", 1)[0]
    for position, (description, _xml) in enumerate(SCENARIOS):
        if slugify(description) == slug:
            query = request.GET.urlencode()
            return HttpResponseRedirect(f"/scenario/cert_xblock.{position}/" + (f"?{query}" if query else ""))
    raise Http404("No demo scenario holds this block.")


def captured_messages() -> list[EmailMessage]:
    """Every message the file backend wrote (one file per connection, several messages each), newest first."""
    folder = Path(getattr(settings, "EMAIL_FILE_PATH", "") or "")
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True):
        for chunk in reversed(path.read_bytes().split(MESSAGE_END.encode())):
            if chunk.strip():
                found.append(email.message_from_bytes(chunk.lstrip(b"\n"), policy=email.policy.default))
    return found


def _text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",)) if message.is_multipart() else message
    return part.get_content() if part is not None else ""


@require_safe
def mailbox(request: HttpRequest) -> HttpResponse:
    """The emails the demo sent, each with its recipient, subject and text; ``?to=`` one learner's."""
    wanted = request.GET.get("to", "").strip().lower()
    if wanted and "@" not in wanted:
        wanted = (get_user_model().objects.filter(username=wanted).values_list("email", flat=True).first()
                  or wanted).lower()
    messages = [m for m in captured_messages() if not wanted or wanted in str(m.get("To", "")).lower()]
    if not messages:
        return _page("Emails", _note("No email has been sent yet" + (f" to {wanted}." if wanted else ".")))
    items = format_html_join("", '<article class="demo-mail"><h2>{}</h2><p>To: {} · {}</p><pre>{}</pre></article>',
                             ((m.get("Subject", ""), m.get("To", ""), m.get("Date", ""), _text_of(m))
                              for m in messages))
    return _page("Emails", _note("Every email the demo's mail backend captured, newest first.") + items)
