"""Production settings hook, applied after the LMS loaded the operator's YAML over the common pass's values.

The common pass runs again: it keeps every value the operator set and rebuilds what derives from them
(the beat entry from ``CERT_XBLOCK_BATCH_INTERVAL_SECONDS``, the certificate storage, the filter pipeline).
"""
from __future__ import annotations

from typing import Any

from cert_xblock.settings.common import plugin_settings as common_settings


def plugin_settings(settings: Any) -> None:
    common_settings(settings)
