"""URLs of the plugin app, mounted by the LMS under the ``cert_xblock`` namespace."""
from django.urls import re_path

from . import verify_views

app_name = "cert_xblock"

urlpatterns = [
    re_path(r"^certificates/verify/(?P<verify_id>[0-9a-f]{32})/?$", verify_views.verify_page, name="verify"),
]
