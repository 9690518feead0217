"""Celery worker and beat processes of the demo app, run as an operator runs them, for tests and the benchmark.

They listen on no port, so ``services.running`` (which waits for one) does not fit: these wait for the
worker's "ready" line instead, and each runs in its own session so SIGKILL can take a worker down whole,
pool children included, as a machine failure would.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import boto3

from tests import services

CELERY = [sys.executable, "-m", "celery", "-A", "cert_xblock.deploy.demo.celery"]


def batch_env(db_path: str, var: Path, redis_url: str, s3_endpoint: str, bucket: str,
              **extra: str) -> dict[str, str]:
    """Environment of a worker or beat sharing the caller's sqlite file, Redis and S3 bucket."""
    return {
        "DJANGO_SETTINGS_MODULE": "tests.s3_settings",
        "PYTHONPATH": str(services.REPO),
        "CERT_XBLOCK_DB": db_path,
        "CERT_XBLOCK_VAR": str(var),
        "CERT_XBLOCK_BROKER_URL": redis_url,
        "CERT_XBLOCK_S3_ENDPOINT": s3_endpoint,
        "CERT_XBLOCK_S3_BUCKET": bucket,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        **extra,
    }


def new_bucket(s3_endpoint: str, name: str) -> object:
    """A fresh bucket on the S3 server; the boto3 client used to create it."""
    client = boto3.client("s3", endpoint_url=s3_endpoint, aws_access_key_id="testing",
                          aws_secret_access_key="testing", region_name="us-east-1")
    client.create_bucket(Bucket=name)
    return client


@contextmanager
def worker(env: dict[str, str], log: Path, name: str, concurrency: int = 2,
           pool: str = "prefork") -> Iterator[subprocess.Popen]:
    """A Celery worker consuming the demo app's queue, up (ready) inside the block, stopped after it."""
    args = [*CELERY, "worker", "--loglevel=INFO", f"--concurrency={concurrency}", f"--pool={pool}",
            "-n", f"{name}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat"]
    with _process(args, env, log) as process:
        _wait_for_line(log, "ready.", process)
        yield process


@contextmanager
def beat(env: dict[str, str], log: Path, state: Path) -> Iterator[subprocess.Popen]:
    """Celery beat with the plugin's CELERYBEAT_SCHEDULE, its state file kept in ``state``."""
    with _process([*CELERY, "beat", "--loglevel=INFO", "--schedule", str(state)], env, log) as process:
        yield process


def exited(*processes: subprocess.Popen):
    """For ``wait_until(..., unless=...)``: why nothing more can happen, once one of ``processes`` has exited."""
    def reason() -> str | None:
        for process in processes:
            if process.poll() is not None:
                return f"{' '.join(map(str, process.args[3:6]))} exited with {process.returncode}"
        return None

    return reason


def kill(process: subprocess.Popen) -> None:
    """SIGKILL the process and every child it forked: no shutdown handler runs, no message is acknowledged."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


@contextmanager
def _process(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    with open(log, "ab") as out:
        process = subprocess.Popen(args, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT,
                                   cwd=services.REPO, start_new_session=True)
        try:
            yield process
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    kill(process)


def _wait_for_line(log: Path, text: str, process: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args} exited with {process.returncode}; see {log}")
        if text in log.read_text(errors="replace"):
            return
        time.sleep(0.1)
    raise TimeoutError(f"no '{text}' in {log} after {timeout}s")
