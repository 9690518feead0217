"""The Tutor plugin, rendered by the newest Tutor from PyPI into temporary project roots (no Docker).

Each root is made with the tutor commands an operator types (docs/operators.md); the tests read the files Tutor
rendered (the openedx Dockerfile, docker-compose and Kubernetes services, lms.env.yml / cms.env.yml) and load
the rendered settings into the plugin's test settings project, which resolves them as the LMS does: common
pass, the YAML, production pass.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from cert_xblock import __version__
from cert_xblock.rendering.font_packages import DEBIAN_FONT_PACKAGES
from tests.services import REPO

ENABLE = ["plugins", "enable", "cert_xblock"]
LMS_YAML, CMS_YAML = "apps/openedx/config/lms.env.yml", "apps/openedx/config/cms.env.yml"
BEAT = ["celery", "--app=lms.celery", "beat", "--loglevel=info", "--schedule=/tmp/celerybeat-schedule"]
OPERATOR_VALUES = {
    "LMS_HOST": "learn.example.org",
    "ENABLE_HTTPS": "true",
    "CERT_XBLOCK_EMAIL_ENABLED": "false",
    "CERT_XBLOCK_BATCH_INTERVAL_SECONDS": "600",
    "CERT_XBLOCK_DOWNLOAD_LINK_SECONDS": "120",
    "CERT_XBLOCK_RUN_BEAT": "false",
    "CERT_XBLOCK_PIP_REQUIREMENT": "git+https://git.example.org/cert_xblock.git@v0.1.0",
    "CERT_XBLOCK_S3_BUCKET_NAME": "acme-certificates",
    "CERT_XBLOCK_S3_REGION_NAME": "eu-west-1",
    "OPENEDX_AWS_ACCESS_KEY": "AKIAEXAMPLE",
    "OPENEDX_AWS_SECRET_ACCESS_KEY": "example-secret",
}


@pytest.fixture(scope="module")
def enabled(tutor_root):
    return tutor_root("enabled", ENABLE, ["config", "save"])  # as docs/operators.md says


@pytest.fixture(scope="module")
def disabled(tutor_root):
    return tutor_root("disabled", ENABLE, ["plugins", "disable", "cert_xblock"])


@pytest.fixture(scope="module")
def with_minio(tutor_root):
    return tutor_root("minio", ["plugins", "enable", "minio", "cert_xblock"], ["config", "save"])


@pytest.fixture(scope="module")
def operator(tutor_root):
    values = [arg for name, value in OPERATOR_VALUES.items() for arg in ("--set", f"{name}={value}")]
    return tutor_root("operator", ENABLE, ["config", "save", *values])


def resolved(root, tmp_path, yaml_file: str = LMS_YAML, project: str = "lms.djangoapp") -> dict:
    """What the plugin's settings resolve to in the test settings project, given the YAML Tutor rendered."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.tutor.lms_settings", "PYTHONPATH": str(REPO),
           "CERT_XBLOCK_TUTOR_YAML": str(root.root / "env" / yaml_file), "CERT_XBLOCK_VAR": str(tmp_path),
           "CERT_XBLOCK_TEST_PROJECT": project}
    result = subprocess.run([sys.executable, "-m", "tests.tutor.probe"], env=env, cwd=REPO, capture_output=True,
                            text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def init_tasks(root) -> list[tuple[str, str]]:
    """The init tasks ``tutor local do init`` would run, rendered."""
    return [tuple(task) for task in json.loads(root.python("-m", "tests.tutor.init_tasks", str(root.root)))]


def service(root, path: str, name: str) -> dict | None:
    """A docker-compose service or a Kubernetes Deployment of the rendered environment, by name."""
    for doc in root.yaml(path):
        if "services" in doc and name in doc["services"]:
            return doc["services"][name]
        if doc.get("kind") == "Deployment" and doc["metadata"]["name"] == name:
            return doc
    return None


def plugin_keys(root, path: str = LMS_YAML) -> set[str]:
    return {key for key in root.yaml(path)[0] if key.startswith("CERT_XBLOCK_")}


def listed_plugins(root) -> dict[str, tuple[str, str]]:
    """``tutor plugins list``: name -> (status, version)."""
    rows = [line.split("\t") for line in root("plugins", "list").splitlines()[1:]]
    return {name.strip(): (status.strip(), version.strip()) for name, status, version in rows}


def test_tutor_finds_the_plugin_through_its_entry_point(enabled):
    status, version = listed_plugins(enabled)["cert_xblock"]
    assert status.endswith("enabled") and version == __version__


def test_the_openedx_image_gets_the_package_and_every_font_package(enabled):
    dockerfile = enabled.text("build/openedx/Dockerfile")
    # Fonts as root in the minimal stage that the production image is built from.
    minimal = dockerfile.split("FROM minimal AS python")[0]
    [apt_line] = [line for line in minimal.splitlines() if "apt install" in line and "fonts-" in line]
    assert apt_line.split("--no-install-recommends")[1].split() == list(DEBIAN_FONT_PACKAGES)
    # The package in the virtual environment of the python-requirements stage, with the pip Tutor uses there.
    requirements = dockerfile.split("FROM python AS python-requirements")[1].split("FROM python AS nodejs")[0]
    assert f"$PIP_COMMAND install 'cert-xblock=={__version__}'" in requirements


def test_one_beat_runs_beside_the_lms_workers_in_docker_compose_and_kubernetes(enabled):
    beat = service(enabled, "local/docker-compose.prod.yml", "lms-beat")
    worker = service(enabled, "local/docker-compose.prod.yml", "lms-worker")
    assert beat["command"] == BEAT
    assert (beat["image"], beat["environment"]) == (worker["image"], worker["environment"])
    assert set(beat["volumes"]) <= set(worker["volumes"])
    assert any(volume.endswith(":/openedx/config:roz") for volume in beat["volumes"])

    deployment = service(enabled, "k8s/deployments.yml", "lms-beat")
    k8s_worker = service(enabled, "k8s/deployments.yml", "lms-worker")
    assert deployment["spec"]["replicas"] == 1
    assert deployment["spec"]["strategy"] == {"type": "Recreate"}  # never two beats during a rollout
    [container] = deployment["spec"]["template"]["spec"]["containers"]
    [worker_container] = k8s_worker["spec"]["template"]["spec"]["containers"]
    assert container["args"] == BEAT
    assert (container["image"], container["env"], container["volumeMounts"]) == (
        worker_container["image"], worker_container["env"], worker_container["volumeMounts"])
    assert deployment["spec"]["template"]["spec"]["volumes"] == k8s_worker["spec"]["template"]["spec"]["volumes"]


def test_the_settings_go_into_the_yaml_of_lms_and_studio_and_nothing_else(enabled, disabled):
    lms = enabled.yaml(LMS_YAML)[0]
    assert plugin_keys(enabled, LMS_YAML) == plugin_keys(enabled, CMS_YAML) == {
        "CERT_XBLOCK_SITE_ROOT", "CERT_XBLOCK_EMAIL_ENABLED", "CERT_XBLOCK_BATCH_INTERVAL_SECONDS",
        "CERT_XBLOCK_BATCH_CHUNK_SIZE", "CERT_XBLOCK_DOWNLOAD_LINK_SECONDS", "CERT_XBLOCK_PLATFORM_BRIDGE",
        "CERT_XBLOCK_CREDENTIAL_KEY", "CERT_XBLOCK_CREDENTIAL_RETIRED_KEYS",
        "CERT_XBLOCK_FILES_ROOT"}  # local storage by default; with a bucket, CERT_XBLOCK_STORAGE instead
    # Everything else the LMS reads from its YAML is Tutor's own: the plugin adds only its keys.
    assert set(lms) - plugin_keys(enabled) == set(disabled.yaml(LMS_YAML)[0])
    # Tutor's Python settings run after the production pass: the plugin puts nothing there.
    for path in ("apps/openedx/settings/lms/production.py", "apps/openedx/settings/cms/production.py"):
        assert "CERT_XBLOCK" not in enabled.text(path)


@pytest.mark.parametrize(("yaml_file", "project"), [(LMS_YAML, "lms.djangoapp"), (CMS_YAML, "cms.djangoapp")])
def test_by_default_pdfs_stay_on_the_private_media_volume_and_links_use_the_lms_host(enabled, tmp_path, yaml_file,
                                                                                     project):
    facts = resolved(enabled, tmp_path, yaml_file, project)
    assert facts["storage_class"] == "cert_xblock.records.storage.PrivateFileSystemStorage"
    # Not /openedx/media, which uWSGI serves to anyone at /media/; the LMS and its workers share this volume.
    assert facts["storage_attributes"]["base_location"] == "/openedx/media-private/cert_xblock"
    assert facts["verify_url"] == "http://local.openedx.io/certificates/verify/AbC123"
    assert facts["settings"]["CERT_XBLOCK_EMAIL_ENABLED"] is True
    assert "cert_xblock.dispatch_due_batches" in facts["beat"]
    assert facts["beat_seconds"] == 300


def test_with_minio_certificates_get_a_private_bucket_of_their_own_and_signed_links(with_minio, tmp_path):
    facts = resolved(with_minio, tmp_path)
    assert facts["storage_class"] == "storages.backends.s3.S3Storage"
    secret = with_minio("config", "printvalue", "OPENEDX_AWS_SECRET_ACCESS_KEY").strip()
    assert facts["storage_attributes"] | {"secret": facts["storage"]["OPTIONS"]["secret_key"]} == {
        "bucket_name": "openedxcertificates",
        "endpoint_url": "http://files.local.openedx.io",
        "region_name": None,
        "access_key": "openedx",
        "secret": secret,
        "default_acl": None,  # the LMS's AWS_DEFAULT_ACL is public-read
        "custom_domain": None,
        "querystring_auth": True,
        "querystring_expire": 300,
        "signature_version": "s3v4",
    }
    tasks = init_tasks(with_minio)
    [bucket_task] = [task for service_name, task in tasks if service_name == "minio" and "certificates" in task]
    assert "mc mb --ignore-existing minio/openedxcertificates" in bucket_task
    # The minio plugin makes its own "openedx" bucket public; the certificates bucket stays private.
    assert "public minio/openedxcertificates" not in "\n".join(task for _, task in tasks)


def test_operator_values_set_with_tutor_config_save_are_what_the_lms_uses(operator, tmp_path):
    facts = resolved(operator, tmp_path)
    assert facts["verify_url"] == "https://learn.example.org/certificates/verify/AbC123"
    assert facts["settings"]["CERT_XBLOCK_EMAIL_ENABLED"] is False
    assert facts["storage_class"] == "storages.backends.s3.S3Storage"
    attributes = facts["storage_attributes"]
    assert (attributes["bucket_name"], attributes["region_name"], attributes["access_key"]) == (
        "acme-certificates", "eu-west-1", "AKIAEXAMPLE")
    assert attributes["endpoint_url"] is None  # AWS itself
    assert (attributes["querystring_auth"], attributes["querystring_expire"], attributes["default_acl"]) == (
        True, 120, None)
    assert "$PIP_COMMAND install 'git+https://git.example.org/cert_xblock.git@v0.1.0'" in operator.text(
        "build/openedx/Dockerfile")
    # The operator runs a beat already: no lms-beat service; no MinIO, so no bucket job.
    assert service(operator, "local/docker-compose.prod.yml", "lms-beat") is None
    assert service(operator, "k8s/deployments.yml", "lms-beat") is None
    assert not [task for service_name, task in init_tasks(operator) if "cert_xblock" in task or service_name == "minio"]


def test_a_batch_interval_set_in_tutor_reaches_the_beat_schedule(operator, tmp_path):
    assert resolved(operator, tmp_path)["beat_seconds"] == 600


def test_disabling_the_plugin_takes_everything_it_added_out(disabled):
    assert not plugin_keys(disabled, LMS_YAML) and not plugin_keys(disabled, CMS_YAML)
    dockerfile = disabled.text("build/openedx/Dockerfile")
    assert "cert-xblock" not in dockerfile and not any(package in dockerfile for package in DEBIAN_FONT_PACKAGES)
    assert service(disabled, "local/docker-compose.prod.yml", "lms-beat") is None
    assert service(disabled, "k8s/deployments.yml", "lms-beat") is None
    assert listed_plugins(disabled)["cert_xblock"][0] == "installed"


def test_the_credential_signing_key_is_made_once_and_kept(enabled):
    from cert_xblock.credentials.keys import parse_signing_key

    key = enabled.yaml(LMS_YAML)[0]["CERT_XBLOCK_CREDENTIAL_KEY"]
    parse_signing_key(key)  # an Ed25519 Multikey secret the LMS accepts
    assert enabled.yaml(CMS_YAML)[0]["CERT_XBLOCK_CREDENTIAL_KEY"] == key
    enabled("config", "save")
    assert enabled.yaml(LMS_YAML)[0]["CERT_XBLOCK_CREDENTIAL_KEY"] == key, "saved in config.yml, not made anew"
