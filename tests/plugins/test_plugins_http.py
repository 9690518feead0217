"""Plug-ins in the running workbench over real HTTP: the pip-installed example package listed in Studio, deciding a
learner's click both ways and drawing the issued PDF; broken plug-ins and an uninstalled package each leave a clear
message, no certificate and no 500."""
from __future__ import annotations

import html
import json
import os
import sys
from pathlib import Path

import pytest
import requests

from tests import services
from tests.block.helpers import add_learner, certificate_files, certificates_of
from tests.conftest import LearnerSession
from tests.pdf import pdf_text
from tests.rendering.conftest import decode_qr, render_png

from .installs import broken_site, site_without
from .test_design_plugins import GOLD, pixels_near

LAUNCHER = Path(__file__).with_name("launcher.py")
ATTENDANCE = {"sessions": 10, "attended": {"keen": 9, "absent": 3, "early": 10, "late": 10}}


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    """The demo workbench with the example package (installed in the environment) and the broken plug-ins'
    distribution on its path, reading the attendance register written here."""
    tmp = tmp_path_factory.mktemp("plugin-bench")
    register = tmp / "attendance.json"
    register.write_text(json.dumps(ATTENDANCE))
    path = os.pathsep.join(filter(None, [str(broken_site(tmp / "broken-site")), os.environ.get("PYTHONPATH")]))
    var = tmp / "var"
    var.mkdir()
    env = {"PYTHONPATH": path, "CERT_XBLOCK_EXAMPLE_ATTENDANCE": str(register)}
    with services.workbench_server(var, env) as server:
        yield server


def configure(server, scenario: str, **values) -> None:
    """Save a block's settings as an author does, through the Studio editor's save handler."""
    staff = LearnerSession(server, "staff", scenario)
    response = staff.post("submit_studio_edits", json.dumps({"values": values}))
    assert response.status_code == 200, response.text


def view(server, scenario: str, student: str, name: str = "") -> str:
    page = requests.get(server.url(f"/scenario/{scenario}/{name + '/' if name else ''}"), params={"student": student},
                        timeout=30)
    assert page.status_code == 200
    return html.unescape(page.text)


def test_studio_lists_the_installed_plugins_with_their_help_and_the_broken_ones_with_the_reason(bench):
    editor = view(bench, "cert_xblock.3", "staff", "studio_view")
    assert "Live-session attendance" in editor
    assert "Learners who attended at least 80% of the live sessions earn the certificate" in editor
    assert "cert-xblock-example-plugin 1.0.0" in editor
    assert "Ribbon" in editor and "A diagonal ribbon in the accent colour and a gold seal" in editor
    assert '<option value="attendance"' in editor and '<option value="ribbon"' in editor
    assert "It cannot be loaded: ModuleNotFoundError: No module named 'cert_xblock_no_such_module'" in editor
    assert "It is not a valid plug-in: it has no title (a non-empty str)" in editor


def test_the_example_source_decides_a_click_both_ways_and_its_design_draws_the_certificate(bench, tmp_path):
    configure(bench, "cert_xblock.3", eligibility_source="attendance", design="ribbon", accent_color="#8b1a1a")
    # The source replaces the grade rule: a low grade with enough sessions qualifies, a high one without does not.
    add_learner(bench, "keen", "Keen Attendee", percent=0.30)
    add_learner(bench, "absent", "Often Absent", percent=0.95, letter="A")
    assert "You attended 3 of 10 live sessions; 80% are needed." in view(bench, "cert_xblock.3", "absent")

    refused = LearnerSession(bench, "absent", "cert_xblock.3").post("grade_me")
    assert refused.status_code == 200
    body = refused.json()
    assert (body["status"], body["reason"]) == ("not_eligible", "requirements_unmet")
    said = "You attended 3 of 10 live sessions; 80% are needed."
    assert body["unmet"] == [{"rule": "plugin", "subject": "Live-session attendance", "current": 30.0,
                              "required": 80.0, "gap": 50.0, "remaining": [], "message": said}]
    assert said in html.unescape(body["html"]), "the learner reads the source's own sentence"
    assert body["progress"] == {"rule": "plugin", "subject": "Live-session attendance", "percent": 30.0,
                                "required": 80.0}, "the meter shows the source's figures, not the course grade"
    assert certificates_of(bench, "absent") == []

    keen = LearnerSession(bench, "keen", "cert_xblock.3")
    issued = keen.post("grade_me").json()
    assert issued["status"] == "issued"
    [(verify_id, status, *_)] = certificates_of(bench, "keen")
    assert (verify_id, status) == (issued["certificate"]["id"], "issued")
    pdf = keen.http.get(bench.url(issued["certificate"]["download_url"]), timeout=30).content
    assert "Keen Attendee" in pdf_text(pdf)
    png = render_png(pdf, tmp_path)
    assert decode_qr(png) == [issued["certificate"]["verify_url"]]
    assert pixels_near(png, GOLD) > 2000 and pixels_near(png, (0x8B, 0x1A, 0x1A)) > 2000, "the ribbon's artwork"


