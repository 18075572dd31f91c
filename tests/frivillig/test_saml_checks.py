"""The local test identity provider is refused in production; a NemLog-in setup passes."""

from tests.frivillig.test_settings import PRODUCTION_ENV, manage


def test_production_refuses_the_local_test_identity_provider():
    result = manage("check", env={**PRODUCTION_ENV, "MITID_LOGIN": "true"})
    assert result.returncode == 1
    assert "identity.E001" in result.stderr


def test_production_accepts_nemlog_in_with_its_metadata_key_and_privilege(tmp_path):
    env = {
        **PRODUCTION_ENV,
        "MITID_LOGIN": "true",
        "SAML_IDP_METADATA": str(tmp_path / "nemlog-in.xml"),
        "SAML_SP_KEY_FILE": str(tmp_path / "sp.key"),
        "SAML_SP_CERT_FILE": str(tmp_path / "sp.crt"),
        "SAML_SP_ENTITY_ID": "https://frivillig.example.dk/saml2/metadata/",
        "MITID_PRIVILEGE": "urn:dk:kommune:frivilligportalen:forening",
    }
    result = manage("check", env=env)
    assert result.returncode == 0, result.stderr
