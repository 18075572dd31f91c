"""The MitID pages are valid HTML: the test IdP's, the refusal, and the CVR binding's."""

import re
from html import unescape

from django.urls import reverse

from foreninger.models import JoinRequest
from tests import factories
from tests.htmlcheck import check, html_errors


def _errors(name, response):
    return [f"{name}: {message['message']}" for message in check(response.content)]


def test_the_mitid_pages_are_valid_html(client, alice):
    association = factories.association(name="Sammen", cvr="12345674", members=[alice])
    JoinRequest.objects.create(association=association, user=factories.user())
    errors = []
    for person in ("lav", "ny"):
        picker = client.get(client.get(reverse("saml2_login")).url)
        fields = {
            name: unescape(value)
            for name, value in re.findall(r'name="(\w+)" value="([^"]*)"', picker.text)
        }
        answer = client.post(reverse("test_idp_sso"), {**fields, "person": person})
        saml = dict(re.findall(r'name="(SAMLResponse|RelayState)" value="([^"]*)"', answer.text))
        consumer = client.post(reverse("saml2_acs"), saml)
        if person == "lav":
            errors += _errors("test IdP", picker) + _errors("test IdP answer", answer)
            errors += _errors("refusal", consumer)
    errors += html_errors(
        client, [reverse("foreninger:mitid_organisation"), reverse("foreninger:mitid_register")]
    )
    client.force_login(alice)
    errors += html_errors(client, [reverse("foreninger:join_requests", args=[association.pk])])
    assert errors == []
