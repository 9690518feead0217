"""The block's reports, streamed so memory stays flat whatever the course's size: the issuance report as CSV
(every certificate, with its last staff action from the audit trail and who allowlisted its holder, and why)
and a ZIP of every valid certificate's PDF.

Both are generators of bytes: the REST view hands them to a ``StreamingHttpResponse``, the block's handler to
its response body. Rows are read with a server-side iterator in chunks; the ZIP is written with
data descriptors (no seeking back), one stored PDF at a time (PDFs are compressed already).
"""
from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

from django.db.models import Exists, OuterRef, Subquery

from cert_xblock.core.figures import to_percent
from cert_xblock.models import AllowlistEntry, IssuedCertificate, StaffAction, format_short_code
from cert_xblock.records import storage
from cert_xblock.records.links import verify_url
from cert_xblock.staff.audit import action_words

CHUNK = 2000
COLUMNS = ["username", "email", "name", "status", "grade_percent", "issued_at", "issued_via", "allowlisted",
           "allowlisted_by", "allowlist_note",
           "short_code", "verify_url", "version", "regenerated_at", "revoked_at", "revoke_reason", "request_id",
           "email_delivery", "last_staff_action", "last_action_by", "last_action_at", "last_action_reason",
           "last_action_request_id"]
_LAST_ACTION = ("kind", "actor_username", "created", "reason", "request_id")


class _Sink:
    """A write-only file that hands back what was written since the last ``take``, kept in one growing buffer
    (not a list of pieces: the ZIP's central directory is written as three small pieces per entry)."""

    def __init__(self) -> None:
        self.buffer = bytearray()

    def write(self, data: Any) -> int:
        self.buffer += data.encode("utf-8") if isinstance(data, str) else data
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: ``take`` hands the bytes on."""

    def take(self) -> bytes:
        data = bytes(self.buffer)
        self.buffer.clear()
        return data


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    text = str(value)
    # A cell a spreadsheet would run as a formula is kept as text (CSV injection).
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def report_file_name(course_key: Any, block_id: str, kind: str, today: date | None = None) -> str:
    """``certificates-<course>-<block>-<date>.<kind>``: two blocks' reports, or two days', never overwrite each
    other in a downloads folder. The course is its org+number+run, the block its usage id's last part."""
    course = "-".join(filter(None, (getattr(course_key, attr, "") for attr in ("org", "course", "run")))) or str(
        course_key)
    block = block_id.rsplit("@", 1)[-1]
    stamp = (today or datetime.now(UTC).date()).isoformat()
    return re.sub(r"[^A-Za-z0-9._-]+", "_", f"certificates-{course}-{block}-{stamp}") + f".{kind}"


def report_csv(block_id: str, _: Any = lambda s: s) -> Iterator[bytes]:
    """The issuance report of a block, a UTF-8 CSV with a header row, in chunks of rows; the last staff action
    in words in the caller's language (``_``), as the staff view's history says it."""
    last = StaffAction.objects.filter(certificate=OuterRef("pk")).order_by("-created", "-id")
    entry = AllowlistEntry.objects.filter(block_id=block_id, user_id=OuterRef("user_id"))
    rows = IssuedCertificate.objects.filter(block_id=block_id).order_by("pk").annotate(
        **{f"last_{field}": Subquery(last.values(field)[:1]) for field in _LAST_ACTION},
        allowlisted_by=Subquery(entry.values("created_by")[:1]), allowlist_note=Subquery(entry.values("notes")[:1]),
        on_allowlist=Exists(entry))
    fields = ["user__username", "user__email", "name", "status", "grade_percent", "issued_at", "issued_via",
              "on_allowlist", "allowlisted_by", "allowlist_note", "short_code", "verify_id", "version",
              "regenerated_at", "revoked_at", "revoke_reason", "request_id", "email_status",
              *(f"last_{field}" for field in _LAST_ACTION)]
    sink = _Sink()
    writer = csv.writer(sink)
    sink.write("\ufeff")  # spreadsheets read the file as UTF-8
    writer.writerow(COLUMNS)
    for number, values in enumerate(rows.values_list(*fields).iterator(chunk_size=CHUNK), start=1):
        row = dict(zip(fields, values, strict=True))
        writer.writerow([_text(v) for v in (
            row["user__username"], row["user__email"], row["name"], row["status"],
            to_percent(row["grade_percent"]) if row["grade_percent"] is not None else None,
            row["issued_at"], row["issued_via"], "yes" if row["on_allowlist"] else "no", row["allowlisted_by"],
            row["allowlist_note"],
            format_short_code(row["short_code"]), verify_url(row["verify_id"]), row["version"],
            row["regenerated_at"], row["revoked_at"], row["revoke_reason"], row["request_id"],
            row["email_status"], row["last_kind"] and action_words(row["last_kind"], _),
            *(row[f"last_{field}"] for field in _LAST_ACTION[1:]))])
        if number % 200 == 0:
            yield sink.take()
    yield sink.take()


def pdf_zip(block_id: str) -> Iterator[bytes]:
    """Every valid certificate's current PDF, as ``<username>-<short code>.pdf`` entries of one ZIP."""
    sink = _Sink()
    # A retired holder's PDF was deleted with their name (records.retirement): nothing to put in the archive.
    rows = IssuedCertificate.objects.filter(block_id=block_id, live=1).exclude(file_name="").order_by("pk").values_list(
        "user__username", "short_code", "file_name", "issued_at")
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        for username, code, file_name, issued_at in rows.iterator(chunk_size=CHUNK):
            entry = zipfile.ZipInfo(f"{username}-{format_short_code(code)}.pdf", issued_at.timetuple()[:6])
            with archive.open(entry, "w", force_zip64=True) as member, \
                    storage.certificate_storage().open(file_name, "rb") as source:
                for piece in iter(lambda src=source: src.read(64 * 1024), b""):
                    member.write(piece)
            # Only the central directory needs the entry (``filelist``); the name index would double it.
            archive.NameToInfo.clear()
            yield sink.take()
    yield sink.take()
