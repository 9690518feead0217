"""Demo URLs: cert_xblock's plugin URLs beside the workbench's.

The workbench serves static files only with DEBUG on; the demo runs with DEBUG off unless a developer asks
(``CERT_XBLOCK_DEBUG=1``, settings), so it serves them itself, as ``runserver --insecure`` would.
"""
from django.conf import settings
from django.contrib.staticfiles.views import serve
from django.urls import include, path, re_path
from workbench.urls import urlpatterns as workbench_urlpatterns

urlpatterns = [path("", include(("cert_xblock.web.urls", "cert_xblock"), namespace="cert_xblock")),
               *workbench_urlpatterns]
if not settings.DEBUG:
    urlpatterns.append(re_path(r"^static/(?P<path>.*)$", serve, {"insecure": True}))
