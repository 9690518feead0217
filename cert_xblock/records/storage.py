"""Where certificate PDFs are kept, through Django's storage API.

The storage is the ``cert_xblock`` alias of ``settings.STORAGES`` (the plugin settings default it to a private
folder on the local file system, outside MEDIA_ROOT; operators point it at django-storages' S3 backend with
``CERT_XBLOCK_STORAGE``, and ``settings.common.certificate_storages`` makes that backend sign every link). Files
are never public: a learner gets their own file through the block's download handler or the REST API, which
stream local files and redirect to a short-lived presigned link where the storage can make one. Local files have
no URL at all (``PrivateFileSystemStorage``), and a system check refuses a local folder that a web server serves.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.files.storage.handler import InvalidStorageError

STORAGE_ALIAS = "cert_xblock"
CERTIFICATE_FOLDER = "certificates"  # every certificate file is certificates/<course>/<verify id>[-vN].pdf
# Latin letters that Unicode does not decompose into a base letter plus accent (so NFKD would drop them).
_NO_DECOMPOSITION = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                                   "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ı": "i"})


class PrivateFileSystemStorage(FileSystemStorage):
    """Local files that have no public address: ``url()`` refuses, so no page can ever link a PDF directly."""

    def url(self, name: str | None) -> str:
        raise ValueError("certificate files are private: serve them through the holder's download")


def certificate_storage() -> Storage:
    """The configured certificate storage; a private local folder when none is set."""
    try:
        return storages[STORAGE_ALIAS]
    except InvalidStorageError:
        from cert_xblock.settings.common import private_files_root

        return PrivateFileSystemStorage(location=private_files_root(settings))


def publicly_served_location(storage: Storage) -> str | None:
    """The served folder (MEDIA_ROOT or STATIC_ROOT) a local certificate storage lies in, else None."""
    import os

    location = getattr(storage, "location", None)
    if not location:
        return None
    location = os.path.realpath(location)
    for served in (getattr(settings, "MEDIA_ROOT", ""), getattr(settings, "STATIC_ROOT", "")):
        if served:
            root = os.path.realpath(str(served))
            if location == root or location.startswith(root.rstrip(os.sep) + os.sep):
                return root
    return None


def pdf_name(course_key: object, verify_id: str) -> str:
    """The object name of a certificate: unique per certificate, readable per course."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", str(course_key))
    return f"{CERTIFICATE_FOLDER}/{slug}/{verify_id}.pdf"


def save_pdf(name: str, data: bytes) -> str:
    """Store a certificate file (its PDF, its picture) under exactly ``name``; raises on any storage failure so the
    caller records nothing."""
    store = certificate_storage()
    if _put_object(store, name, data):
        return name
    stored = store.save(name, ContentFile(data, name=name))
    if stored != name:
        # A name is unique per certificate; a storage that renamed it would break the record's link.
        certificate_storage().delete(stored)
        raise FileExistsError(f"certificate file {name} already exists")
    return stored


def _put_object(store: Storage, name: str, data: bytes) -> bool:
    """One S3 PUT of ``data`` through the storage's own (per-thread, reused) client, with the object parameters
    django-storages' ``save`` would send; False when ``store`` is not such an S3 storage, to save the usual way.

    ``S3Storage.save`` builds a boto3 resource class and a transfer manager for every file: for a certificate of
    about 25 KB that cost more CPU than the PUT itself (profiled in the batch benchmark). An operator's storage
    that renames existing files (``file_overwrite`` False) or compresses them keeps its own ``save``.
    """
    try:
        from storages.backends.s3 import S3Storage
        from storages.utils import clean_name
    except ImportError:  # the s3 extra is not installed: no S3 storage can be configured
        return False
    if type(store) is not S3Storage or not store.file_overwrite or store.gzip:
        return False
    key = store._normalize_name(clean_name(name))
    content = ContentFile(data, name=name)
    store.connection.meta.client.put_object(Bucket=store.bucket_name, Key=key, Body=data,
                                            **store._get_write_parameters(key, content))
    return True


