"""Demo URLs: cert_xblock's plugin URLs beside the workbench's, and the stand-ins of the platform pages the block
links to (sign-in, upgrade, courseware) with the demo's mailbox (``cert_xblock.deploy.demo.pages``).

The workbench serves static files only with DEBUG on; the demo runs with DEBUG off unless a developer asks
(``CERT_XBLOCK_DEBUG=1``, settings), so it serves them itself, as ``runserver --insecure`` would.
"""
from django.conf import settings
from django.contrib.staticfiles.views import serve
from django.urls import include, path, re_path
from workbench.urls import urlpatterns as workbench_urlpatterns

from cert_xblock.deploy.demo import pages

urlpatterns = [path("", include(("cert_xblock.web.urls", "cert_xblock"), namespace="cert_xblock")),
               path("twin/login/", pages.sign_in, name="demo_sign_in"),
               re_path(r"^twin/upgrade/(?P<course_key>[^/]+)/$", pages.upgrade, name="demo_upgrade"),
               re_path(r"^twin/courseware/(?P<usage_id>[^/]+)/$", pages.courseware, name="demo_courseware"),
               path("twin/mail/", pages.mailbox, name="demo_mail"),
               *workbench_urlpatterns]
if not settings.DEBUG:
    urlpatterns.append(re_path(r"^static/(?P<path>.*)$", serve, {"insecure": True}))
