"""Which plug-ins are installed, as Studio lists them, and eligibility sources deciding (or failing) for a chunk."""
from __future__ import annotations

import json
import logging

import pytest
from django.contrib.auth import get_user_model
from opaque_keys.edx.keys import CourseKey

from cert_xblock import plugins
from cert_xblock.core.i18n import gettext_for
from cert_xblock.platform.types import GradeSnapshot

COURSE = CourseKey.from_string("course-v1:Demo+Plug+2026")
BLOCK = "block-v1:Demo+Plug+2026+type@cert_xblock+block@one"


def listing(language: str = "en") -> dict[str, dict]:
    return {plugin["name"]: plugin for group in plugins.studio_listing(gettext_for(language))
            for plugin in group["plugins"]}


def test_the_pip_installed_example_package_is_listed_with_its_title_and_help():
    found = listing()
    assert found["attendance"]["title"] == "Live-session attendance"
    assert found["attendance"]["help"].startswith("Learners who attended at least 80% of the live sessions")
    assert found["attendance"]["distribution"] == "cert-xblock-example-plugin 1.0.0"
    assert found["attendance"]["problem"] == ""
    assert found["ribbon"]["title"] == "Ribbon" and found["ribbon"]["problem"] == ""
    assert "attendance" in plugins.source_names() and "ribbon" in plugins.design_names()


def test_broken_plugins_are_listed_as_broken_with_the_reason(broken_plugins):
    found = listing()
    assert found["missing_module"]["problem"] == (
        "It cannot be loaded: ModuleNotFoundError: No module named 'cert_xblock_no_such_module'")
    assert found["untitled"]["problem"] == "It is not a valid plug-in: it has no title (a non-empty str)"
    assert found["classic"]["problem"] == "Its name is already taken: classic is a bundled design"
    assert found["raising"]["problem"] == "" and found["raising"]["distribution"] == "cert-xblock-broken-plugins 0.1"
    assert dict(plugins.choices(plugins.ELIGIBILITY_GROUP))["missing_module"] == "missing_module (broken)"


def test_the_reason_is_in_the_authors_language(broken_plugins):
    assert listing("fr")["untitled"]["problem"] == (
        "Ce n’est pas un module d’extension valide : it has no title (a non-empty str)")
    assert plugins.studio_listing(gettext_for("zh-cn"))[0]["title"] == "资格来源"


def grades(*user_ids: int) -> dict[int, GradeSnapshot]:
    return {user_id: GradeSnapshot(0.5, False, None, True) for user_id in user_ids}


@pytest.mark.django_db
def test_the_example_source_decides_both_ways_for_a_chunk_in_the_learners_language(tmp_path, monkeypatch):
    users = get_user_model().objects
    keen, absent, unknown = (users.create(username=name) for name in ("keen", "absent", "unknown"))
    register = tmp_path / "attendance.json"
    register.write_text(json.dumps({"sessions": 10, "attended": {"keen": 9, "absent": 2}}))
    monkeypatch.setenv("CERT_XBLOCK_EXAMPLE_ATTENDANCE", str(register))
    found = plugins.answers("attendance", COURSE, BLOCK, grades(keen.id, absent.id, unknown.id), {absent.id: "fr"})
    assert (found[keen.id].met, found[keen.id].current, found[keen.id].required) == (True, 90.0, 80.0)
    assert found[keen.id].message == "Your attendance qualifies: 9 of 10 live sessions."
    assert (found[absent.id].met, found[absent.id].current) == (False, 20.0)
    assert found[absent.id].message == ("Vous avez assisté à 2 séances en direct sur 10 ; il en faut 80 %.")
    assert (found[unknown.id].met, found[unknown.id].broken) == (False, False)
    assert found[keen.id].title == "Live-session attendance"
    assert sorted(plugins.candidates("attendance", COURSE)) == [keen.id]


@pytest.mark.parametrize("name, logged", [
    ("raising", "RuntimeError: the attendance server is down"),
    ("wrong_type", "decide() returned list instead of a mapping of user id to Verdict"),
    ("missing_module", None),
])
def test_a_broken_source_certifies_nobody_and_says_so(broken_plugins, caplog, name, logged):
    caplog.set_level(logging.ERROR, logger="cert_xblock")
    found = plugins.answers(name, COURSE, BLOCK, grades(7, 8), {7: "es"})
    assert [(a.met, a.broken) for a in found.values()] == [(False, True), (False, True)]
    title = listing()[name]["title"]
    assert found[8].message == (f"The eligibility source {title} is not working just now, so it cannot decide "
                                "whether you qualify. Please contact the course team.")
    assert found[7].message == (f"La fuente de elegibilidad {title} no funciona en este momento, así que no puede "
                                "decidir si usted cumple los requisitos. Póngase en contacto con el equipo del curso.")
    assert any(name in record.getMessage() for record in caplog.records)
    if logged:
        assert any(logged in record.getMessage() or logged in (record.exc_text or "") for record in caplog.records)
        assert listing()[name]["problem"].endswith(logged), "Studio lists the failure too"


def test_a_learner_the_source_forgot_is_not_certified_but_the_others_are_decided(broken_plugins):
    found = plugins.answers("forgetful", COURSE, BLOCK, grades(1, 2))
    assert (found[1].met, found[1].broken, found[1].message) == (True, False, "Yes.")
    assert (found[2].met, found[2].broken) == (False, True)
    assert listing()["forgetful"]["problem"] == "It failed when it was last used: gave no verdict for learner 2"


def test_a_source_that_is_not_installed_is_named_in_the_message():
    [answer] = plugins.answers("horoscope", COURSE, BLOCK, grades(3)).values()
    assert (answer.met, answer.broken) == (False, True)
    assert answer.message == ("The eligibility source horoscope is not installed, so it cannot decide whether you "
                              "qualify. Please contact the course team.")
    assert plugins.candidates("horoscope", COURSE) == []


def test_a_failure_that_passes_is_no_longer_listed(broken_plugins, monkeypatch):
    """A source that raised once (a server down) is listed as failing until it answers well again."""
    from cert_xblock_broken_plugins import RaisingSource

    plugins.answers("raising", COURSE, BLOCK, grades(1))
    assert listing()["raising"]["problem"].startswith("It failed when it was last used: RuntimeError")
    monkeypatch.setattr(RaisingSource, "decide", lambda self, request: {1: plugins.Verdict(True, "Back.")})
    assert plugins.answers("raising", COURSE, BLOCK, grades(1))[1].met
    assert listing()["raising"]["problem"] == ""
