"""With the newest XBlock (6.2+ ships ``web_fragments`` itself) the wheel installs one ``web_fragments``."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.test_wheel import wheel  # noqa: F401 - the fixture: the wheel built from this checkout

PROBE = r"""
import importlib.metadata as md, importlib.util, json, sys
owners = sorted({dist.metadata["Name"] for dist in md.distributions()
                 for f in (dist.files or []) if str(f).replace("\\", "/") == "web_fragments/__init__.py"})
copies = [p for p in sys.path if p and __import__("os").path.isfile(p + "/web_fragments/__init__.py")]
block = [ep for ep in md.entry_points(group="xblock.v1") if ep.name == "cert_xblock"][0].load()
print(json.dumps({"owners": owners, "copies": copies, "xblock": md.version("XBlock"),
                  "web_fragments_dist": any(d.metadata["Name"].lower() == "web-fragments" for d in md.distributions()),
                  "fragment_from": importlib.util.find_spec("web_fragments").origin, "block": block.__name__}))
"""


def python312() -> str:
    """XBlock 6 needs Python 3.12 or newer: a 3.12+ interpreter that runs (a pyenv shim may not)."""
    pyenv = sorted(str(p) for p in Path.home().glob(".pyenv/versions/3.1[2-9]*/bin/python3"))
    for candidate in [shutil.which("python3.12"), shutil.which("python3.13"), *pyenv]:
        if candidate and subprocess.run([candidate, "-c", "import sys; assert sys.version_info >= (3, 12)"],
                                        capture_output=True, check=False).returncode == 0:
            return candidate
    pytest.skip("no Python 3.12 or newer on this machine for the newest XBlock")


def test_newest_xblock_brings_the_only_web_fragments_and_the_block_loads(wheel, tmp_path):  # noqa: F811
    env_dir = tmp_path / "venv"
    subprocess.run([python312(), "-m", "venv", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "XBlock>=6.2", str(wheel)],
                   check=True)
    result = subprocess.run([str(python), "-c", PROBE], check=True, capture_output=True, text=True, cwd=tmp_path)
    found = json.loads(result.stdout)
    assert found["owners"] == ["XBlock"], found
    assert not found["web_fragments_dist"], "the separate web-fragments distribution is installed too"
    assert len(found["copies"]) == 1 and found["fragment_from"].startswith(str(env_dir))
    assert found["block"] == "CertificateXBlock"
