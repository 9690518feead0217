"""Demo URLs: cert_xblock's plugin URLs beside the workbench's."""
from django.urls import include, path
from workbench.urls import urlpatterns as workbench_urlpatterns

urlpatterns = [path("", include(("cert_xblock.web.urls", "cert_xblock"), namespace="cert_xblock")),
               *workbench_urlpatterns]
