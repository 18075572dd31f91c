"""Partshøring (forvaltningsloven § 19): information the association did not give goes to it
with a deadline, and no decision can be sent before it answers or the deadline has passed."""

import datetime

import pytest
from django.core import mail

from puljer import letters, services
from puljer.models import Hearing
from puljer.workflow import ApplicationError
from tests.puljer.conftest import submitted


@pytest.fixture
def heard(club_a, round_18, consultant, django_capture_on_commit_callbacks):
    application = submitted(club_a, round_18, amount_applied=10000)
    with django_capture_on_commit_callbacks(execute=True):
        hearing = services.hearing_send(
            application=application,
            user=consultant,
            information="Foreningen fik 8.000 kr. fra en fond til samme aktivitet.",
            answer_by=datetime.date(2099, 12, 26),  # a Saturday, after Boxing Day
        )
    return hearing


def test_the_deadline_moves_to_the_next_working_day_and_the_association_is_told(heard):
    assert heard.answer_by == datetime.date(2099, 12, 28)
    [message] = mail.outbox
    assert message.subject == "Partshøring om jeres ansøgning T-0001"
    assert "Foreningen fik 8.000 kr. fra en fond til samme aktivitet." in message.body
    assert "senest den 28. december 2099" in message.body
    assert list(heard.application.events.values_list("action", flat=True)) == ["hearing_sent"]


def test_no_decision_before_the_answer_or_the_deadline(heard, consultant):
    with pytest.raises(ApplicationError, match=r"28\. december 2099"):
        services.grant_decide(
            application=heard.application, user=consultant, amount=2000, reason="Fondsmidler."
        )


def test_after_the_answer_the_decision_can_be_sent_and_the_letter_quotes_both(
    heard, alice, consultant
):
    services.hearing_answer(hearing=heard, user=alice, answer="Fondens penge går til mad.")
    services.grant_decide(
        application=heard.application, user=consultant, amount=2000, reason="Fondsmidler."
    )
    text = " ".join(letters.decision_letter_text(heard.application).split())
    assert "Foreningen fik 8.000 kr. fra en fond til samme aktivitet." in text
    assert "og jeres svar indgår i afgørelsen: Fondens penge går til mad." in text
    actions = list(heard.application.events.values_list("action", flat=True))
    assert actions == ["hearing_sent", "hearing_answered", "grant_partly"]


def test_after_the_deadline_the_decision_can_be_sent_without_an_answer(heard, consultant):
    Hearing.objects.filter(pk=heard.pk).update(answer_by=datetime.date(2026, 1, 5))
    services.grant_decide(
        application=heard.application, user=consultant, amount=0, reason="Fondsmidler."
    )
    with pytest.raises(ApplicationError, match=r"5\. januar 2026"):
        services.hearing_answer(hearing=heard, user=consultant, answer="For sent.")


def test_the_association_answers_on_the_applications_page(client, heard, alice, club_a):
    client.force_login(alice)
    url = f"/mine-foreninger/{club_a.pk}/ansoegninger/{heard.application_id}/"
    page = client.get(url)
    assert "Foreningen fik 8.000 kr. fra en fond til samme aktivitet." in page.content.decode()
    response = client.post(f"{url}partshoering/{heard.pk}/", {"answer": "Pengene går til mad."})
    assert response.status_code == 302
    heard.refresh_from_db()
    assert heard.answer == "Pengene går til mad."


def test_the_associations_data_export_holds_its_hearings(heard, alice):
    services.hearing_answer(hearing=heard, user=alice, answer="Fondens penge går til mad.")
    [application] = services.association_grant_data(heard.application.association)["applications"]
    [hearing] = application["hearings"]
    assert hearing["information"] == "Foreningen fik 8.000 kr. fra en fond til samme aktivitet."
    assert hearing["answer_by"] == datetime.date(2099, 12, 28)
    assert hearing["answer"] == "Fondens penge går til mad."


def test_the_workbench_shows_the_hearing_and_the_answer(client, heard, alice, consultant):
    services.hearing_answer(hearing=heard, user=alice, answer="Fondens penge går til mad.")
    client.force_login(consultant)
    page = client.get(f"/admin/puljer/application/{heard.application_id}/change/")
    html = page.content.decode()
    assert "Foreningen fik 8.000 kr. fra en fond til samme aktivitet." in html
    assert "Fondens penge går til mad." in html
