"""Stand-in for Studio's ``xmodule.modulestore.django``: the publish signal and its module-level alias only."""
from django.dispatch import Signal


class SignalHandler:
    course_published = Signal()


# The platform exports every SignalHandler signal under its upper-case name "to allow easy imports".
COURSE_PUBLISHED = SignalHandler.course_published
