"""The allowlist: learners the course team grants a block's certificate regardless of grade.

An allowlisted learner still needs an active enrollment and can still be revoked (``eligibility.decide``);
they get the certificate by their own click, the next batch run, or "issue now". Adding one learner and
importing a CSV share one rule (``_check_row``), and a CSV is applied in one transaction: the valid rows are
written, each invalid one is reported with why, and nothing else changes.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext_noop

from cert_xblock import platform
from cert_xblock.core.inputs import invalid_character, printable
from cert_xblock.issuing.issuance import BlockRef
from cert_xblock.models import AllowlistEntry, StaffAction
from cert_xblock.staff import audit
from cert_xblock.staff.audit import Actor, StaffError
from cert_xblock.staff.lookup import user_by_identifier

MAX_NOTE = 255
MAX_CSV_BYTES = 1024 * 1024  # an allowlist CSV upload, read before parsing (handlers and REST alike)
MAX_CSV_ROWS = 10_000
# A line holds a username or email (254) and a note (255), quoted: longer is no allowlist line (and past 131,072
# characters Python's csv module raises instead of reading it).
MAX_CSV_LINE = 1024
# Users are looked up this many identifiers per query: sqlite's expression depth (1,000) and its bound parameters
# hold this many on every version, and MariaDB's too.
LOOKUP_BATCH = 500
_HEADER_WORDS = frozenset({"username", "user", "email", "username or email", "learner"})


@dataclass(frozen=True)
class RowReport:
    """One line of an imported CSV: ``added``, ``updated`` (note changed), ``unchanged``, or ``error``."""

    line: int
    identifier: str
    outcome: str
    message: str = ""

    def as_json(self, _: Any = lambda s: s) -> dict[str, Any]:
        return {**asdict(self), "message": _(self.message) if self.message else ""}


def _note(note: Any) -> str:
    if note is None:
        return ""
    if not isinstance(note, str):
        raise StaffError(gettext_noop("The note must be text."))
    text = " ".join(note.split())
    if len(text) > MAX_NOTE:
        raise StaffError(gettext_noop("The note is too long ({length} characters; at most {limit})."),
                         length=len(text), limit=MAX_NOTE)
    return text


def _check_enrolled(block: BlockRef, user: Any) -> None:
    if user.pk not in platform.get_enrollments([user.pk], block.course_key):
        raise StaffError(gettext_noop("{username} is not enrolled in this course."), username=user.username)


def _put(block: BlockRef, user: Any, note: str, actor: Actor, **detail: Any) -> str:
    """Add or update one entry and its audit row; the outcome as ``RowReport`` names it."""
    entry = AllowlistEntry.objects.filter(block_id=block.block_id, user=user).first()
    if entry is not None and entry.notes == note:
        return "unchanged"
    if entry is None:
        AllowlistEntry.objects.create(user=user, course_key=block.course_key, block_id=block.block_id, notes=note,
                                      created_by=actor.username)
    else:
        entry.notes = note
        entry.save(update_fields=["notes"])
    audit.record(actor, block, StaffAction.Kind.ALLOWLIST_ADD, learner=user, reason=note, **detail)
    return "added" if entry is None else "updated"


def add(block: BlockRef, identifier: Any, note: Any, actor: Actor) -> str:
    """Allowlist one enrolled learner (username or email) with a note; ``added``, ``updated`` or ``unchanged``."""
    text = _note(note)
    user = user_by_identifier(identifier)
    _check_enrolled(block, user)
    with transaction.atomic():
        return _put(block, user, text, actor)


def remove(block: BlockRef, identifier: Any, note: Any, actor: Actor) -> None:
    """Take a learner off the allowlist. A certificate they already hold stays (revoke it to take it back)."""
    text = _note(note)
    user = user_by_identifier(identifier)
    with transaction.atomic():
        deleted, _ = AllowlistEntry.objects.filter(block_id=block.block_id, user=user).delete()
        if not deleted:
            raise StaffError(gettext_noop("{username} is not on this block's allowlist."), status=404,
                             username=user.username)
        audit.record(actor, block, StaffAction.Kind.ALLOWLIST_REMOVE, learner=user, reason=text)


def entries(block: BlockRef) -> list[dict[str, Any]]:
    """The block's allowlist, as the staff view and the API list it."""
    rows = AllowlistEntry.objects.filter(block_id=block.block_id).select_related("user").order_by("user__username")
    return [{"username": e.user.username, "email": e.user.email, "note": e.notes, "added_by": e.created_by,
             "added_at": e.created.isoformat()} for e in rows]


