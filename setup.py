"""Packaging for cert_xblock.

The top-level ``static/``, ``templates/`` and ``translations/`` folders are mapped into the
``cert_xblock`` package so that they ship inside the wheel (``cert_xblock/static/...``) while the
repository keeps the layout the Open edX design card asks for.
"""
from __future__ import annotations

from pathlib import Path

from setuptools import setup

HERE = Path(__file__).parent
ASSET_DIRS = ("static", "templates", "translations")


def asset_files(folder: str) -> list[str]:
    """Every file below a top-level asset folder, relative to it (setuptools wants explicit globs)."""
    root = HERE / folder
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def version() -> str:
    for line in (HERE / "cert_xblock" / "__init__.py").read_text().splitlines():
        if line.startswith("__version__"):
            return line.split("=")[1].strip().strip("\"'")
    raise RuntimeError("no __version__")


INSTALL_REQUIRES = [
    "Django>=5.2,<6",
    # XBlock brings web_fragments: up to 6.1 by requiring the web-fragments distribution, from 6.2 inside its own
    # (XBlock CHANGELOG 6.2.0). Requiring web-fragments here too would install the package twice on 6.2+.
    "XBlock>=5.3",
    "edx-opaque-keys>=3.0",
    "edx-django-utils>=7",
    "djangorestframework>=3.15",
    "django-ratelimit>=4.1",  # guesses at verification codes, per client (the LMS uses it for the same)
    "reportlab>=4.2",
    "python-bidi>=0.6",
    "uharfbuzz>=0.45",
    "segno>=1.5",
    "Pillow>=10",
    "babel>=2.14",
    # The verify page's picture of a certificate: PDFium's rasteriser, a wheel with the binary inside (share_image).
    "pypdfium2>=4.30",  # dates and numbers as each language writes them (CLDR), on the certificate and the pages
    "celery>=5.4",
    "boto3>=1.34",
    "django-storages>=1.14",
    "openedx-filters>=2.0",  # the platform bridge's CertificateRenderStarted step (the LMS ships it too)
    "uritemplate>=4.1",  # DRF's OpenAPI schema of the REST API
    "inflection>=0.5",  # idem
    # The Open Badges 3.0 credential (cert_xblock.credentials): RDF canonicalization and its Ed25519 signature.
    "pyld>=3.3",
    "cryptography>=42",
]

TEST_REQUIRES = [
    "xblock-sdk>=0.13",
    "openedx-django-pyfs>=3.4",  # the SDK workbench's settings install djpyfs; 0.14 does not depend on it
    "lazy>=1.4",  # xblock.django.request imports it; some XBlock releases do not depend on it
    "pytest>=8",
    "pytest-django>=4.9",
    "pytest-timeout>=2.3",
    "playwright>=1.45",
    "pypdf>=5",
    "hypothesis>=6.100",
    "gunicorn>=22",  # the multi-process server of the reliability suite's concurrency test
    "moto[server]>=5",
    "redis>=5",
    "pyzbar>=0.1.9",
    "fonttools>=4.40",
    "Pillow>=10",
    "babel>=2.14",
    "ruff>=0.6",
    "build>=1.2",
    "requests>=2.31",
    "edx-ace>=1.11",  # the LMS side of the issue email, tested against the real library
    "edx-drf-extensions>=10",  # the LMS's JWT authentication of the REST API
    "pypdfium2>=4.30",  # PDFium: an independent reader of the certificates' text
    "jsonschema>=4.18",  # the credential against the bundled Open Badges 3.0 schema (Draft 2020-12)
    "opentype-sanitizer>=9.1",  # OTS: the embedded font subsets must pass the browsers' font sanitizer
    "pdfua>=0.1.3",  # a PDF/UA-1 checker (pikepdf, no JVM)
    "pikepdf>=8",  # tests/rendering/pdf_fonts.py: /W widths and ToUnicode against the embedded font programs
    "openvc-core[data-integrity]>=1.37",  # an independent verifier of the signed credentials
]

# The Tutor release line the plugin in cert_xblock/deploy/tutor/ is written for. Tutor's own dependencies clash with the
# test environment's (kubernetes wants python-dateutil 3, botocore 2), so tests/tutor installs "tutor-test" into a
# virtual environment of its own.
TUTOR_REQUIRES = ["tutor>=22.0,<23"]
TUTOR_TEST_REQUIRES = [*TUTOR_REQUIRES, "tutor-minio>=22.0,<23"]

setup(
    name="cert-xblock",
    version=version(),
    description="Grade Me / Get Certificate XBlock: PDF certificates issued from the course grade, for Open edX",
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="AGPL-3.0",
    python_requires=">=3.11",
    packages=[
        "cert_xblock",
        "cert_xblock.block",
        "cert_xblock.config",
        "cert_xblock.core",
        "cert_xblock.credentials",
        "cert_xblock.deploy",
        "cert_xblock.deploy.demo",
        "cert_xblock.deploy.tutor",
        "cert_xblock.issuing",
        "cert_xblock.issuing.batch",
        "cert_xblock.issuing.kinds",
        "cert_xblock.management",
        "cert_xblock.management.commands",
        "cert_xblock.migrations",
        "cert_xblock.notifications",
        "cert_xblock.platform",
        "cert_xblock.platform.lms",
        "cert_xblock.platform.twin",
        "cert_xblock.platform.twin.management",
        "cert_xblock.platform.twin.management.commands",
        "cert_xblock.platform.twin.migrations",
        "cert_xblock.plugins",
        "cert_xblock.records",
        "cert_xblock.rendering",
        "cert_xblock.settings",
        "cert_xblock.staff",
        "cert_xblock.web",
        "cert_xblock.web.rest",
        *[f"cert_xblock.{d}" for d in ASSET_DIRS],
    ],
    package_dir={"cert_xblock": "cert_xblock", **{f"cert_xblock.{d}": d for d in ASSET_DIRS}},
    package_data={
        **{f"cert_xblock.{d}": asset_files(d) for d in ASSET_DIRS},
        "cert_xblock.rendering": ["designs/*", "fonts/*"],
        "cert_xblock.credentials": ["contexts/*", "schemas/*"],
        "cert_xblock.deploy.tutor": ["openedx-env.yml", "patches/*", "tasks/*"],
    },
    include_package_data=False,
    install_requires=INSTALL_REQUIRES,
    extras_require={"demo": ["xblock-sdk>=0.13", "openedx-django-pyfs>=3.4", "lazy>=1.4"], "test": TEST_REQUIRES,
                    "tutor": TUTOR_REQUIRES, "tutor-test": TUTOR_TEST_REQUIRES,
                    # The suite's MariaDB pass, with the driver the LMS uses (it builds against libmariadb-dev).
                    "mariadb": ["mysqlclient>=2.2"], "s3": ["boto3>=1.34", "django-storages[s3]>=1.14"]},
    entry_points={
        "xblock.v1": ["cert_xblock = cert_xblock.block:CertificateXBlock"],
        "lms.djangoapp": ["cert_xblock = cert_xblock.apps:CertXBlockConfig"],
        "cms.djangoapp": ["cert_xblock = cert_xblock.apps:CertXBlockConfig"],
        "console_scripts": ["cert-xblock = cert_xblock.management.cli:main"],
        "tutor.plugin.v1": ["cert_xblock = cert_xblock.deploy.tutor.plugin"],
    },
    classifiers=[
        "Framework :: Django :: 5.2",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
    ],
)
