"""Logo and signature images (PNG or JPEG bytes) as PDF image XObjects, decoded once per process."""
from __future__ import annotations

import hashlib
import io
import zlib

from cert_xblock.rendering.pdf import Image
from cert_xblock.rendering.types import RenderError

MAX_SIDE = 600  # pixels: plenty for a logo or a signature at print size, and keeps the PDF small
_CACHE: dict[bytes, tuple[Image, int, int]] = {}
_CACHE_LIMIT = 256


def load_image(data: bytes) -> tuple[Image, int, int]:
    """The XObject for PNG/JPEG bytes and its pixel size; cached by content hash."""
    key = hashlib.sha256(data).digest()
    cached = _CACHE.get(key)
    if cached is None:
        cached = _decode(data)
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = cached
    return cached


def _decode(data: bytes) -> tuple[Image, int, int]:
    from PIL import Image as PILImage
    from PIL import UnidentifiedImageError

    try:
        img = PILImage.open(io.BytesIO(data))
        kind = img.format
        img.load()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise RenderError("An image (logo or signature) is not a readable PNG or JPEG file.") from exc
    if kind not in ("PNG", "JPEG"):
        raise RenderError(f"Images must be PNG or JPEG, not {kind}.")
    resized = max(img.size) > MAX_SIDE
    if resized:
        img.thumbnail((MAX_SIDE, MAX_SIDE))
    width, height = img.size
    if kind == "JPEG" and img.mode in ("RGB", "L") and not resized:
        space = b"/DeviceRGB" if img.mode == "RGB" else b"/DeviceGray"
        entries = _entries(width, height, space) + b" /Filter /DCTDecode"
        return Image(entries, data), width, height
    smask = None
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        img = img.convert("RGBA")
        alpha = img.getchannel("A")
        if alpha.getextrema() != (255, 255):
            smask = Image(
                _entries(width, height, b"/DeviceGray") + b" /Filter /FlateDecode",
                zlib.compress(alpha.tobytes(), 6),
            )
    gray = img.mode in ("L", "LA")
    img = img.convert("L" if gray else "RGB")
    space = b"/DeviceGray" if gray else b"/DeviceRGB"
    image = Image(_entries(width, height, space) + b" /Filter /FlateDecode", zlib.compress(img.tobytes(), 6), smask)
    return image, width, height


def _entries(width: int, height: int, space: bytes) -> bytes:
    return b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8" % (
        width,
        height,
        space,
    )
