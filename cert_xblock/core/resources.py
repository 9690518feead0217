"""Where the block's templates, static files and translations live, installed or in a checkout.

In a wheel they sit inside the package (``cert_xblock/templates``); in a source checkout they are the
repository's top-level folders. Everything that reads an asset asks here, so both layouts behave alike.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # cert_xblock/, this file being cert_xblock/core/resources.py


@cache
def asset_dir(kind: str) -> Path:
    """The folder holding assets of ``kind`` ("static", "templates" or "translations")."""
    for candidate in (_PACKAGE_DIR / kind, _PACKAGE_DIR.parent / kind):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"cert_xblock asset folder {kind!r} is missing from this installation")


@cache
def read_text(kind: str, relative_path: str) -> str:
    """The text of one asset, read once per process."""
    return (asset_dir(kind) / relative_path).read_text(encoding="utf-8")
