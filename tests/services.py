"""Real services for the tests, started on 127.0.0.1 with free ports and stopped afterwards.

Redis (Debian ``redis-server``), an S3 server (``moto_server`` over real HTTP), the demo workbench (the
same settings and commands as the README's demo), and headless Chromium (Debian ``chromium``). A missing
service skips its tests on a developer's machine and fails them in CI (``CI=true``), where ``.ci/run``
has installed everything. When the test command runs the suite on MariaDB (``CERT_XBLOCK_MARIADB`` is the
server it started), every server process here gets a database of its own on it, as it gets a sqlite file
otherwise.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CERT_XBLOCK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


def missing(what: str) -> None:
    """Skip locally, fail in CI: a test skipped for a missing service is a failure there."""
    message = f"{what} is not available; `python3 scripts/dev.py test` installs it"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 120.0) -> None:
    """Until the server listens; a ceiling for a loaded machine, failing at once if the server exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


@contextmanager
def running(args: list[str], port: int, env: dict[str, str] | None = None, log: Path | None = None,
            cwd: Path | None = None) -> Iterator[subprocess.Popen]:
    """A server process that is up (its port answers) inside the block and terminated after it."""
    with ExitStack() as stack:
        out = stack.enter_context(open(log, "ab")) if log else subprocess.DEVNULL
        process = subprocess.Popen(args, env={**os.environ, **(env or {})}, stdout=out, stderr=subprocess.STDOUT,
                                   cwd=cwd)
        try:
            wait_for_port(port, process)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@contextmanager
def redis_server(tmp: Path) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if not binary:
        missing("redis-server")
    port = free_port()
    with running([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                  "--dir", str(tmp)], port, log=tmp / "redis.log"):
        yield f"redis://127.0.0.1:{port}/0"


@contextmanager
def s3_server(tmp: Path) -> Iterator[str]:
    # The moto installed with the test dependencies first: an older one elsewhere on PATH ignores, for example,
    # the response-content-disposition of presigned links.
    beside = Path(sys.executable).parent / "moto_server"
    binary = str(beside) if beside.exists() else shutil.which("moto_server") or str(beside)
    if not Path(binary).exists():
        missing("moto_server")
    port = free_port()
    with running([binary, "-H", "127.0.0.1", "-p", str(port)], port, log=tmp / "moto.log"):
        yield f"http://127.0.0.1:{port}"


MARIADB = os.environ.get("CERT_XBLOCK_MARIADB", "")


def mariadb(database: str | None = None):
    """A connection to the test run's MariaDB server (autocommit), to the named database or none."""
    import MySQLdb

    host, port = MARIADB.rsplit(":", 1)
    connection = MySQLdb.connect(host=host, port=int(port), user="root", charset="utf8mb4",
                                 **({"database": database} if database else {}))
    connection.autocommit(True)
    return connection


def fresh_database(tag: str) -> dict[str, str]:
    """The environment that gives a server process an empty database of its own: a new MariaDB database when
    the suite runs on MariaDB, else nothing (its sqlite file lives in its own var folder)."""
    if not MARIADB:
        return {}
    name = f"cx_{tag}"
    with mariadb() as connection:
        cursor = connection.cursor()
        cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
        cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    return {"CERT_XBLOCK_DB": name}


def query(env: dict[str, str], var: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Run SQL (``?`` placeholders) on a server process's database, whichever backend it is; committed at once."""
    if MARIADB:
        with mariadb(env["CERT_XBLOCK_DB"]) as connection:
            cursor = connection.cursor()
            # MySQLdb formats the statement only when it has parameters: only then must a literal % be doubled.
            cursor.execute(sql.replace("%", "%%").replace("?", "%s"), params) if params else cursor.execute(sql)
            return [tuple(row) for row in cursor.fetchall()]
    import sqlite3

    with sqlite3.connect(var / "demo.db", timeout=30) as connection:
        return connection.execute(sql, params).fetchall()


def django_admin(args: list[str], env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "django", *args], env={**os.environ, **env}, check=True,
                   stdout=subprocess.DEVNULL)


