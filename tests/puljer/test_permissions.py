"""Every puljer URL as anonymous, a member of A, a member of B and the consultant.

The URLs come from the URL conf, so a new URL without an entry here fails the test.
"""

import pytest
from django.urls import reverse

from puljer import urls
from puljer.models import Status
from tests.puljer.conftest import submitted

PUBLIC = {"index", "year", "year_csv"}
# URL name: HTTP method used to probe it.
MEMBER_ONLY = {
    "applications": "get",
    "application_start": "post",
    "application": "get",
    "attachment_add": "post",
    "attachment_delete": "post",
    "withdraw": "post",
    "report": "get",
    "attachment": "get",
}


@pytest.fixture
def setting(club_a, round_18):
    application = submitted(club_a, round_18, status=Status.GRANTED, amount_granted=10000)
    attachment = application.attachments.first()
    args = {
        "index": [],
        "year": [round_18.pool.year],
        "year_csv": [round_18.pool.year],
        "applications": [club_a.pk],
        "application_start": [club_a.pk, round_18.pk],
        "application": [club_a.pk, application.pk],
        "attachment_add": [club_a.pk, application.pk],
        "attachment_delete": [club_a.pk, application.pk, attachment.pk],
        "withdraw": [club_a.pk, application.pk],
        "report": [club_a.pk, application.pk],
        "attachment": [attachment.pk],
    }
    return {name: reverse(f"puljer:{name}", args=value) for name, value in args.items()}


def test_every_url_is_covered():
    names = {pattern.name for pattern in urls.urlpatterns}
    assert names == PUBLIC | set(MEMBER_ONLY)


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_pages_are_open_to_everybody(client, setting, alice, bob, consultant, name):
    for user in (None, alice, bob, consultant):
        if user:
            client.force_login(user)
        assert client.get(setting[name]).status_code == 200


@pytest.mark.parametrize(("name", "method"), sorted(MEMBER_ONLY.items()))
def test_member_pages_are_closed_to_everybody_but_the_members(
    client, setting, alice, bob, consultant, name, method
):
    url = setting[name]
    response = getattr(client, method)(url)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    client.force_login(bob)
    assert getattr(client, method)(url).status_code == 404
    client.force_login(consultant)
    expected = 200 if name == "attachment" else 404
    assert getattr(client, method)(url).status_code == expected
    client.force_login(alice)
    assert getattr(client, method)(url).status_code in (200, 302)
