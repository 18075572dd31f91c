"""The pysaml2 configurations: the portal as service provider (djangosaml2's
SAML_CONFIG_LOADER) and, in development, the local test identity provider.

With SAML_IDP_METADATA set, the service provider trusts only the identity provider in that
metadata (NemLog-in's file or URL) and uses the key and certificates the environment names.
Without it, the local test identity provider (frivillig.identity.local_idp) stands in, both
sides use keys made on first run, and the addresses follow the request, so that any port works.
"""

import functools
import shutil

import saml2
from django.conf import settings
from django.urls import reverse
from saml2.config import IdPConfig, SPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import NAMEID_FORMAT_PERSISTENT
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from frivillig.identity import keys, oiosaml

LOCAL_IDP_PATH = "test-idp/metadata/"


def _xmlsec():
    return shutil.which("xmlsec1")


def _sp_key_pairs():
    """(key, certificate) paths: the one that signs first, then one more during a rollover."""
    if settings.SAML_SP_KEY_FILE:
        pairs = [(settings.SAML_SP_KEY_FILE, settings.SAML_SP_CERT_FILE)]
        if settings.SAML_SP_NEXT_KEY_FILE:
            pairs.append((settings.SAML_SP_NEXT_KEY_FILE, settings.SAML_SP_NEXT_CERT_FILE))
        return [(str(key), str(cert)) for key, cert in pairs]
    key, cert = keys.key_pair(settings.SAML_KEY_DIR, "sp", "Frivilligportalen (udvikling)")
    return [(str(key), str(cert))]


def _idp_metadata(base):
    if not settings.LOCAL_TEST_IDP:
        source = settings.SAML_IDP_METADATA
        if source.startswith(("https://", "http://")):
            return {"remote": [{"url": source}]}
        return {"local": [source]}
    return {"inline": [local_idp_metadata(base)]}


def _sp_dict(base):
    pairs = _sp_key_pairs()
    entity_id = (
        f"{base}{reverse('saml2_metadata')}"
        if settings.LOCAL_TEST_IDP
        else settings.SAML_SP_ENTITY_ID
    )
    return {
        "entityid": entity_id,
        "xmlsec_binary": _xmlsec(),
        "service": {
            "sp": {
                "name": "Frivilligportalen",
                "endpoints": {
                    "assertion_consumer_service": [
                        (f"{base}{reverse('saml2_acs')}", saml2.BINDING_HTTP_POST)
                    ],
                    "single_logout_service": [
                        (f"{base}{reverse('saml2_ls')}", saml2.BINDING_HTTP_REDIRECT),
                        (f"{base}{reverse('saml2_ls_post')}", saml2.BINDING_HTTP_POST),
                    ],
                },
                "name_id_format": NAMEID_FORMAT_PERSISTENT,
                # OIOSAML 3: the requests are signed, and every assertion must be signed.
                "authn_requests_signed": True,
                "logout_requests_signed": True,
                "logout_responses_signed": True,
                "want_assertions_signed": True,
                "want_response_signed": False,
                "allow_unsolicited": False,
                "signing_algorithm": SIG_RSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
                "requested_authn_context": {
                    "authn_context_class_ref": [oiosaml.REQUIRED_ASSURANCE_CLASS],
                    "comparison": "minimum",
                },
            }
        },
        "key_file": pairs[0][0],
        "cert_file": pairs[0][1],
        "additional_cert_files": [cert for _key, cert in pairs[1:]] or None,
        "encryption_keypairs": [{"key_file": key, "cert_file": cert} for key, cert in pairs],
        "allow_unknown_attributes": True,
        "metadata": _idp_metadata(base),
    }


def base_url(request):
    """Where this portal answers: the request's own address with the local test identity
    provider, SITE_URL (what NemLog-in has registered) otherwise."""
    if settings.LOCAL_TEST_IDP and request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return settings.SITE_URL


@functools.cache
def _sp_config(base):
    config = SPConfig()
    config.load(_sp_dict(base))
    return config


def sp_config(request=None):
    """SAML_CONFIG_LOADER: loaded once per address (remote metadata is fetched then)."""
    return _sp_config(base_url(request))


def _sp_metadata(base):
    """The service provider's metadata without its own copy of the identity provider's."""
    config = SPConfig()
    config.load({**_sp_dict(base), "metadata": {}})
    return str(entity_descriptor(config))


def _idp_dict(base, *, with_sp):
    key, cert = keys.key_pair(settings.SAML_KEY_DIR, "test-idp", "Lokal test-IdP")
    prefix = f"{base}/test-idp/"
    return {
        "entityid": f"{base}/{LOCAL_IDP_PATH}",
        "xmlsec_binary": _xmlsec(),
        "service": {
            "idp": {
                "name": "Lokal test-IdP",
                "endpoints": {
                    "single_sign_on_service": [
                        (f"{prefix}sso/", saml2.BINDING_HTTP_REDIRECT),
                    ],
                    "single_logout_service": [
                        (f"{prefix}slo/", saml2.BINDING_HTTP_REDIRECT),
                    ],
                },
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                "want_authn_requests_signed": True,
                "sign_assertion": True,
                "sign_response": False,
                "signing_algorithm": SIG_RSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
                "policy": {"default": {"lifetime": {"minutes": 5}, "entity_categories": []}},
            }
        },
        "key_file": str(key),
        "cert_file": str(cert),
        "metadata": {"inline": [_sp_metadata(base)]} if with_sp else {},
    }


@functools.cache
def local_idp_metadata(base):
    config = IdPConfig()
    config.load(_idp_dict(base, with_sp=False))
    return str(entity_descriptor(config))


@functools.cache
def local_idp_config(base):
    config = IdPConfig()
    config.load(_idp_dict(base, with_sp=True))
    return config
