#!/usr/bin/env python3
"""The project's two commands, for a fresh machine with only Python 3.11 or 3.12.

    python3 scripts/dev.py demo    # the block in the XBlock SDK workbench on http://127.0.0.1:8000
    python3 scripts/dev.py test    # the whole test suite (extra arguments go to pytest)
    python3 scripts/dev.py manage twin_learner …  # a Django command on the running demo's database

Both create ``.venv`` beside this repository and install the project into it (again only when setup.py
changed). ``test`` also installs the Debian packages the tests use (``scripts/apt-packages.txt``: Redis,
Chromium, poppler, fonts, MariaDB...) when it runs as root with apt, as CI does, and pdf.js and axe-core (``npm ci``
in ``tests/rendering/js`` and ``tests/views/js``) when npm is there, and runs the suite twice: on sqlite, then on a
throw-away MariaDB server it starts on 127.0.0.1 (the database Open edX runs). ``CERT_XBLOCK_TEST_DATABASES=sqlite`` (or
``mariadb``) runs one pass only. Standard library only.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("CERT_XBLOCK_VENV", REPO / ".venv"))
PYTHON = VENV / "bin" / "python"
APT_LIST = REPO / "scripts" / "apt-packages.txt"
EXAMPLE_PLUGIN = REPO / "tests" / "plugin_example"
# The npm packages the tests use, each installed from its committed lockfile: folder, package, what it is for.
NPM_PACKAGES = (
    (REPO / "tests" / "rendering" / "js", "pdfjs-dist", "pdf.js, an independent reader of the certificates' text"),
    (REPO / "tests" / "views" / "js", "axe-core", "axe-core, the accessibility scan of the views"),
)
DEMO_PORT = os.environ.get("CERT_XBLOCK_DEMO_PORT", "8000")


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(*args: str, env: dict[str, str] | None = None, check: bool = True) -> int:
    return subprocess.run(list(args), env={**os.environ, **(env or {})}, check=check, cwd=REPO).returncode


def example_plugin_files() -> bytes:
    """The example plug-in package's files, for the install stamp (a change reinstalls it)."""
    files = sorted(p for p in EXAMPLE_PLUGIN.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                   and ".egg-info" not in str(p) and "build" not in p.relative_to(EXAMPLE_PLUGIN).parts)
    return b"".join(str(p.relative_to(EXAMPLE_PLUGIN)).encode() + p.read_bytes() for p in files)


