"""Where the credentials stage sits in the import graph: issuance never depends on it (a credential is signed on
request, so the click and the batch cost what they did), and it reads certificates only through the models and the
seam's face."""
from __future__ import annotations

from tests.test_architecture import internal_graph, reaches

ISSUANCE = ("cert_xblock.issuing.issuance", "cert_xblock.issuing.batch.runner", "cert_xblock.issuing.batch.tasks")


def test_issuance_and_the_batch_never_reach_the_credentials():
    graph = internal_graph()
    paths = {start: reaches(graph, start, "cert_xblock.credentials") for start in ISSUANCE}
    assert {start: path for start, path in paths.items() if path} == {}


def test_the_reachability_check_sees_credentials_where_they_are_imported():
    graph = internal_graph()
    assert reaches(graph, "cert_xblock.staff.revocation", "cert_xblock.credentials")
    assert reaches(graph, "cert_xblock.block.learner_view", "cert_xblock.credentials")


def test_the_credentials_stage_imports_no_other_stage_than_it_may():
    allowed = ("cert_xblock.credentials", "cert_xblock.models", "cert_xblock.core", "cert_xblock.config",
               "cert_xblock.records.links", "cert_xblock.rendering.qr", "cert_xblock.web.rest.permissions")
    imported = {target for module, targets in internal_graph().items()
                if module.startswith("cert_xblock.credentials") for target in targets}
    assert sorted(target for target in imported if not target.startswith(allowed)
                  and target not in ("cert_xblock.platform", "cert_xblock.platform.types")) == []
