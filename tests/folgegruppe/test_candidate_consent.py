"""Consent proves that the candidate agreed: it comes from the candidate's own account, the one
with the address the link was sent to, never from whoever holds the link."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from folgegruppe import services
from folgegruppe.models import Election, ElectionLog
from folgegruppe.services import ElectionError
from tests import factories

Status = Election.Status


@pytest.fixture
def karen(db):
    """The candidate, with an account of her own at the address she was nominated with."""
    return factories.user(email="karen@example.org", first_name="Karen")


@pytest.fixture
def candidate(faaborg, alice):
    club = factories.association(name="Besøgsvennerne", members=[alice])
    election = factories.election(status=Status.NOMINATING)
    return factories.candidate(
        election,
        consented=False,
        name="Karen Holm",
        email="Karen@Example.org",
        association=club,
        nominated_by_user=alice,
    )


def _url(candidate):
    return reverse("folgegruppe:consent", args=[candidate.token])


@pytest.mark.parametrize("action", ["consent", "withdraw"])
def test_holding_the_link_without_logging_in_does_not_answer(client, candidate, action):
    client.post(_url(candidate), {"action": action})
    candidate.refresh_from_db()
    assert (candidate.consented_at, candidate.withdrawn_at) == (None, None)


@pytest.mark.parametrize("action", ["consent", "withdraw"])
def test_the_nominator_cannot_answer_for_the_candidate(client, candidate, alice, action):
    client.force_login(alice)
    client.post(_url(candidate), {"action": action})
    candidate.refresh_from_db()
    assert (candidate.consented_at, candidate.withdrawn_at) == (None, None)


def test_the_candidate_consents_from_her_own_account(client, candidate, karen):
    client.force_login(karen)
    assert client.get(_url(candidate)).context["can_answer"] is True
    client.post(_url(candidate), {"action": "consent"})
    candidate.refresh_from_db()
    assert candidate.on_ballot
    consented = candidate.election.log.get(action=ElectionLog.Action.CONSENTED)
    assert (consented.user, consented.note) == (karen, "Karen Holm")


def test_the_service_refuses_consent_from_another_account(candidate, alice):
    with translation.override("en"), pytest.raises(ElectionError, match="Only the candidate"):
        services.candidate_consent(candidate=candidate, user=alice)
    candidate.refresh_from_db()
    assert candidate.consented_at is None


def test_the_page_asks_the_visitor_to_log_in_with_the_candidates_address(client, candidate):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(_url(candidate))
    assert response.context["can_answer"] is False
    text = response.content.decode()
    assert (
        "Log in with your own account at the e-mail address this link was sent to, to answer."
    ) in text
    assert "karen@example.org" not in text.lower()
    assert f"{reverse('login')}?next={_url(candidate)}" in text
    assert 'value="consent"' not in text


def test_the_nomination_page_says_the_candidate_confirms_from_their_own_account(
    client, candidate, alice
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(alice)
    response = client.get(reverse("folgegruppe:nominate", args=[candidate.election.pk]))
    assert (
        "The candidate confirms the candidacy personally, logged in with an account of their "
        "own at this address; you cannot confirm it for them."
    ) in response.content.decode()
