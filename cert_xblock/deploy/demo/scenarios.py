"""The workbench scenarios of the demo: units of the demo course (CERT101) with Certificate blocks.

New scenarios go at the end: tests and the README name the earlier ones by their position (cert_xblock.3 is the
sandbox).
"""

# The lesson scenario sits in Week 1 of the demo course's structure
# (``cert_xblock.platform.twin.demo_coursework``), which
# finds it by the usage id the workbench derives from this description.
LESSON_SCENARIO = "Certificate: a lesson (Week 1), earned with 80% of its graded work"
RULES_SCENARIO = "Certificate: 50% overall, Homework 60% or more and 80% of the course completed"
COMPLETION_SCENARIO = "Certificate: no grade, 80% of the course completed"

SCENARIOS = [
    ("Certificate: earned with the course's passing grade (70%)",
     '<cert_xblock display_name="Your certificate"/>'),
    ("Certificate: earned with 80% or more, modern design",
     '<cert_xblock display_name="Honours certificate" grade_rule="minimum_percent" minimum_percent="80"'
     ' design="modern" certificate_title="Certificate of Distinction" logo="/static/demo-logo.png"'
     ' signatories="Prof. Grace Hopper | Course Lead | /static/signature-hopper.png&#10;Dr. Alan Turing | Dean"/>'),
    ("Certificate: not available until 2036-01-01",
     '<cert_xblock display_name="Certificate (later)" available_from="2036-01-01"/>'),
    ("Certificate: a sandbox for trying the Studio editor",
     '<cert_xblock display_name="Sandbox certificate" grade_rule="minimum_percent" minimum_percent="50"/>'),
    ("Certificate: a pathway of two courses (Foundations CERT100, then this course)",
     '<cert_xblock display_name="Pathway certificate" kind="pathway"'
     ' pathway_courses="course-v1:DemoX+CERT100+2026" certificate_title="Open Learning Pathway Certificate"/>'),
    ("Certificates: two in one unit, completion (passing grade) and distinction (90% or more)",
     '<vertical_demo><cert_xblock display_name="Completion certificate" certificate_title="Certificate of Completion"/>'
     '<cert_xblock display_name="Distinction certificate" grade_rule="minimum_percent" minimum_percent="90"'
     ' certificate_title="Certificate of Distinction" design="modern"/></vertical_demo>'),
    (LESSON_SCENARIO,
     '<cert_xblock display_name="Week 1 certificate" kind="lesson" grade_rule="minimum_percent" minimum_percent="80"'
     ' certificate_title="Certificate: Week 1, Foundations"/>'),
    (RULES_SCENARIO,
     '<cert_xblock display_name="Certificate with rules" grade_rule="minimum_percent" minimum_percent="50"'
     ' assignment_minimums="Homework: 60" completion_percent="80"/>'),
    (COMPLETION_SCENARIO,
     '<cert_xblock display_name="Completion certificate" grade_rule="none" completion_percent="80"'
     ' certificate_title="Certificate of Participation"/>'),
]
