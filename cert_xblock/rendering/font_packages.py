"""Where the fonts for every script come from on an operator's machine: Debian/Ubuntu packages.

One list, read by the test command's package installer, the Tutor plugin's Dockerfile patch and
``cert-xblock fonts``, so the fonts an operator installs are the fonts the renderer looks for.
Operators without these packages can point ``CERT_XBLOCK_FONT_PATH`` at a folder of their own.
"""
from __future__ import annotations

# Debian 12 and Ubuntu 22.04/24.04 both carry these names (the Tutor openedx image is Ubuntu).
DEBIAN_FONT_PACKAGES: tuple[str, ...] = (
    "fonts-noto-core",
    "fonts-droid-fallback",
    "fonts-nanum",
)
