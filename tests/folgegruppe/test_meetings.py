"""Meetings: the year rule, agenda before and minutes after, proposals, attachments."""

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from folgegruppe import services
from folgegruppe.models import AgendaProposal, Meeting, MeetingAttachment, MeetingPartner
from folgegruppe.selectors import meeting_year_check
from tests import factories

CPH = ZoneInfo("Europe/Copenhagen")
PDF = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
YEAR = timezone.localdate().year


@pytest.fixture
def partners(faaborg):
    return list(MeetingPartner.objects.order_by("order"))


def _at(month, day=15, year=YEAR):
    return datetime(year, month, day, 16, 0, tzinfo=CPH)


def _plan(partners, *, count=4, with_partners=True):
    meetings = [factories.meeting(starts_at=_at(month)) for month in (3, 6, 9, 11)[:count]]
    if with_partners:
        for meeting, partner in zip(meetings, partners, strict=False):
            meeting.partners.add(partner)
    return meetings


def test_four_meetings_with_each_partner_hold_the_rule(partners):
    _plan(partners)
    assert meeting_year_check(YEAR) == []


def test_too_few_meetings_break_the_rule(partners):
    _plan(partners, count=3)
    problems = meeting_year_check(YEAR)
    assert len(problems) == 1
    assert "3" in problems[0] and "4" in problems[0]


def test_a_missing_partner_meeting_breaks_the_rule(partners):
    _plan(partners, with_partners=False)
    problems = meeting_year_check(YEAR)
    assert len(problems) == 2
    assert {partner.name for partner in partners} == {
        partner.name for partner in partners if any(partner.name in p for p in problems)
    }


def test_a_cancelled_meeting_does_not_count(partners):
    meetings = _plan(partners)
    Meeting.objects.filter(pk=meetings[0].pk).update(cancelled=True)
    assert len(meeting_year_check(YEAR)) == 2  # one meeting and one partner short


def test_meetings_in_other_years_do_not_count(partners):
    for meeting in _plan(partners):
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=meeting.starts_at.replace(year=YEAR - 1)
        )
    assert len(meeting_year_check(YEAR)) == 3
    assert meeting_year_check(YEAR - 1) == []


def test_without_rules_in_the_data_file_nothing_is_flagged(toender):
    MeetingPartner.objects.all().delete()
    assert meeting_year_check(YEAR) == []


def test_the_year_view_lists_the_meetings_and_the_problems(client, partners):
    _plan(partners, count=3)
    response = client.get(reverse("folgegruppe:meetings"))
    assert response.status_code == 200
    assert len(response.context["meetings"]) == 3
    assert response.context["problems"] == meeting_year_check(YEAR)
    assert client.get(reverse("folgegruppe:meetings_year", args=[YEAR - 5])).status_code == 404


def test_the_admin_warns_when_the_planned_year_breaks_the_rule(client, consultant, partners):
    _plan(partners, count=2)
    client.force_login(consultant)
    response = client.get(reverse("admin:folgegruppe_meeting_changelist"))
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert warnings == meeting_year_check(YEAR)


def test_a_new_meeting_in_the_admin_starts_with_the_standing_participants(
    client, consultant, faaborg
):
    client.force_login(consultant)
    response = client.get(reverse("admin:folgegruppe_meeting_add"))
    initial = response.context["adminform"].form.initial["participants"]
    assert "Lederen af Det Mobile Sundhedscenter" in initial


def test_the_agenda_shows_once_published_and_the_minutes_after_the_meeting(client, faaborg):
    meeting = factories.meeting(agenda="- Velkomst\n- Nytårskuren", minutes="Vi talte om kuren.")
    url = meeting.get_absolute_url()
    assert "Nytårskuren" not in client.get(url).content.decode()
    services.meeting_publish_agenda(meeting=meeting)
    assert "Nytårskuren" in client.get(url).content.decode()
    with pytest.raises(services.MeetingError, match="Referatet kan offentliggøres efter mødet"):
        services.meeting_publish_minutes(meeting=meeting)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(days=1))
    services.meeting_publish_minutes(meeting=meeting)
    assert "Vi talte om kuren." in client.get(url).content.decode()


def test_an_empty_agenda_cannot_be_published(faaborg):
    with pytest.raises(services.MeetingError, match="Skriv dagsordenen, før du offentliggør den"):
        services.meeting_publish_agenda(meeting=factories.meeting())


