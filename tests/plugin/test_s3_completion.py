"""What the plugin adds to an operator's S3 storage: safety first, then the upload tuning the batch measured."""
from __future__ import annotations

from types import SimpleNamespace

from cert_xblock.settings.common import certificate_storages


def operator_settings(**options) -> SimpleNamespace:
    return SimpleNamespace(CERT_XBLOCK_DOWNLOAD_LINK_SECONDS=300, STORAGES=None, CERT_XBLOCK_STORAGE={
        "BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"bucket_name": "certs", **options}})


def test_s3_uploads_skip_the_existence_check_and_the_thread_pool_by_default():
    options = certificate_storages(operator_settings())["cert_xblock"]["OPTIONS"]
    assert options["file_overwrite"] is True
    assert options["transfer_config"].use_threads is False
    assert (options["querystring_auth"], options["querystring_expire"]) == (True, 300)


def test_the_operator_keeps_the_last_word_on_tuning_but_never_on_signed_links():
    options = certificate_storages(operator_settings(file_overwrite=False, querystring_auth=False))["cert_xblock"][
        "OPTIONS"]
    assert options["file_overwrite"] is False
    assert options["querystring_auth"] is True, "certificates are private: links are always signed"
