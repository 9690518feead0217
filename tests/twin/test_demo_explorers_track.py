"""The demo course's fourth section shows each learner's own course (issue 20, "What to build" 2): Eva, an
Explorer, sees it with only what the platform's transformers leave her; Ben never sees it."""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from cert_xblock import platform
from cert_xblock.config.values import CertificateSettings
from cert_xblock.issuing.kinds.coursework import Coursework, further_requirements
from cert_xblock.platform.twin.demo_data import seed_demo

pytestmark = pytest.mark.django_db


def test_eva_sees_her_own_week_4_and_ben_the_three_sections_he_always_had():
    course_key = seed_demo()
    users = {name: get_user_model().objects.get(username=name).pk for name in ("eva", "ben")}
    outlines = platform.learner_outlines(users.values(), course_key)
    assert [s.display_name for s in outlines[users["ben"]].sections] == [
        "Week 1: Foundations", "Week 2: Practice", "Final"]
    week4 = outlines[users["eva"]].sections[-1]
    assert week4.display_name == "Week 4: Explorers' track"
    assert [sub.display_name for sub in week4.subsections] == ["Labs", "Survey", "Quiz (score hidden)"]  # no HW 3
    labs = week4.subsections[0]
    assert [unit.completable for unit in labs.units] == [
        (str(course_key.make_usage_key("problem", "w4_lib_p2")),), (str(course_key.make_usage_key("html", "w4_ab_b")),)]
    rules = CertificateSettings(grade_rule="none", assignment_minimums="Homework: 60", completion_percent=100)
    homework, completion = further_requirements("cert", rules, Coursework(course_key, [users["eva"]]))[users["eva"]]
    # hw1 1.0, hw2 0.9, the survey a 0, the hidden quiz's 0.8 out of the numerator: 1.9 / 4
    assert (homework.current, homework.met) == (47.5, False)
    assert (completion.current, completion.met) == (100.0, True)  # every unit she can see, library and A/B too
