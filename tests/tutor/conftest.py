"""Tutor from PyPI, in a virtual environment of its own, and Tutor project roots rendered with it.

Tutor's dependencies clash with the test environment's (its kubernetes client wants python-dateutil 3, botocore
wants 2), so the tests install ``cert-xblock[tutor-test]`` (Tutor, tutor-minio and this checkout, editable) into
``<test venv>-tutor`` beside the test environment, once, and again only when setup.py changes. That is what an
operator does on the machine that runs Tutor; it needs PyPI and nothing else (no Docker).
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.services import REPO, missing

TUTOR_VENV = Path(os.environ.get("CERT_XBLOCK_TUTOR_VENV") or f"{sys.prefix}-tutor")


def _install_tutor() -> Path:
    """The tutor executable of the Tutor environment, (re)created when setup.py or the Python changed."""
    tutor = TUTOR_VENV / "bin" / "tutor"
    stamp = TUTOR_VENV / ".installed-tutor-test"
    wanted = hashlib.sha256((REPO / "setup.py").read_bytes() + sys.version.encode()).hexdigest()
    if tutor.exists() and stamp.exists() and stamp.read_text() == wanted:
        return tutor
    python = TUTOR_VENV / "bin" / "python"
    steps = [[sys.executable, "-m", "venv", "--clear", str(TUTOR_VENV)],
             [str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
             [str(python), "-m", "pip", "install", "--quiet", "-e", f"{REPO}[tutor-test]"]]
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True, check=False, timeout=900)
        if result.returncode != 0:
            missing(f"Tutor from PyPI ({' '.join(step[-3:])} failed: {result.stderr[-2000:]})")
    stamp.write_text(wanted)
    return tutor


@pytest.fixture(scope="session")
def tutor_executable() -> Path:
    return _install_tutor()


class TutorRoot:
    """A Tutor project root (``tutor --root``) and the environment Tutor rendered into it."""

    def __init__(self, tutor: Path, root: Path):
        self.tutor, self.root = tutor, root
        # No YAML or Python plugins from the machine's own plugins root: only installed packages.
        self.env = {**os.environ, "TUTOR_PLUGINS_ROOT": str(root / "plugins-root")}
        self.env.pop("TUTOR_IGNORE_ENTRYPOINT_PLUGINS", None)

    def __call__(self, *args: str) -> str:
        result = subprocess.run([str(self.tutor), "--root", str(self.root), *args], env=self.env,
                                capture_output=True, text=True, check=False, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def python(self, *args: str) -> str:
        """Run the Tutor environment's Python (for what the CLI cannot show without Docker)."""
        result = subprocess.run([str(self.tutor.parent / "python"), *args], env=self.env, cwd=REPO,
                                capture_output=True, text=True, check=False, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def text(self, path: str) -> str:
        """A file Tutor rendered, relative to ``env/``."""
        return (self.root / "env" / path).read_text(encoding="utf-8")

    def yaml(self, path: str) -> list:
        """Every document of a YAML file Tutor rendered, relative to ``env/``."""
        return [doc for doc in yaml.safe_load_all(self.text(path)) if doc]


@pytest.fixture(scope="module")
def tutor_root(tutor_executable, tmp_path_factory) -> Callable[..., TutorRoot]:
    """A factory: ``tutor_root("name", ["plugins", "enable", "cert_xblock"], ...)`` runs those tutor commands."""
    def make(name: str, *commands: list[str]) -> TutorRoot:
        root = TutorRoot(tutor_executable, tmp_path_factory.mktemp(name))
        for command in commands:
            root(*command)
        return root
    return make
