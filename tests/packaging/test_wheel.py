"""The wheel ships what an LMS install needs: built here, installed into a fresh virtual environment."""
from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

PROBE = r"""
import json, importlib.metadata as md, os
import django
from django.conf import settings
settings.configure(INSTALLED_APPS=[], USE_I18N=True)
django.setup()
from cert_xblock.core.resources import asset_dir
from cert_xblock.core.templating import render_template
from cert_xblock.core.i18n import gettext_for
from cert_xblock.rendering import DESIGNS
from cert_xblock import plugins
points = sorted([group, ep.name, ep.value] for group in ("xblock.v1", "lms.djangoapp", "cms.djangoapp",
                                                           "console_scripts")
                for ep in md.entry_points(group=group) if ep.value.startswith("cert_xblock"))
block_class = [ep for ep in md.entry_points(group="xblock.v1") if ep.name == "cert_xblock"][0].load()
print(json.dumps({
    "asset_dirs": {kind: str(asset_dir(kind)) for kind in ("static", "templates", "translations")},
    "html": render_template("learner.html", {"status": "anonymous", "message": "M", "strings": {}}),
    "js": (asset_dir("static") / "js" / "cert_xblock.js").read_text()[:200],
    "french": gettext_for("fr")("Get my certificate"),
    "entry_points": points,
    "block": block_class.__name__,
    "designs": list(DESIGNS),
    "plugin_groups": [group["group"] for group in plugins.studio_listing()],
}))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
                   check=True)
    [built] = out.glob("cert_xblock-*.whl")
    return built


def test_wheel_contains_templates_static_translations_and_fonts(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for expected in ("cert_xblock/templates/learner.html", "cert_xblock/static/js/cert_xblock.js",
                     "cert_xblock/static/css/cert_xblock.css", "cert_xblock/translations/fr/LC_MESSAGES/django.mo",
                     "cert_xblock/migrations/0001_initial.py", "cert_xblock/platform/twin/migrations/0001_initial.py",
                     "cert_xblock/credentials/contexts/credentials-v2.json",
                     "cert_xblock/credentials/contexts/ob-v3p0-context-3.0.3.json"):
        assert expected in names
    assert any(n.startswith("cert_xblock/rendering/fonts/") and n.endswith(".ttf") for n in names)


def test_installed_wheel_loads_the_blocks_assets_outside_the_checkout(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True)
    result = subprocess.run([str(python), "-c", PROBE], check=True, capture_output=True, text=True, cwd=tmp_path)
    found = json.loads(result.stdout)
    site = str(env_dir)
    assert all(path.startswith(site) for path in found["asset_dirs"].values()), found["asset_dirs"]
    assert 'class="cert-xblock"' in found["html"]
    assert "function CertXBlock" in found["js"]
    assert found["french"] == "Obtenir mon certificat"
    assert found["entry_points"] == [
        ["cms.djangoapp", "cert_xblock", "cert_xblock.apps:CertXBlockConfig"],
        ["console_scripts", "cert-xblock", "cert_xblock.management.cli:main"],
        ["lms.djangoapp", "cert_xblock", "cert_xblock.apps:CertXBlockConfig"],
        ["xblock.v1", "cert_xblock", "cert_xblock.block:CertificateXBlock"],
    ]
    assert found["block"] == "CertificateXBlock"
    assert {"classic", "modern", "minimal"} <= set(found["designs"])
    assert found["plugin_groups"] == ["cert_xblock.eligibility", "cert_xblock.designs"], "the plug-in registry ships"
