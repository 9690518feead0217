#!/usr/bin/env python3
"""The project's two commands, for a fresh machine with only Python 3.11 or 3.12.

    python3 scripts/dev.py demo    # the block in the XBlock SDK workbench on http://127.0.0.1:8000
    python3 scripts/dev.py test    # the whole test suite (extra arguments go to pytest)

Both create ``.venv`` beside this repository and install the project into it (again only when setup.py
changed). ``test`` also installs the Debian packages the tests use (``scripts/apt-packages.txt``: Redis,
Chromium, poppler, fonts...) when it runs as root with apt, as CI does, and pdf.js (``npm ci`` in
``tests/rendering/js``) when npm is there. Standard library only.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("CERT_XBLOCK_VENV", REPO / ".venv"))
PYTHON = VENV / "bin" / "python"
APT_LIST = REPO / "scripts" / "apt-packages.txt"
PDFJS_DIR = REPO / "tests" / "rendering" / "js"  # pdf.js, an independent reader the renderer's tests use
DEMO_PORT = os.environ.get("CERT_XBLOCK_DEMO_PORT", "8000")


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(*args: str, env: dict[str, str] | None = None, check: bool = True) -> int:
    return subprocess.run(list(args), env={**os.environ, **(env or {})}, check=check, cwd=REPO).returncode


def ensure_venv(extra: str) -> None:
    """Create .venv and install the project with ``extra``; skipped when nothing changed since last time."""
    if sys.version_info < (3, 11):  # noqa: UP036 - says so plainly when run by an older python3
        sys.exit(f"cert_xblock needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    stamp = VENV / f".installed-{extra}"
    wanted = hashlib.sha256((REPO / "setup.py").read_bytes() + sys.version.encode()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        say(f"creating {VENV} with {sys.executable}")
        run(sys.executable, "-m", "venv", str(VENV))
    say(f"installing cert_xblock[{extra}] into {VENV}")
    run(str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(str(PYTHON), "-m", "pip", "install", "--quiet", "-e", f"{REPO}[{extra}]")
    stamp.write_text(wanted)


def missing_debian_packages() -> list[str]:
    if not APT_LIST.exists() or not shutil.which("dpkg"):
        return []
    wanted = [line.split("#")[0].strip() for line in APT_LIST.read_text().splitlines()]
    wanted = [name for name in wanted if name]
    return [name for name in wanted
            if subprocess.run(["dpkg", "-s", name], capture_output=True, check=False).returncode != 0]


def ensure_debian_packages() -> None:
    missing = missing_debian_packages()
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        say(f"not root or no apt-get: install these yourself for the full suite: {' '.join(missing)}")
        return
    say(f"installing Debian packages: {' '.join(missing)}")
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    run("apt-get", "update", "-qq", env=env)
    run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing, env=env)


def ensure_pdfjs() -> None:
    """Install pdf.js for the renderer's tests (npm ci from the committed lockfile) when it is missing."""
    if (PDFJS_DIR / "node_modules" / "pdfjs-dist").is_dir():
        return
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        say("node/npm not found: the pdf.js text-extraction tests will be skipped (install Node.js 20+ for them)")
        return
    say(f"installing pdf.js into {PDFJS_DIR / 'node_modules'} (npm ci)")
    if subprocess.run([npm, "ci", "--omit=optional", "--no-audit", "--no-fund"], cwd=PDFJS_DIR,
                      check=False).returncode != 0:
        say("npm ci failed: the pdf.js text-extraction tests will be skipped")


def demo() -> int:
    ensure_venv("demo")
    var = Path(os.environ.get("CERT_XBLOCK_VAR", REPO / "var"))
    env = {"DJANGO_SETTINGS_MODULE": "cert_xblock.demo.settings", "CERT_XBLOCK_VAR": str(var),
           "CERT_XBLOCK_SITE_ROOT": f"http://127.0.0.1:{DEMO_PORT}"}
    run(str(PYTHON), "-m", "django", "migrate", "--run-syncdb", "--verbosity", "0", env=env)
    run(str(PYTHON), "-m", "django", "seed_demo", env=env)
    say(f"demo on http://127.0.0.1:{DEMO_PORT}/ — learners: ada (passed), ben (below), chen (no grade), "
        f"dana (audit), staff; e.g. http://127.0.0.1:{DEMO_PORT}/scenario/cert_xblock.0/?student=ada")
    return run(str(PYTHON), "-m", "django", "runserver", f"127.0.0.1:{DEMO_PORT}", "--noreload", env=env,
               check=False)


def test(pytest_args: list[str]) -> int:
    ensure_venv("test")
    ensure_debian_packages()
    ensure_pdfjs()
    with tempfile.TemporaryDirectory(prefix="cert-xblock-test-") as var:
        env = {"CERT_XBLOCK_VAR": var, "PYTHONDONTWRITEBYTECODE": "1"}
        return run(str(PYTHON), "-m", "pytest", *pytest_args, env=env, check=False)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("demo", "test"):
        print(__doc__)
        return 2
    return demo() if argv[0] == "demo" else test(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
