"""Where certificate PDFs are kept, through Django's storage API.

The storage is the ``cert_xblock`` alias of ``settings.STORAGES`` (the plugin settings default it to the
local file system; operators point it at django-storages' S3 backend with ``CERT_XBLOCK_STORAGE``, and
``settings.common.certificate_storages`` makes that backend sign every link). Files are never public: a learner
gets their own file through the block's download handler, which streams local files and redirects to a
short-lived presigned link where the storage can make one.
"""
from __future__ import annotations

import re
import unicodedata

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.core.files.storage.handler import InvalidStorageError

STORAGE_ALIAS = "cert_xblock"
# Latin letters that Unicode does not decompose into a base letter plus accent (so NFKD would drop them).
_NO_DECOMPOSITION = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                                   "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ı": "i"})


def certificate_storage() -> Storage:
    """The configured certificate storage; the local file system under MEDIA_ROOT when none is set."""
    try:
        return storages[STORAGE_ALIAS]
    except InvalidStorageError:
        from django.core.files.storage import FileSystemStorage

        return FileSystemStorage(location=f"{settings.MEDIA_ROOT}/cert_xblock")


def pdf_name(course_key: object, verify_id: str) -> str:
    """The object name of a certificate: unique per certificate, readable per course."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", str(course_key))
    return f"certificates/{slug}/{verify_id}.pdf"


def save_pdf(name: str, data: bytes) -> str:
    """Store the PDF under exactly ``name``; raises on any storage failure so the caller records nothing."""
    stored = certificate_storage().save(name, ContentFile(data, name=name))
    if stored != name:
        # A name is unique per certificate; a storage that renamed it would break the record's link.
        certificate_storage().delete(stored)
        raise FileExistsError(f"certificate file {name} already exists")
    return stored


def delete_pdf(name: str) -> None:
    """Remove a file that no record points to (a lost race or an undone issue)."""
    if name:
        certificate_storage().delete(name)


def read_pdf(name: str) -> bytes:
    with certificate_storage().open(name, "rb") as handle:
        return handle.read()


def download_filename(course_name: str, learner_name: str) -> str:
    """A file name a person recognises, safe for any characters: ASCII letters, digits, dashes."""
    def ascii_slug(text: str) -> str:
        folded = unicodedata.normalize("NFKD", text.translate(_NO_DECOMPOSITION)).encode("ascii", "ignore").decode()
        return re.sub(r"[^A-Za-z0-9]+", "-", folded).strip("-")[:60]

    parts = [p for p in (ascii_slug(course_name), ascii_slug(learner_name)) if p]
    return "-".join(parts + ["certificate"]) + ".pdf"


def presigned_url(name: str, download_name: str, expire_seconds: int | None = None) -> str | None:
    """A short-lived signed link where the storage makes them (S3), else None (stream the file instead).

    The link makes S3 answer with our file name and type, so the browser saves "Course-Learner-certificate.pdf"
    rather than the object's key. Lifetime: ``CERT_XBLOCK_DOWNLOAD_LINK_SECONDS`` unless given.
    """
    storage = certificate_storage()
    if not getattr(storage, "querystring_auth", False):
        return None
    return storage.url(
        name,
        parameters={
            "ResponseContentDisposition": f'attachment; filename="{download_name}"',
            "ResponseContentType": "application/pdf",
        },
        expire=expire_seconds or int(getattr(settings, "CERT_XBLOCK_DOWNLOAD_LINK_SECONDS", 300)),
    )
