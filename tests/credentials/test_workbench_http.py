"""Getting the credential as a learner and a visitor do, over real HTTP to the demo workbench (which makes its
signing key in its var folder): "Download credential (JSON)" beside the PDF, the verify page's link, and the file
behind both verifying with openvc-core against the key the workbench's did.json lists; "Add to Learner Credential
Wallet" and the exchange it opens."""
from __future__ import annotations

import base64
import io
import re
from urllib.parse import parse_qs, urlsplit

import requests
from openvc.proof.data_integrity import DataIntegrityProofSuite
from PIL import Image
from pyzbar.pyzbar import decode

from cert_xblock.credentials.canonical import OB_V3, bundled_contexts
from cert_xblock.credentials.multibase import ED25519_PUBLIC_PREFIX, multikey
from tests.block.helpers import add_learner


def link(html: str, css_class: str) -> tuple[str, str]:
    found = re.search(rf'<a class="{css_class}" href="([^"]+)"[^>]*>([^<]+)</a>', html)
    assert found, f"no {css_class} link"
    return found.group(1).replace("&amp;", "&"), found.group(2)


def without_challenge(deep_link: str) -> dict[str, list[str]]:
    query = parse_qs(urlsplit(deep_link).query)
    assert query.pop("challenge")
    return query


def test_a_learner_downloads_the_credential_beside_the_pdf_and_it_verifies(workbench, learner_session):
    add_learner(workbench, "vera", "Vera Rubin", percent=0.95, letter="A")
    issued = learner_session("vera").post("grade_me").json()["certificate"]
    href, text = link(learner_session("vera").page_html, "cert-xblock__credential")
    assert text == "Download credential (JSON)" and href == issued["credential_url"]
    response = requests.get(href, timeout=30)
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    credential = response.json()
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]

    did = requests.get(workbench.url("/.well-known/did.json"), timeout=30).json()
    (method,) = did["verificationMethod"]
    assert credential["proof"][0]["verificationMethod"] == method["id"]
    raw = multikey(ED25519_PUBLIC_PREFIX, method["publicKeyMultibase"])
    jwk = {"kty": "OKP", "crv": "Ed25519", "x": base64.urlsafe_b64encode(raw).decode().rstrip("=")}
    DataIntegrityProofSuite().verify({**credential, "proof": credential["proof"][0]}, public_key_jwk=jwk,
                                     extra_contexts={OB_V3: bundled_contexts()[OB_V3]})

    page = requests.get(issued["verify_url"], timeout=30).text
    verify_href, verify_text = link(page, "verify__credential")
    assert "verifiable credential" in verify_text
    assert requests.get(verify_href, timeout=30).json()["proof"] == credential["proof"]


def test_a_learner_adds_the_certificate_to_a_wallet_over_http(workbench, learner_session):
    from .test_wallet import Wallet

    add_learner(workbench, "wanda", "Wanda Landowska", percent=0.9, letter="A")
    issued = learner_session("wanda").post("grade_me").json()["certificate"]
    html = learner_session("wanda").page_html
    href, text = link(html, "cert-xblock__wallet")
    assert text == "Add to Learner Credential Wallet"
    # each view signs a fresh challenge (a timestamped signature), so the page and the click agree on all else
    assert without_challenge(href) == without_challenge(issued["wallet_url"])
    qr = re.search(r'<img class="cert-xblock__wallet-qr" src="([^"]+)" alt="([^"]+)"', html)
    assert qr and "scan it with the Learner Credential Wallet" in qr.group(2)
    picture = requests.get(workbench.url(qr.group(1).replace("&amp;", "&")), timeout=30)
    assert picture.headers["Content-Type"] == "image/png"
    (scanned,) = decode(Image.open(io.BytesIO(picture.content)))
    assert scanned.data.decode() == href
    assert requests.get(workbench.url(qr.group(1).split("?")[0] + "?challenge=forged"), timeout=30).status_code == 403
    query = parse_qs(urlsplit(href).query)
    wallet = Wallet()
    response = requests.post(query["vc_request_url"][0], json=wallet.presentation(query["challenge"][0]), timeout=30)
    assert response.status_code == 200, response.text
    credential = response.json()
    assert credential["credentialSubject"]["id"] == wallet.did
    refused = requests.post(query["vc_request_url"][0], json=wallet.presentation("not our challenge"), timeout=30)
    assert refused.status_code == 403 and "challenge" in refused.json()["error"]