def _seeded_demo(tmp: Path, port: int, extra_env: dict[str, str] | None) -> dict[str, str]:
    """The environment of a demo server on ``port``, its database migrated and seeded as the README does."""
    env = {
        "DJANGO_SETTINGS_MODULE": "cert_xblock.deploy.demo.settings",
        "CERT_XBLOCK_VAR": str(tmp),
        "CERT_XBLOCK_SITE_ROOT": f"http://127.0.0.1:{port}",
        **fresh_database(f"workbench_{port}"),
        **(extra_env or {}),
    }
    django_admin(["migrate", "--run-syncdb", "--verbosity", "0"], env)  # SDK 0.14 ships no migrations
    django_admin(["seed_demo"], env)
    return env


@contextmanager
def workbench_server(tmp: Path, extra_env: dict[str, str] | None = None) -> Iterator[Workbench]:
    """The demo, as the README starts it: migrate, seed, runserver on 127.0.0.1 (a free port)."""
    port = free_port()
    env = _seeded_demo(tmp, port, extra_env)
    with running([sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
                 port, env=env, log=tmp / "server.log", cwd=tmp):
        yield Workbench(f"http://127.0.0.1:{port}", tmp, env)


@contextmanager
def gunicorn_server(tmp: Path, extra_env: dict[str, str] | None = None, workers: int = 4) -> Iterator[Workbench]:
    """The demo's Django WSGI app under gunicorn with ``workers`` processes, as a production LMS serves: requests
    of one learner land in different processes, each with its own database connection."""
    binary = Path(sys.executable).parent / "gunicorn"
    if not binary.exists():
        missing("gunicorn")
    port = free_port()
    env = _seeded_demo(tmp, port, extra_env)
    args = [str(binary), "workbench.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
            "--timeout", "120", "--backlog", "1024", "--access-logfile", "-",
            "--config", str(Path(__file__).with_name("gunicorn_config.py"))]
    with running(args, port, env=env, log=tmp / "server.log", cwd=tmp):
        yield Workbench(f"http://127.0.0.1:{port}", tmp, env)


class Workbench:
    """A running demo server: its base URL, its var folder (database, media) and its environment."""

    def __init__(self, base: str, var: Path, env: dict[str, str]):
        self.base, self.var, self.env = base, var, env

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url(path), timeout=30) as response:
            return response.read().decode()


@contextmanager
def chromium() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        missing("Debian chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class TcpProxy:
    """A TCP relay on 127.0.0.1 in front of a server, that a test cuts and restores: a network fault between the
    app and a service (S3, the database) without stopping the service, so it keeps its state (moto keeps its
    objects in memory only). While cut, every open connection is reset and new ones are reset at once."""

    def __init__(self, target_port: int):
        import threading

        self.target_port, self.open, self.cuts = target_port, True, 0
        self._lock, self._sockets = threading.Lock(), set()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import threading

        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if not self.open:
                _reset(client)
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=10)
                upstream.settimeout(None)
            except OSError:
                _reset(client)
                continue
            with self._lock:
                self._sockets |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while self.open and (data := source.recv(65536)):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with self._lock:
                    self._sockets.discard(end)
                _reset(end)

    def cut(self) -> None:
        """Reset every connection and refuse new ones until ``restore``."""
        self.open = False
        self.cuts += 1
        with self._lock:
            sockets, self._sockets = set(self._sockets), set()
        for sock in sockets:
            _reset(sock)

    def restore(self) -> None:
        self.open = True

    def close(self) -> None:
        self.cut()
        self.cuts -= 1  # closing is not a fault
        self._listener.close()


def _reset(sock: socket.socket) -> None:
    """Close with a TCP reset (not a clean FIN), as a dropped network path or a crashed peer looks."""
    import struct

    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
    except OSError:
        pass


@contextmanager
def tcp_proxy(target_port: int) -> Iterator[TcpProxy]:
    proxy = TcpProxy(target_port)
    try:
        yield proxy
    finally:
        proxy.close()
