"""URLs of the plugin app, mounted by the LMS under the ``cert_xblock`` namespace (see ``apps.plugin_app``)."""
from django.urls import include, re_path

from cert_xblock.credentials import urls as credential_urls
from cert_xblock.web import verify_views
from cert_xblock.web.rest import urls as rest_urls

app_name = "cert_xblock"

urlpatterns = [
    re_path(r"^certificates/verify/?$", verify_views.verify_lookup, name="verify_lookup"),
    re_path(r"^certificates/verify/(?P<verify_id>[^/]+?)\.json$", verify_views.verify_json, name="verify_json"),
    re_path(r"^certificates/verify/(?P<verify_id>[^/]+?)\.png$", verify_views.verify_image, name="verify_image"),
    re_path(r"^certificates/verify/(?P<verify_id>[^/]+?)/?$", verify_views.verify_page, name="verify"),
    re_path(r"^", include(credential_urls.urlpatterns)),  # the signed credential, its status list, did.json
    re_path(rest_urls.PREFIX, include(rest_urls.urlpatterns)),
]
