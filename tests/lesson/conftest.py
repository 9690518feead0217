"""The seam's LMS code and the twin, run by the same tests (``platform_side``)."""
from tests.twin.lms_doubles import platform_side  # noqa: F401