@pytest.mark.parametrize("source, title", [("missing_module", "missing_module"), ("raising", "Raises"),
                                           ("wrong_type", "Wrong type")])
def test_a_broken_source_is_explained_to_the_learner_and_issues_nothing(bench, source, title):
    configure(bench, "cert_xblock.0", eligibility_source=source)
    student = f"passing_{source}"
    add_learner(bench, student, "Passing Learner", percent=0.95, letter="A")
    message = (f"The eligibility source {title} is not working just now, so it cannot decide whether you qualify. "
               "Please contact the course team.")
    assert message in view(bench, "cert_xblock.0", student)
    response = LearnerSession(bench, student, "cert_xblock.0").post("grade_me")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], [item["message"] for item in body["unmet"]]) == ("not_eligible", [message])
    assert body["unmet"][0]["rule"] == "plugin_broken" and message in html.unescape(body["html"])
    assert certificates_of(bench, student) == []
    summary = view(bench, "cert_xblock.0", "staff", "author_view")
    assert f"The plug-in {title} ({source}) is broken, so this block cannot issue certificates." in summary


def test_a_design_that_raises_delays_the_certificate_and_stores_nothing(bench):
    configure(bench, "cert_xblock.0", eligibility_source="", design="raising_design")
    add_learner(bench, "unlucky", "Unlucky Learner", percent=0.95, letter="A")
    files_before = certificate_files(bench)
    response = LearnerSession(bench, "unlucky", "cert_xblock.0").post("grade_me")
    assert response.status_code == 422
    assert response.json()["error"] == (
        "This certificate's design Raising design is not working just now, so certificates cannot be printed. "
        "Please contact the course team.")
    assert certificates_of(bench, "unlucky") == [] and certificate_files(bench) == files_before
    assert "ZeroDivisionError: the artwork divided by zero" in view(bench, "cert_xblock.0", "staff", "author_view")
    configure(bench, "cert_xblock.0", design="classic")


def test_after_the_package_is_uninstalled_blocks_that_used_it_say_so_and_issue_nothing(bench, tmp_path):
    """A second server on the same database, in a process whose site-packages lack the example distribution."""
    configure(bench, "cert_xblock.3", eligibility_source="attendance", design="ribbon")
    # (A block whose scenario XML names no design: the workbench re-applies a scenario's XML when it starts.)
    configure(bench, "cert_xblock.0", design="ribbon", eligibility_source="")
    add_learner(bench, "early", "Early Learner", percent=0.9, letter="A")
    add_learner(bench, "late", "Late Learner", percent=0.9, letter="A")
    assert LearnerSession(bench, "early", "cert_xblock.3").post("grade_me").json()["status"] == "issued"
    port = services.free_port()
    env = {**bench.env, "CERT_XBLOCK_SITE": str(site_without("cert-xblock-example-plugin", tmp_path / "site")),
           "CERT_XBLOCK_SITE_ROOT": f"http://127.0.0.1:{port}", "PYTHONPATH": ""}
    args = [sys.executable, "-S", str(LAUNCHER), "runserver", f"127.0.0.1:{port}", "--noreload"]
    with services.running(args, port, env=env, log=tmp_path / "server.log", cwd=bench.var):
        after = services.Workbench(f"http://127.0.0.1:{port}", bench.var, bench.env)
        source_gone = ("The eligibility source attendance is not installed, so it cannot decide whether you qualify. "
                       "Please contact the course team.")
        assert source_gone in view(after, "cert_xblock.3", "late")
        response = LearnerSession(after, "late", "cert_xblock.3").post("grade_me")
        assert (response.status_code, response.json()["unmet"][0]["message"]) == (200, source_gone)
        design_gone = ("This certificate's design ribbon is not installed, so certificates cannot be printed just "
                       "now. Please contact the course team.")
        assert design_gone in view(after, "cert_xblock.0", "late")
        click = LearnerSession(after, "late", "cert_xblock.0").post("grade_me")
        assert (click.status_code, click.json()["error"]) == (422, design_gone)
        assert certificates_of(bench, "late") == []
        assert 'class="cert-xblock" data-status="issued"' in view(after, "cert_xblock.3", "early"), "issued ones stay"
        [(verify_id, *_)] = certificates_of(bench, "early")
        assert requests.get(after.url(f"/certificates/verify/{verify_id}"), timeout=30).status_code == 200
        picture = requests.get(after.url(f"/certificates/verify/{verify_id}.png"), timeout=30)
        assert picture.status_code == 404, "no picture in another design, and no 500"
        summary = view(after, "cert_xblock.3", "staff", "author_view")
        assert "The eligibility source attendance is not installed: install it or choose another." in summary
        assert "The design ribbon is not installed: install it or choose another." in summary
    configure(bench, "cert_xblock.0", design="classic")
