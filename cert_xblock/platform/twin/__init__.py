"""The standalone twin of the edx-platform parts cert_xblock uses.

Installed only in demo and test settings. It mirrors the platform's tables (seed 001: the persisted
course grade; enrollments; profiles; course overviews) and the module surface ``cert_xblock.platform``
calls (``grades_api.CourseGradeFactory`` and friends), with the platform's semantics: no grade row
means a zero grade that has not passed, ``passed`` means a non-empty letter grade.
"""
