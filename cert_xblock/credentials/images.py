"""The course's logo as the credential's issuer and achievement image (OB 3.0 §B.1.16 ``Image``).

The image goes in as a PNG ``data:`` URI, which OB 3.0 allows for an ``Image`` id: the credential then carries its own
picture, as it carries its own contexts, and a verifier or wallet shows it without fetching anything from the LMS (a
locked or since-replaced course asset would otherwise break an old credential). The logo is the one the block's
author picked for the certificate (a Files & Uploads asset read through the seam), scaled to at most ``MAX_SIDE``
pixels so a credential stays a few kilobytes; a block without a logo, or with a file that is not a readable image,
simply has no image, which is optional in OB 3.0.
"""
from __future__ import annotations

import base64
import io
from functools import lru_cache
from typing import Any

from opaque_keys.edx.keys import CourseKey

from cert_xblock import platform

MAX_SIDE = 256  # pixels: what wallets show a badge at, many times over


@lru_cache(maxsize=64)
def _png_data_uri(data: bytes) -> str | None:
    from PIL import Image, UnidentifiedImageError

    try:
        picture = Image.open(io.BytesIO(data))
        picture.load()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    if picture.mode not in ("RGB", "RGBA", "L", "LA"):
        picture = picture.convert("RGBA")
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def logo_image(course_key: CourseKey, path: str, caption: str) -> dict[str, Any] | None:
    """The ``Image`` for the block's logo path, or None when there is no readable logo."""
    data = platform.course_asset(course_key, path)
    uri = _png_data_uri(data) if data else None
    return {"id": uri, "type": "Image", "caption": caption} if uri else None
