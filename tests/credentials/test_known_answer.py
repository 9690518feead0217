"""Our eddsa-rdfc-2022 signer against the specification's own test vector (W3C VC Data Integrity EdDSA
Cryptosuites v1.0, appendix A.1 "Representation: eddsa-rdfc-2022"): its example key and credential must give exactly
its proof value, since Ed25519 signatures are deterministic. Any drift in canonicalization, hashing order, the
bundled VC 2.0 context or the multibase encoding changes the value."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from cert_xblock.credentials import canonical, proof
from cert_xblock.credentials.keys import KeyProblem, parse_signing_key, public_multikey

SECRET = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
PUBLIC = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"
# The examples context is the specification's, not ours: given to this test's loader only.
EXAMPLES = {EXAMPLES_V2: {"@context": {"@vocab": "https://www.w3.org/ns/credentials/examples#"}}}
UNSIGNED = {
    "@context": ["https://www.w3.org/ns/credentials/v2", EXAMPLES_V2],
    "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
    "type": ["VerifiableCredential", "AlumniCredential"],
    "name": "Alumni Credential",
    "description": "A minimum viable example of an Alumni Credential.",
    "issuer": "https://vc.example/issuers/5678",
    "validFrom": "2023-01-01T00:00:00Z",
    "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"},
}
EXPECTED_PROOF = {
    "type": "DataIntegrityProof",
    "cryptosuite": "eddsa-rdfc-2022",
    "created": "2023-02-24T23:36:38Z",
    "verificationMethod": f"https://vc.example/issuers/5678#{PUBLIC}",
    "proofPurpose": "assertionMethod",
    "proofValue": "z21EVs3eXERqTn4acNHT9viboqgzUaQ3kTmhPT3eA8qrVPE7CrQq78WkzctnMX5W4CrzcKnHw8V6dvy5pgWYCU5e9",
}


def test_the_specification_key_reads_as_its_public_key():
    assert public_multikey(parse_signing_key(SECRET).public_key()) == PUBLIC


def test_our_signer_gives_the_specification_proof_value_for_its_example():
    signed = proof.sign(UNSIGNED, parse_signing_key(SECRET), f"https://vc.example/issuers/5678#{PUBLIC}",
                        created=datetime(2023, 2, 24, 23, 36, 38, tzinfo=UTC),
                        loader=canonical.offline_loader(EXAMPLES))
    assert signed["proof"] == EXPECTED_PROOF
    assert {key: value for key, value in signed.items() if key != "proof"} == UNSIGNED


def test_a_context_that_is_not_bundled_is_refused_not_fetched():
    with pytest.raises(canonical.UnknownContext, match="examples/v2"):
        proof.sign(UNSIGNED, Ed25519PrivateKey.generate(), "did:web:example.org#key")


@pytest.mark.parametrize("text", ["", "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", "not a key",
                                  "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"])
def test_a_missing_or_malformed_key_is_refused_with_a_reason(text):
    with pytest.raises(KeyProblem, match="CERT_XBLOCK_CREDENTIAL_KEY"):
        parse_signing_key(text)
