"""Anyone nominates someone for an award in a public form; the consultant is told."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from frivillig.models import AwardCategory, Municipality, Nomination
from frivillig.views import NOMINATION_LIMIT_PER_HOUR

URL = reverse("award_nominate")


@pytest.fixture
def ildsjael(faaborg):
    return AwardCategory.objects.get(slug="aarets-ildsjael")


def valid(award, **overrides):
    return {
        "category": award.pk,
        "nominee_name": "Grethe Frivillig",
        "nominee_association": "Besøgsvennerne",
        "reason": "Grethe har besøgt ensomme ældre hver uge i ti år.",
        "nominator_name": "Bo Borger",
        "nominator_email": "Bo@Example.org",
        "homepage": "",
        **overrides,
    }


def test_the_form_offers_every_open_award_and_a_hidden_honeypot(client, ildsjael):
    AwardCategory.objects.filter(slug="aarets-ungepris").update(is_open=False)
    html = client.get(URL).content.decode()
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert "Årets Ildsjæl" in html
    assert "Årets Forening" in html
    assert "Årets Ungepris" not in html
    assert 'name="homepage"' in html
    assert 'aria-hidden="true"' in html


def test_a_nomination_is_saved_for_this_year_and_the_nominator_sees_a_confirmation(
    client, ildsjael, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, valid(ildsjael))
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert (nomination.category, nomination.year, nomination.status, nomination.is_winner) == (
        ildsjael,
        timezone.localdate().year,
        Nomination.Status.PENDING,
        False,
    )
    assert nomination.nominator_email == "bo@example.org"
    confirmation = client.get(response.url).content.decode()
    assert "Årets Ildsjæl" in confirmation
    assert reverse("awards") in confirmation


def test_the_nominator_gets_a_receipt_and_the_consultant_a_notice(
    client, ildsjael, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, valid(ildsjael))
    receipt, notice = mail.outbox
    assert receipt.to == ["bo@example.org"]
    assert "Årets Ildsjæl" in receipt.body
    assert "Grethe" not in receipt.body
    assert reverse("awards") in receipt.body
    assert notice.to == ["sundhed@fmk.dk"]
    assert notice.reply_to == ["bo@example.org"]
    assert "Grethe har besøgt ensomme ældre" in notice.body
    nomination = Nomination.objects.get()
    assert reverse("admin:frivillig_nomination_change", args=[nomination.pk]) in notice.body


def test_the_notice_goes_to_the_consultants_when_the_municipality_has_no_address(
    client, ildsjael, consultant, django_capture_on_commit_callbacks
):
    Municipality.objects.update(email="")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, valid(ildsjael))
    assert mail.outbox[1].to == [consultant.email]


@pytest.mark.parametrize(
    "field",
    ["category", "nominee_name", "reason", "nominator_name", "nominator_email"],
)
def test_each_required_field_has_its_own_message_and_nothing_is_saved(client, ildsjael, field):
    response = client.post(URL, valid(ildsjael, **{field: ""}))
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [field]
    html = response.content.decode()
    assert "error-summary" in html
    assert f'href="#{form[field].id_for_label}"' in html
    assert not Nomination.objects.exists()
    assert not mail.outbox


def test_an_invalid_email_address_is_explained(client, ildsjael):
    response = client.post(URL, valid(ildsjael, nominator_email="bo@"))
    assert list(response.context["form"].errors) == ["nominator_email"]


def test_a_closed_award_cannot_be_chosen(client, ildsjael):
    AwardCategory.objects.filter(pk=ildsjael.pk).update(is_open=False)
    response = client.post(URL, valid(ildsjael))
    assert list(response.context["form"].errors) == ["category"]
    assert not Nomination.objects.exists()


def test_a_bot_filling_the_honeypot_is_thanked_and_ignored(
    client, ildsjael, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, valid(ildsjael, homepage="https://spam.example"))
    assert response.status_code == 302
    assert not Nomination.objects.exists()
    assert not mail.outbox


def test_many_nominations_from_one_address_are_slowed_down(client, ildsjael):
    for number in range(NOMINATION_LIMIT_PER_HOUR):
        assert client.post(URL, valid(ildsjael, nominee_name=f"N{number}")).status_code == 302
    response = client.post(URL, valid(ildsjael, nominee_name="En for meget"))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Nomination.objects.count() == NOMINATION_LIMIT_PER_HOUR


def test_without_awards_the_form_explains_that_nominations_are_closed(client, toender):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "empty-state" in html
    assert '<form method="post"' not in html
    client.post(URL, {"nominee_name": "X", "reason": "Y"})
    assert not Nomination.objects.exists()
