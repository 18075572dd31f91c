"""The local test identity provider is refused in production; a NemLog-in setup passes.

(test_settings runs the whole `check --deploy` in a production process, where MITID_LOGIN is
off by default; here the check function itself is asked, which costs no process.)"""

from frivillig.identity.checks import check_mitid


def _ids(settings, **values):
    for name, value in values.items():
        setattr(settings, name, value)
    return [error.id for error in check_mitid()]


def test_production_refuses_the_local_test_identity_provider(settings):
    assert _ids(settings, PRODUCTION=True, MITID_LOGIN=True, LOCAL_TEST_IDP=True) == [
        "identity.E001"
    ]


def test_development_may_use_the_local_test_identity_provider(settings):
    assert _ids(settings, PRODUCTION=False, MITID_LOGIN=True, LOCAL_TEST_IDP=True) == []


def test_nemlog_in_needs_the_key_certificate_entity_id_and_privilege(settings):
    assert _ids(
        settings,
        PRODUCTION=True,
        MITID_LOGIN=True,
        LOCAL_TEST_IDP=False,
        SAML_IDP_METADATA="/etc/frivillig/nemlog-in.xml",
        SAML_SP_KEY_FILE="",
        MITID_PRIVILEGE="",
    ) == ["identity.E004", "identity.E005"]
    assert (
        _ids(
            settings,
            SAML_SP_KEY_FILE="/etc/frivillig/sp.key",
            SAML_SP_CERT_FILE="/etc/frivillig/sp.crt",
            SAML_SP_ENTITY_ID="https://frivillig.example.dk/saml2/metadata/",
            MITID_PRIVILEGE="urn:dk:kommune:frivilligportalen:forening",
        )
        == []
    )


def test_someone_must_be_able_to_log_in(settings):
    assert _ids(settings, MITID_LOGIN=False, PASSWORD_LOGIN=False) == ["identity.E002"]