def ensure_venv(extra: str) -> None:
    """Create .venv and install the project with ``extra``; skipped when nothing changed since last time.

    For the tests, the example plug-in package (``tests/plugin_example``) is installed too, as an operator installs
    a plug-in: a regular (not editable) pip install, so it is a distribution with entry points like any other.
    """
    if sys.version_info < (3, 11):  # noqa: UP036 - says so plainly when run by an older python3
        sys.exit(f"cert_xblock needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    stamp = VENV / f".installed-{extra}"
    testing = "test" in extra.split(",")
    wanted = hashlib.sha256((REPO / "setup.py").read_bytes() + sys.version.encode()
                            + (example_plugin_files() if testing else b"")).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        say(f"creating {VENV} with {sys.executable}")
        run(sys.executable, "-m", "venv", str(VENV))
    say(f"installing cert_xblock[{extra}] into {VENV}")
    run(str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(str(PYTHON), "-m", "pip", "install", "--quiet", "-e", f"{REPO}[{extra}]")
    if testing:
        say("installing the example plug-in package (tests/plugin_example)")
        run(str(PYTHON), "-m", "pip", "install", "--quiet", "--force-reinstall", "--no-deps", str(EXAMPLE_PLUGIN))
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


def ensure_npm_packages() -> None:
    """Install the tests' npm packages (npm ci from each committed lockfile) when they are missing."""
    for folder, package, purpose in NPM_PACKAGES:
        if (folder / "node_modules" / package).is_dir():
            continue
        npm = shutil.which("npm")
        if npm is None or shutil.which("node") is None:
            say(f"node/npm not found: the tests that use {purpose} will be skipped (install Node.js 20+ for them)")
            continue
        say(f"installing {package} into {folder / 'node_modules'} (npm ci)")
        if subprocess.run([npm, "ci", "--omit=optional", "--no-audit", "--no-fund"], cwd=folder,
                          check=False).returncode != 0:
            say(f"npm ci failed: the tests that use {purpose} will be skipped")


def demo_env() -> dict[str, str]:
    """The demo's environment: its var folder (``CERT_XBLOCK_VAR``, default ``var/``) and its port's address."""
    var = Path(os.environ.get("CERT_XBLOCK_VAR", REPO / "var")).resolve()
    return {"DJANGO_SETTINGS_MODULE": "cert_xblock.deploy.demo.settings", "CERT_XBLOCK_VAR": str(var),
            "CERT_XBLOCK_SITE_ROOT": f"http://127.0.0.1:{DEMO_PORT}"}


def manage(args: list[str]) -> int:
    """A Django command (``twin_learner``, ``twin_coursework``…) on the demo's database, as ``demo`` set it up:
    with the same ``CERT_XBLOCK_VAR`` it reaches the same sqlite file, never a new empty one."""
    env = demo_env()
    database = Path(os.environ.get("CERT_XBLOCK_DB") or Path(env["CERT_XBLOCK_VAR"]) / "demo.db")
    if not PYTHON.exists() or (not os.environ.get("CERT_XBLOCK_MARIADB") and not database.exists()):
        say(f"no demo database at {database}: start the demo first (python3 scripts/dev.py demo), and run this "
            "with the CERT_XBLOCK_VAR it was started with")
        return 1
    return run(str(PYTHON), "-m", "django", *args, env=env, check=False)


def demo() -> int:
    ensure_venv("demo")
    env = demo_env()
    run(str(PYTHON), "-m", "django", "migrate", "--run-syncdb", "--verbosity", "0", env=env)
    run(str(PYTHON), "-m", "django", "seed_demo", env=env)
    say(f"demo on http://127.0.0.1:{DEMO_PORT}/ — learners: ada (passed), ben (below), chen (no grade), "
        f"dana (audit), staff; e.g. http://127.0.0.1:{DEMO_PORT}/scenario/cert_xblock.0/?student=ada")
    return run(str(PYTHON), "-m", "django", "runserver", f"127.0.0.1:{DEMO_PORT}", "--noreload", env=env,
               check=False)


@contextlib.contextmanager
def mariadb_server(folder: Path) -> Iterator[str | None]:
    """A throw-away MariaDB server on 127.0.0.1 (data in ``folder``): its ``host:port``, or None if not installed."""
    server, install = Path("/usr/sbin/mariadbd"), shutil.which("mariadb-install-db")
    if not server.exists() or not install:
        yield None
        return
    data, log = folder / "data", folder / "mariadb.log"
    as_root = ["--user=root"] if os.geteuid() == 0 else []
    subprocess.run([install, "--no-defaults", f"--datadir={data}", "--auth-root-authentication-method=normal",
                    "--skip-test-db", *as_root], check=True, capture_output=True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Grants are skipped: a private server on loopback for one test run, reached as root without a password.
    args = [str(server), "--no-defaults", f"--datadir={data}", f"--socket={folder / 'mariadb.sock'}",
            f"--pid-file={folder / 'mariadb.pid'}", f"--port={port}", "--bind-address=127.0.0.1",
            "--skip-grant-tables", "--skip-name-resolve", "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_unicode_ci", "--innodb-buffer-pool-size=256M", "--max-connections=500",
            *as_root]
    with open(log, "ab") as out:
        process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"MariaDB did not start; see {log}:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        say(f"MariaDB on 127.0.0.1:{port}")
        yield f"127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=60)


def test(pytest_args: list[str]) -> int:
    ensure_debian_packages()
    passes = os.environ.get("CERT_XBLOCK_TEST_DATABASES", "sqlite,mariadb").split(",")
    # The MariaDB driver compiles against libmariadb-dev: installed only where the MariaDB pass can run.
    ensure_venv("test,mariadb" if "mariadb" in passes and shutil.which("mariadb_config") else "test")
    ensure_npm_packages()
    status = 0
    with tempfile.TemporaryDirectory(prefix="cert-xblock-test-") as var:
        env = {"CERT_XBLOCK_VAR": var, "PYTHONDONTWRITEBYTECODE": "1"}
        if "sqlite" in passes:
            say("the suite on sqlite")
            status |= run(str(PYTHON), "-m", "pytest", *pytest_args, env=env, check=False)
        if "mariadb" in passes:
            with mariadb_server(Path(var)) as address:
                if address is None:
                    if os.environ.get("CI"):
                        say("MariaDB (mariadb-server) is not installed: the MariaDB pass cannot run")
                        return 1
                    say("MariaDB is not installed (Debian mariadb-server): the MariaDB pass is skipped")
                else:
                    say("the suite on MariaDB")
                    status |= run(str(PYTHON), "-m", "pytest", *pytest_args,
                                  env={**env, "CERT_XBLOCK_MARIADB": address}, check=False)
    return status


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("demo", "test", "manage"):
        print(__doc__)
        return 2
    if argv[0] == "manage":
        return manage(argv[1:])
    return demo() if argv[0] == "demo" else test(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
