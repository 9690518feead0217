"""The credential's shape against the bundled Open Badges 3.0 JSON Schema, in every language a certificate is printed
in, with the block's logo as the issuer's and the achievement's image (a PNG a wallet can show, offline)."""
from __future__ import annotations

import base64
import copy
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from PIL import Image

from cert_xblock.config.stored import save_block_config
from cert_xblock.config.values import CERTIFICATE_LANGUAGES
from cert_xblock.credentials import images
from cert_xblock.platform.twin.assets import assets_dir
from tests.staff.conftest import BLOCK_ID, COURSE, RULES

from .conftest import credential_of, verify

SCHEMA = Path(images.__file__).parent / "schemas" / "open-badge-credential.schema.json"


def problems(credential: dict) -> list[str]:
    validator = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    return sorted(f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
                  for error in validator.iter_errors(credential))


@pytest.fixture
def logo(settings, tmp_path):
    """A 600×300 logo in the course's Files & Uploads, picked in the block's settings."""
    settings.CERT_XBLOCK_TWIN_ASSETS = str(tmp_path / "assets")
    folder = assets_dir(COURSE)
    folder.mkdir(parents=True)
    buffer = io.BytesIO()
    Image.new("RGB", (600, 300), (200, 30, 40)).save(buffer, "PNG")
    (folder / "crest.png").write_bytes(buffer.getvalue())
    save_block_config(BLOCK_ID, COURSE, replace(RULES, logo="/static/crest.png"))
    images._png_data_uri.cache_clear()
    yield
    images._png_data_uri.cache_clear()


def test_the_schema_is_valid_json_schema():
    Draft202012Validator.check_schema(json.loads(SCHEMA.read_text(encoding="utf-8")))


@pytest.mark.parametrize("language", CERTIFICATE_LANGUAGES)
def test_an_issued_credential_meets_the_schema_in_every_language(course, issuer, logo, language):
    certificate = course.issue("ada")
    certificate.language, certificate.grade_public = language, True
    certificate.save()
    credential = credential_of(certificate)
    assert problems(credential) == []
    verify(credential)


def test_a_credential_that_breaks_the_data_model_is_refused_by_the_schema(course, issuer):
    good = credential_of(course.issue("ada"))
    assert problems(good) == []
    cases = {
        "no name": lambda c: c.pop("name"),
        "contexts in the wrong order": lambda c: c["@context"].reverse(),
        "not an OpenBadgeCredential": lambda c: c.update(type=["VerifiableCredential"]),
        "achievement without criteria": lambda c: c["credentialSubject"]["achievement"].pop("criteria"),
        "a hashed identity that is the plain email": lambda c: c["credentialSubject"]["identifier"][0].update(
            identityHash="ada@example.org"),
        "a subject nobody is": lambda c: c["credentialSubject"].pop("identifier"),
        "a status entry without its list": lambda c: c["credentialStatus"].pop("statusListCredential"),
        "a local time without zone": lambda c: c.update(validFrom="2026-12-04T21:09:00"),
    }
    for case, breaks in cases.items():
        broken = copy.deepcopy(good)
        breaks(broken)
        assert problems(broken), f"the schema accepted {case}"


def _picture(image: dict) -> Image.Image:
    prefix = "data:image/png;base64,"
    assert image["type"] == "Image" and image["id"].startswith(prefix)
    return Image.open(io.BytesIO(base64.b64decode(image["id"][len(prefix):])))


def test_the_blocks_logo_is_the_issuers_and_the_achievements_image(course, issuer, logo):
    credential = credential_of(course.issue("ada"))
    issuer_image = credential["issuer"]["image"]
    assert issuer_image["caption"] == "Logo of StaffX"
    picture = _picture(issuer_image)
    assert picture.format == "PNG" and picture.size == (256, 128), "scaled to at most 256 px, proportions kept"
    assert picture.convert("RGB").getpixel((128, 64)) == (200, 30, 40)
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["image"]["id"] == issuer_image["id"] and achievement["image"]["caption"] == achievement["name"]
    verify(credential)  # the image is signed with the rest


def test_a_block_without_a_readable_logo_has_no_image(course, issuer, settings, tmp_path):
    settings.CERT_XBLOCK_TWIN_ASSETS = str(tmp_path / "assets")
    assets_dir(COURSE).mkdir(parents=True)
    (assets_dir(COURSE) / "broken.png").write_bytes(b"not a picture")
    save_block_config(BLOCK_ID, COURSE, replace(RULES, logo="/static/broken.png"))
    credential = credential_of(course.issue("ada"))
    assert "image" not in credential["issuer"] and "image" not in credential["credentialSubject"]["achievement"]
    assert problems(credential) == []
