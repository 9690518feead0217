"""The workbench scenarios of the demo (each a unit with one Certificate block)."""

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
]
