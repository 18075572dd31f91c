"""Each dated event and each meeting can be added to a calendar; the feed says how to subscribe."""

from django.urls import reverse
from django.utils import timezone

from tests import factories


def test_an_event_can_be_added_to_a_calendar(client, faaborg):
    event = factories.event(title="Nytårskur", slug="nytaarskur", kind="nytaarskur")
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'href="/arrangementer/nytaarskur/kalender.ics" download' in page
    assert f'href="{reverse("awards")}"' in page
    response = client.get(reverse("event_ics", args=["nytaarskur"]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="nytaarskur.ics"'
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Nytårskur\r\n" in body


def test_an_event_without_a_date_has_no_calendar_file(client, faaborg):
    factories.event(slug="engang", starts_at=None, date_text="Til foråret")
    assert client.get(reverse("event_ics", args=["engang"])).status_code == 404


def test_a_meeting_can_be_added_to_a_calendar_and_links_its_published_agenda(client, faaborg):
    meeting = factories.meeting(agenda="Velkomst", agenda_published_at=timezone.now())
    page = client.get(meeting.get_absolute_url()).content.decode()
    ics_url = reverse("folgegruppe:meeting_ics", args=[meeting.pk])
    assert f'href="{ics_url}" download' in page
    assert f'href="{reverse("folgegruppe:calendar")}"' in page
    response = client.get(ics_url)
    assert response["Content-Disposition"] == f'attachment; filename="moede-{meeting.pk}.ics"'
    assert "DESCRIPTION:Velkomst\r\n" in response.content.decode()
    year = client.get(reverse("folgegruppe:meetings_year", args=[meeting.year]))
    assert f'href="{meeting.get_absolute_url()}#agenda-title"' in year.content.decode()


def test_an_unknown_meeting_has_no_calendar_file(client, faaborg):
    url = reverse("folgegruppe:meeting_ics", args=[999])
    assert client.get(url).status_code == 404
