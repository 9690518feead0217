"""A small plug-in package for cert_xblock, installed with pip for real by the test command (``scripts/dev.py``).

It provides one eligibility source (``attendance``: a learner qualifies after attending enough live sessions, read
from a JSON file) and one design (``ribbon``: a diagonal ribbon and a gold seal). ``docs/plugins.md`` walks through it.
"""
from setuptools import setup

setup(
    name="cert-xblock-example-plugin",
    version="1.0.0",
    description="Example cert_xblock plug-ins: an attendance eligibility source and a ribbon design",
    packages=["cert_xblock_example_plugin"],
    package_data={"cert_xblock_example_plugin": ["attendance.json"]},
    python_requires=">=3.11",
    # cert_xblock itself is not required here: the plug-ins only run inside it (and pip would otherwise reinstall
    # the editable checkout the tests run from).
    install_requires=["reportlab>=4.2"],
    entry_points={
        "cert_xblock.eligibility": ["attendance = cert_xblock_example_plugin.attendance:AttendanceSource"],
        "cert_xblock.designs": ["ribbon = cert_xblock_example_plugin.ribbon:RibbonDesign"],
    },
)