def import_csv(block: BlockRef, data: bytes, actor: Actor, default_note: Any = "") -> list[RowReport]:
    """Apply a CSV (``username or email[,note]`` per line) in one transaction; a report line for every row.

    Tolerates what spreadsheets write: a UTF-8 byte-order mark, a header row, CRLF, blank lines (reported and
    skipped), quoted fields. A line that is not UTF-8 is reported as such, not guessed at.
    """
    note = _note(default_note)
    parsed = list(_rows(data))
    if len(parsed) > MAX_CSV_ROWS:
        raise StaffError(gettext_noop("The file has more than {limit} rows; split it."), status=413,
                         limit=MAX_CSV_ROWS)
    wanted = {row[1] for row in parsed if row[2] is None}
    users = _users_named(wanted)
    enrolled = platform.get_enrollments([u.pk for u in users.values()], block.course_key)
    reports, seen = [], {}
    with transaction.atomic():
        for line, identifier, problem, row_note in parsed:
            if problem is None:
                problem = _check_row(identifier, users, enrolled, seen)
            if problem is None:
                user = users[identifier.lower()]
                seen[user.pk] = line
                try:
                    outcome = _put(block, user, _note(row_note) if row_note else note, actor, csv_line=line)
                except StaffError as exc:
                    reports.append(RowReport(line, identifier, "error", exc.message))
                    continue
                reports.append(RowReport(line, identifier, outcome))
            else:
                reports.append(RowReport(line, identifier, "error" if problem != _BLANK else "skipped", problem))
    return reports


_BLANK = gettext_noop("Blank line: skipped.")
_NOT_UTF8 = gettext_noop("This line is not UTF-8 text: save the file as CSV UTF-8 and upload it again.")
_TOO_LONG = gettext_noop("This line is too long for a username or email and a note: at most 1,024 characters.")
_NOT_TEXT = gettext_noop("This line holds a character that is not text: remove it and upload the file again.")
_UNREADABLE = gettext_noop("This line is not a CSV row (check its quotes).")


def _rows(data: bytes) -> Iterator[tuple[int, str, str | None, str]]:
    """(line number, identifier, problem or None, note) for every line of the file, the header dropped."""
    import csv

    body = data.removeprefix(b"\xef\xbb\xbf")
    for number, raw in enumerate(body.splitlines(), start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield number, raw.decode("utf-8", "replace")[:80], _NOT_UTF8, ""
            continue
        if not text.strip().strip(",;"):
            yield number, "", _BLANK, ""
            continue
        if len(text) > MAX_CSV_LINE or invalid_character(text) is not None:
            yield number, printable(text[:80]), _TOO_LONG if invalid_character(text) is None else _NOT_TEXT, ""
            continue
        try:
            fields = next(csv.reader([text], delimiter=";" if ";" in text and "," not in text else ","))
        except csv.Error:
            yield number, text[:80], _UNREADABLE, ""
            continue
        identifier = fields[0].strip() if fields else ""
        if number == 1 and identifier.lower() in _HEADER_WORDS:
            continue
        yield number, identifier, None, fields[1].strip() if len(fields) > 1 else ""


def _users_named(identifiers: set[str]) -> dict[str, Any]:
    """Lower-cased username or email → user, ``LOOKUP_BATCH`` identifiers a query (an email two accounts share maps
    to neither). Emails match case-insensitively, as ``email__iexact`` does, on sqlite and MariaDB alike."""
    emails = sorted({i.lower() for i in identifiers if "@" in i})
    names = sorted({i for i in identifiers if "@" not in i})
    users = get_user_model().objects
    found: dict[str, Any] = {}
    for start in range(0, len(names), LOOKUP_BATCH):
        for user in users.filter(username__in=names[start:start + LOOKUP_BATCH]):
            found[user.username.lower()] = user
    holders: dict[str, list[Any]] = {}
    for start in range(0, len(emails), LOOKUP_BATCH):
        batch = users.annotate(email_lower=Lower("email")).filter(email_lower__in=emails[start:start + LOOKUP_BATCH])
        for user in batch:
            holders.setdefault((user.email or "").lower(), []).append(user)
    for email, accounts in holders.items():
        if len(accounts) == 1:
            found[email] = accounts[0]
    return found


def _check_row(identifier: str, users: dict[str, Any], enrolled: dict[int, Any], seen: dict[int, int]) -> str | None:
    user = users.get(identifier.lower())
    if user is None:
        return gettext_noop("No learner has this username or email address.")
    if user.pk in seen:
        return gettext_noop("Duplicate: this learner is already on an earlier line.")
    if user.pk not in enrolled:
        return gettext_noop("Not enrolled in this course.")
    return None
