"""Each page a visitor reaches from a public page or an e-mail link and must log in for says
why on the login page, and leads back after the login."""

import uuid

import pytest
from django.urls import reverse

WALLS = {
    reverse("folgegruppe:nominate", args=[1]): "Log ind for at indstille en kandidat.",
    reverse("folgegruppe:vote", args=[1]): "Log ind for at stemme for jeres forening.",
    reverse("folgegruppe:propose", args=[1]): "Log ind for at foreslå et punkt til mødet.",
    reverse("foreninger:register"): "Log ind for at registrere jeres forening.",
    reverse("foreninger:invitation_accept", args=[uuid.UUID(int=1)]): (
        "Log ind for at tage imod invitationen."
    ),
    reverse("folgegruppe:event_signup", args=["nytaarskur"]): (
        "Log ind for at tilmelde jeres forening."
    ),
}


@pytest.mark.parametrize(("url", "reason"), WALLS.items())
def test_the_login_page_says_why_and_leads_back(client, faaborg, url, reason):
    response = client.get(url, follow=True)
    assert response.redirect_chain[0][0] == f"{reverse('login')}?next={url}"
    assert [str(message) for message in response.context["messages"]] == [reason]
