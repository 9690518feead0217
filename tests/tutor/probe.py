"""Run inside ``tests.tutor.lms_settings`` (``python -m tests.tutor.probe``): print what the plugin resolved, as JSON.

Beyond the settings, the storage is built the way the plugin builds it when it stores a PDF, so the test sees
the bucket, endpoint, keys and ACL django-storages will really use.
"""
from __future__ import annotations

import json
from typing import Any

import django

STORAGE_ATTRIBUTES = ("bucket_name", "endpoint_url", "region_name", "access_key", "default_acl", "custom_domain",
                      "querystring_auth", "querystring_expire", "signature_version", "base_location")


def resolved() -> dict[str, Any]:
    from django.conf import settings

    from cert_xblock.records.links import verify_url
    from cert_xblock.records.storage import certificate_storage
    from tests.plugin.probe import common_facts

    storage = certificate_storage()
    beat = settings.CELERYBEAT_SCHEDULE["cert_xblock.dispatch_due_batches"]
    return {
        **common_facts(),
        "beat_seconds": beat["schedule"].total_seconds(),
        "storage_class": f"{type(storage).__module__}.{type(storage).__name__}",
        "storage_attributes": {name: getattr(storage, name) for name in STORAGE_ATTRIBUTES if hasattr(storage, name)},
        "verify_url": verify_url("AbC123"),
    }


if __name__ == "__main__":
    django.setup()
    print(json.dumps(resolved(), default=str))
