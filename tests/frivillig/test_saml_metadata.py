"""The service provider's metadata from configuration: NemLog-in's metadata file, the key and
certificate paths from the environment, and two certificates during a rollover."""

from django.test import RequestFactory

from frivillig.identity import config, keys
from frivillig.identity.views import Metadata


def test_during_a_rollover_the_metadata_publishes_both_certificates(settings, tmp_path):
    old_key, old_cert = keys.key_pair(tmp_path, "old", "Gammelt")
    new_key, new_cert = keys.key_pair(tmp_path, "new", "Nyt")
    nemlog_in = tmp_path / "nemlog-in.xml"
    nemlog_in.write_text(config.local_idp_metadata("https://idp.example.dk"))
    settings.LOCAL_TEST_IDP = False
    settings.SAML_IDP_METADATA = str(nemlog_in)
    settings.SAML_SP_ENTITY_ID = "https://frivillig.example.dk/saml2/metadata/"
    settings.SITE_URL = "https://frivillig.example.dk"
    settings.SAML_SP_KEY_FILE, settings.SAML_SP_CERT_FILE = old_key, old_cert
    settings.SAML_SP_NEXT_KEY_FILE, settings.SAML_SP_NEXT_CERT_FILE = new_key, new_cert
    config._sp_config.cache_clear()
    try:
        request = RequestFactory().get("/saml2/metadata/")
        xml = Metadata.as_view()(request).content.decode()
    finally:
        config._sp_config.cache_clear()
    assert 'entityID="https://frivillig.example.dk/saml2/metadata/"' in xml
    assert 'Location="https://frivillig.example.dk/saml2/acs/"' in xml
    assert 'AuthnRequestsSigned="true"' in xml
    assert 'WantAssertionsSigned="true"' in xml
    certificates = ["".join(path.read_text().splitlines()[1:-1]) for path in (old_cert, new_cert)]
    assert [xml.count(certificate) for certificate in certificates] == [2, 2]
