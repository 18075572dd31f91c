"""The admin's index opens on what awaits the consultant, each count a link to its list."""

import datetime

from django.urls import reverse
from django.utils import timezone

from foreninger.models import Association
from frivillig.outbox.models import Message
from puljer.assessment import services as assessment
from puljer.assessment.models import Panel
from puljer.models import Status
from tests import factories
from tests.puljer.conftest import open_round, submitted


def _counts(client):
    response = client.get(reverse("admin:index"))
    return {label: (count, url) for label, count, url in response.context["dashboard_counts"]}


def test_the_index_counts_what_awaits_the_consultant_and_links_to_each_list(
    client, faaborg, consultant
):
    factories.association(name="Ny forening", status=Association.Status.PENDING)
    club = factories.association(name="Klub A")
    round_ = open_round()
    submitted(club, round_)
    submitted(club, round_)
    submitted(club, round_, status=Status.REPORTED, amount_granted=5000)
    submitted(
        club,
        round_,
        status=Status.GRANTED,
        amount_granted=5000,
        report_due_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    Message.objects.create(
        subject="Kvittering",
        recipients=["a@example.com"],
        message_id="<1@test>",
        status="failed",
        last_error="550 mailbox unavailable",
        next_attempt_at=timezone.now(),
    )
    client.force_login(consultant)
    counts = _counts(client)
    applications = reverse("admin:puljer_application_changelist")
    assert counts["Foreninger, der venter på godkendelse"] == (
        1,
        reverse("admin:foreninger_association_changelist") + "?status__exact=pending",
    )
    assert counts[f"Nye ansøgninger: §18-puljen – {round_.title}"] == (
        2,
        f"{applications}?round__id__exact={round_.pk}&status__exact=submitted",
    )
    assert counts["Afrapporteringer, der venter på at blive læst"] == (
        1,
        f"{applications}?status__exact=reported",
    )
    assert counts["Afrapporteringer, der er overskredet"] == (
        1,
        f"{applications}?afrapportering=forsinket",
    )
    assert counts["Beskeder, der ikke kunne sendes"][0] == 1
    for _count, url in counts.values():
        assert client.get(url).status_code == 200
    overdue = client.get(f"{applications}?afrapportering=forsinket")
    assert overdue.context["cl"].result_count == 1


def test_the_index_counts_the_assessments_missing_per_panel(client, faaborg, consultant):
    round_ = open_round()
    panel = Panel.objects.create(round=round_, deadline=timezone.localdate())
    for email in ("ida@example.com", "jon@example.com"):
        assessment.panel_member_add(
            panel=panel, user=factories.user(email=email), external=False, by=consultant
        )
    submitted(factories.association(name="Klub A"), round_)
    client.force_login(consultant)
    assert _counts(client)[f"Vurderinger, der mangler: §18-puljen – {round_.title}"] == (
        2,
        reverse("admin:assessment_panel_workbench", args=[panel.pk]),
    )