def delete_pdf(name: str) -> None:
    """Remove a file that no record points to (a lost race or an undone issue)."""
    if name:
        certificate_storage().delete(name)


def read_pdf(name: str) -> bytes:
    with certificate_storage().open(name, "rb") as handle:
        return handle.read()


def image_name(pdf_file_name: str) -> str:
    """The certificate's picture (``share_image``) lives beside its PDF, named after that printing of it."""
    return f"{pdf_file_name.removesuffix('.pdf')}.png"


def read_file(name: str) -> bytes | None:
    """A stored file's bytes, or None when there is no such file."""
    try:
        with certificate_storage().open(name, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def _slug(text: str, keep: Callable[[str], bool]) -> str:
    """Runs of characters ``keep`` refuses (spaces, quotes, slashes, controls, emoji…) become one dash."""
    return re.sub(r"-+", "-", "".join(ch if keep(ch) else "-" for ch in text)).strip("-")[:60].rstrip("-")


def _file_name(course_name: str, learner_name: str, keep: Callable[[str], bool]) -> str:
    return "-".join([p for p in (_slug(course_name, keep), _slug(learner_name, keep)) if p] + ["certificate"]) + ".pdf"


def download_filename(course_name: str, learner_name: str) -> str:
    """A file name a person recognises, safe for any characters: ASCII letters, digits, dashes."""
    folded = [unicodedata.normalize("NFKD", text.translate(_NO_DECOMPOSITION)).encode("ascii", "ignore").decode()
              for text in (course_name, learner_name)]
    return _file_name(*folded, keep=lambda ch: ch.isascii() and ch.isalnum())


def unicode_filename(course_name: str, learner_name: str) -> str:
    """The same name in the learner's own script (李小龍, كورس…): letters and digits of any language, dashes."""
    texts = [unicodedata.normalize("NFC", text) for text in (course_name, learner_name)]
    return _file_name(*texts, keep=lambda ch: unicodedata.category(ch)[0] in "LNM")


def attachment_header(course_name: str, learner_name: str) -> str:
    """``Content-Disposition`` of a download: the ASCII name for every client, the full name (RFC 6266) for browsers."""
    plain, full = download_filename(course_name, learner_name), unicode_filename(course_name, learner_name)
    header = f'attachment; filename="{plain}"'
    return header if full == plain else f"{header}; filename*=UTF-8''{quote(full, safe='')}"


def presigned_url(name: str, disposition: str, expire_seconds: int | None = None) -> str | None:
    """A short-lived signed link where the storage makes them (S3), else None (stream the file instead).

    ``disposition`` is ``attachment_header(...)``: S3 answers with our file name and type rather than the
    object's key. Lifetime: ``CERT_XBLOCK_DOWNLOAD_LINK_SECONDS`` unless given.
    """
    storage = certificate_storage()
    if not getattr(storage, "querystring_auth", False):
        return None
    return storage.url(
        name,
        parameters={"ResponseContentDisposition": disposition, "ResponseContentType": "application/pdf"},
        expire=expire_seconds or int(getattr(settings, "CERT_XBLOCK_DOWNLOAD_LINK_SECONDS", 300)),
    )


@dataclass(frozen=True)
class Download:
    """How to hand a learner their PDF: follow ``redirect`` (a signed S3 link) or send ``body``."""

    disposition: str
    redirect: str | None = None
    body: bytes | None = None


def prepare_download(file_name: str, course_name: str, learner_name: str) -> Download:
    """The one way the block and the REST API deliver a certificate file."""
    disposition = attachment_header(course_name, learner_name)
    link = presigned_url(file_name, disposition)
    return Download(disposition, redirect=link) if link else Download(disposition, body=read_pdf(file_name))


def certificate_download(certificate: Any) -> Download:
    """The download of an issued certificate, wherever it is asked for (the block's link or the REST API): an
    author's own title leads the file name, so each block's certificate downloads under a name of its own."""
    from cert_xblock.core.i18n import authored_title

    label = " ".join(part for part in (authored_title(certificate.title), certificate.course_name) if part)
    return prepare_download(certificate.file_name, label, certificate.name)
