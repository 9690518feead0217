"""REST URLs, included by ``cert_xblock.urls`` under ``api/cert_xblock/v1/``, and their OpenAPI schema."""
from django.urls import include, re_path
from rest_framework.renderers import JSONOpenAPIRenderer
from rest_framework.schemas import get_schema_view

from . import views

PREFIX = r"^api/cert_xblock/v1/"
COURSE_ID = r"(?P<course_id>[^/]+)"

api_patterns = [
    re_path(r"^me/certificates/?$", views.MyCertificatesView.as_view(), name="api-my-certificates"),
    re_path(r"^me/certificates/(?P<verify_id>[0-9a-f]{32})/download/?$", views.MyCertificateDownloadView.as_view(),
            name="api-my-certificate-download"),
    re_path(rf"^courses/{COURSE_ID}/certificates/?$", views.CourseCertificatesView.as_view(),
            name="api-course-certificates"),
    re_path(rf"^courses/{COURSE_ID}/learners/(?P<username>[^/]+)/?$", views.LearnerStatusView.as_view(),
            name="api-learner-status"),
]

schema_view = get_schema_view(
    title="cert_xblock certificates API",
    version="v1",
    description="Certificates issued by the Certificate XBlock: a learner's own, one learner's standing in a "
                "course (the learner or course staff), and all certificates of a course (course staff).",
    patterns=[re_path(PREFIX, include(api_patterns))],
    renderer_classes=[JSONOpenAPIRenderer],
    public=True,  # the whole API for everyone, whatever the caller may call
)

urlpatterns = [
    *api_patterns,
    re_path(r"^schema/?$", schema_view, name="api-schema"),
]
