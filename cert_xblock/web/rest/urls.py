"""REST URLs, included by ``cert_xblock.web.urls`` under ``api/cert_xblock/v1/``, and their OpenAPI schema."""
from django.urls import include, re_path
from rest_framework.renderers import JSONOpenAPIRenderer
from rest_framework.schemas import get_schema_view

from cert_xblock.web.rest import views

PREFIX = r"^api/cert_xblock/v1/"
COURSE_ID = r"(?P<course_id>[^/]+)"
BLOCK = rf"courses/{COURSE_ID}/blocks/(?P<block_id>[^/]+)"


def _STAFF(operations: dict[str, str]):
    """The staff view for these operations, answering (and listed in the schema for) only their methods.

    A class of its own per URL: DRF's schema generator reads a view's methods from its class, not its initkwargs.
    """
    name = "".join(part.title() for part in next(iter(operations.values())).split("_"))
    view = type(f"Staff{name}View", (views.StaffOperationView,), {
        "operations": operations, "http_method_names": [*(method.lower() for method in operations), "options"],
        "__doc__": views.StaffOperationView.__doc__})
    return view.as_view()


api_patterns = [
    re_path(r"^me/certificates/?$", views.MyCertificatesView.as_view(), name="api-my-certificates"),
    re_path(r"^me/certificates/(?P<verify_id>[0-9a-f]{32})/download/?$", views.MyCertificateDownloadView.as_view(),
            name="api-my-certificate-download"),
    re_path(rf"^courses/{COURSE_ID}/certificates/?$", views.CourseCertificatesView.as_view(),
            name="api-course-certificates"),
    re_path(rf"^courses/{COURSE_ID}/learners/(?P<username>[^/]+)/?$", views.LearnerStatusView.as_view(),
            name="api-learner-status"),
    # course-team operations on one certificate block (cert_xblock.staff), as the block's staff handler runs them
    re_path(rf"^{BLOCK}/summary/?$", _STAFF(operations={"GET": "summary"}), name="api-staff-summary"),
    re_path(rf"^{BLOCK}/learners/?$", _STAFF(operations={"GET": "learners"}), name="api-staff-learners"),
    re_path(rf"^{BLOCK}/history/?$", _STAFF(operations={"GET": "history"}), name="api-staff-history"),
    re_path(rf"^{BLOCK}/allowlist/?$", _STAFF(operations={"GET": "allowlist", "POST": "allowlist_add"}),
            name="api-staff-allowlist"),
    re_path(rf"^{BLOCK}/allowlist/remove/?$", _STAFF(operations={"POST": "allowlist_remove"}),
            name="api-staff-allowlist-remove"),
    re_path(rf"^{BLOCK}/allowlist/csv/?$", _STAFF(operations={"POST": "allowlist_csv"}),
            name="api-staff-allowlist-csv"),
    re_path(rf"^{BLOCK}/revoke/?$", _STAFF(operations={"POST": "revoke"}), name="api-staff-revoke"),
    re_path(rf"^{BLOCK}/restore/?$", _STAFF(operations={"POST": "restore"}), name="api-staff-restore"),
    re_path(rf"^{BLOCK}/regenerate/?$", _STAFF(operations={"POST": "regenerate"}), name="api-staff-regenerate"),
    re_path(rf"^{BLOCK}/regenerate-all/?$", _STAFF(operations={"POST": "regenerate_all"}),
            name="api-staff-regenerate-all"),
    re_path(rf"^{BLOCK}/issue/?$", _STAFF(operations={"POST": "issue"}), name="api-staff-issue"),
    re_path(rf"^{BLOCK}/issue-now/?$", _STAFF(operations={"GET": "progress", "POST": "issue_now"}),
            name="api-staff-issue-now"),
    # (an unescaped dot, so the schema reads report.{kind})
    re_path(rf"^{BLOCK}/report.(?P<kind>csv|zip)$", views.StaffReportView.as_view(), name="api-staff-report"),
]

schema_view = get_schema_view(
    title="cert_xblock certificates API",
    version="v1",
    description="Certificates issued by the Certificate XBlock: a learner's own, one learner's standing in a "
                "course (the learner or course staff), and all certificates of a course (course staff); and the "
                "course team's operations on one certificate block: counts, learners, history, allowlist (one "
                "learner or a CSV), revoke and restore, regenerate, issue one learner, issue now and its progress, "
                "reports.",
    patterns=[re_path(PREFIX, include(api_patterns))],
    renderer_classes=[JSONOpenAPIRenderer],
    public=True,  # the whole API for everyone, whatever the caller may call
)

urlpatterns = [
    *api_patterns,
    re_path(r"^schema/?$", schema_view, name="api-schema"),
]
