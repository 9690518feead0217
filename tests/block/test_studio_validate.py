"""What Studio's unit page shows for a block whose settings are wrong: each problem with its field's label."""
from __future__ import annotations

import pytest
from workbench.runtime import WorkbenchRuntime

from cert_xblock.platform.twin.models import CourseOverview

pytestmark = pytest.mark.django_db


def block_from(xml: str):
    runtime = WorkbenchRuntime("staff")
    runtime.id_generator.set_scenario("validate-test")
    return runtime.get_block(runtime.parse_xml_string(xml))


def test_valid_settings_show_no_problem():
    assert block_from('<cert_xblock minimum_percent="80" grade_rule="minimum_percent"/>').validate().empty


def test_each_problem_names_its_field():
    block = block_from('<cert_xblock minimum_percent="150" accent_color="teal" available_from="soon"'
                       ' logo="/static/missing-logo.png"/>')
    messages = sorted(message.text for message in block.validate().messages)
    assert messages == [
        "Accent colour: Enter the accent colour as #RRGGBB.",
        "Certificates available from: Enter a date as YYYY-MM-DD, for example 2026-12-31.",
        "Logo: The course has no file /static/missing-logo.png in Files & Uploads.",
        "Minimum percentage: The minimum grade must be a percentage between 0 and 100.",
    ]
    assert all(message.type == "error" for message in block.validate().messages)


def test_a_pathway_listing_a_course_the_site_does_not_have_is_shown_on_the_unit_page():
    CourseOverview.objects.create(id="course-v1:DemoX+CERT100+2026", display_name="Foundations of Open Learning")
    block = block_from('<cert_xblock kind="pathway"'
                       ' pathway_courses="course-v1:DemoX+CERT100+2026&#10;course-v1:DemoX+GONE+2026"/>')
    assert [message.text for message in block.validate().messages] == [
        "Pathway courses: There is no course course-v1:DemoX+GONE+2026 on this site."]


@pytest.mark.parametrize("lines, message", [
    ("Homework: 60\nHomework: 70", "Line 2: Homework is already on line 1; keep one."),
    ("Homework: 160", "Line 1: the minimum for Homework must be between 0 and 100%, not 160."),
    ("Homework sixty", "Line 1: write it as assignment type: minimum percentage, for example 'Homework: 60'."),
    ("Homework: 60\n\nExam: -5\nhomework: 50", "Line 3: the minimum for Exam must be between 0 and 100%, not -5. "
                                               "Line 4: homework is already on line 1; keep one."),
])
def test_every_line_of_the_assignment_minimums_is_checked_and_named(lines, message):
    from cert_xblock.config.values import CertificateSettings, validate_settings

    problems = [p for p in validate_settings(CertificateSettings(assignment_minimums=lines))
                if p.field == "assignment_minimums"]
    assert [p.message for p in problems] == [message]


def test_a_percent_sign_is_accepted_in_the_assignment_minimums():
    from cert_xblock.config.values import CertificateSettings, validate_settings

    values = CertificateSettings(assignment_minimums="Homework: 60%\nFinal Exam: 70.5 %")
    assert [p for p in validate_settings(values) if p.field == "assignment_minimums"] == []
    assert values.assignment_minimum_map == {"Homework": 60.0, "Final Exam": 70.5}
