"""The credential's URLs, included at the LMS root by ``web.urls`` (did:web wants ``/.well-known/did.json``)."""
from django.urls import re_path

from cert_xblock.credentials import views

VERIFY_ID = r"(?P<verify_id>[0-9a-f]{32})"

urlpatterns = [
    re_path(r"^\.well-known/did\.json$", views.did_json, name="did-document"),
    re_path(r"^certificates/credentials/status/(?P<number>[0-9]{1,6})\.json$", views.status_list,
            name="credential-status-list"),
    re_path(rf"^certificates/credentials/{VERIFY_ID}\.json$", views.credential, name="credential"),
    re_path(rf"^certificates/credentials/{VERIFY_ID}/exchange$", views.exchange, name="credential-exchange"),
    re_path(rf"^certificates/credentials/{VERIFY_ID}/wallet-qr\.png$", views.wallet_qr, name="credential-wallet-qr"),
    re_path(rf"^api/cert_xblock/v1/me/certificates/{VERIFY_ID}/credential/?$", views.MyCredentialView.as_view(),
            name="api-my-certificate-credential"),
]