def test_an_attachment_is_public_only_once_its_part_is(client, consultant, faaborg):
    meeting = factories.meeting(agenda="- Punkt")
    attachment = MeetingAttachment.objects.create(
        meeting=meeting,
        title="Bilag 1",
        file=SimpleUploadedFile("bilag.pdf", PDF, content_type="application/pdf"),
    )
    url = reverse("folgegruppe:attachment", args=[meeting.pk, attachment.pk])
    assert client.get(url).status_code == 404
    assert attachment.title not in client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(consultant)
    assert client.get(url).status_code == 200
    client.logout()
    services.meeting_publish_agenda(meeting=meeting)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    other = factories.meeting()
    assert (
        client.get(reverse("folgegruppe:attachment", args=[other.pk, attachment.pk])).status_code
        == 404
    )


def test_only_documents_are_accepted_as_attachments(faaborg):
    attachment = MeetingAttachment(
        meeting=factories.meeting(),
        title="Et billede",
        file=SimpleUploadedFile("x.pdf", io.BytesIO(b"GIF89a").read()),
    )
    with pytest.raises(Exception, match="PDF"):
        attachment.full_clean()


@pytest.fixture
def open_meeting(faaborg):
    return factories.meeting(proposal_deadline=timezone.now() + timedelta(days=3))


def test_a_member_proposes_an_item_and_the_consultant_is_told(
    client, open_meeting, alice, django_capture_on_commit_callbacks
):
    club = factories.association(members=[alice])
    client.force_login(alice)
    url = reverse("folgegruppe:propose", args=[open_meeting.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"association": club.pk, "title": "Kørsel", "description": "Hvem kører?"}
        )
    assert response.status_code == 302
    proposal = AgendaProposal.objects.get()
    assert (proposal.association, proposal.proposed_by) == (club, alice)
    assert proposal.status == AgendaProposal.Status.PENDING
    assert mail.outbox[-1].to == ["sundhed@fmk.dk"]


def test_no_proposals_after_the_deadline(client, faaborg, alice):
    club = factories.association(members=[alice])
    meeting = factories.meeting(proposal_deadline=timezone.now() + timedelta(seconds=1))
    Meeting.objects.filter(pk=meeting.pk).update(
        proposal_deadline=timezone.now() - timedelta(seconds=1)
    )
    client.force_login(alice)
    response = client.post(
        reverse("folgegruppe:propose", args=[meeting.pk]),
        {"association": club.pk, "title": "For sent", "description": "…"},
    )
    assert response.status_code == 302
    assert not AgendaProposal.objects.exists()


def test_people_without_an_approved_association_cannot_propose(client, open_meeting, alice):
    factories.association(members=[alice], status="pending")
    url = reverse("folgegruppe:propose", args=[open_meeting.pk])
    assert client.get(url).status_code == 302  # anonymous: log in first
    client.force_login(alice)
    assert client.get(url).status_code == 403


def test_the_consultant_accepts_and_declines_with_a_reason(
    client, consultant, open_meeting, django_capture_on_commit_callbacks
):
    club = factories.association()
    accepted, declined = (
        AgendaProposal.objects.create(
            meeting=open_meeting, association=club, title=title, description="…"
        )
        for title in ("Ja", "Nej")
    )
    client.force_login(consultant)
    changelist = reverse("admin:folgegruppe_agendaproposal_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(changelist, {"action": "accept_selected", "_selected_action": [accepted.pk]})
    assert mail.outbox[-1].to == [club.email]
    form = client.post(
        changelist, {"action": "decline_selected", "_selected_action": [declined.pk]}
    )
    assert form.status_code == 200  # asks for the reason first
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            changelist,
            {
                "action": "decline_selected",
                "_selected_action": [declined.pk],
                "confirm": "1",
                "reason": "Det hører til et andet udvalg.",
            },
        )
    accepted.refresh_from_db()
    declined.refresh_from_db()
    assert accepted.status == AgendaProposal.Status.ACCEPTED
    assert declined.status == AgendaProposal.Status.DECLINED
    assert "Det hører til et andet udvalg." in mail.outbox[-1].body


def test_declining_needs_a_reason(open_meeting):
    proposal = AgendaProposal.objects.create(
        meeting=open_meeting, association=factories.association(), title="X", description="…"
    )
    with pytest.raises(services.MeetingError, match="Giv foreningen en begrundelse for afslaget"):
        services.agenda_proposal_decide(proposal=proposal, accept=False, reason=" ")


def test_accepted_items_show_with_the_published_agenda(client, open_meeting):
    club = factories.association(name="Sprogcaféen")
    proposal = AgendaProposal.objects.create(
        meeting=open_meeting, association=club, title="Tolkning", description="…"
    )
    services.agenda_proposal_decide(proposal=proposal, accept=True)
    open_meeting.agenda = "- Velkomst"
    open_meeting.save()
    services.meeting_publish_agenda(meeting=open_meeting)
    page = client.get(open_meeting.get_absolute_url()).content.decode()
    assert "Tolkning" in page and "Sprogcaféen" in page
