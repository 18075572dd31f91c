from django.urls import reverse
from django.utils import timezone

from puljer.models import Hearing, Pool, Status
from tests.htmlcheck import html_errors
from tests.puljer.conftest import complete_draft, open_round, submitted


def test_every_grant_page_is_valid_html(client, club_a, alice, faaborg, first_focus_area):
    round_ = open_round(Pool.Kind.CO_CREATION)
    draft = complete_draft(club_a, round_)
    granted = submitted(
        club_a,
        round_,
        status=Status.GRANTED,
        amount_granted=10000,
        decided_at=timezone.now(),
        focus_areas=[first_focus_area],
    )
    # The decision letter and an open hearing's answer form are on the application's page.
    Hearing.objects.create(
        application=granted, information="Oplysning", answer_by=timezone.localdate()
    )
    public = [
        reverse("puljer:index"),
        reverse("puljer:year", args=[round_.pool.year]),
        first_focus_area.get_absolute_url(),
    ]
    members = [
        reverse("puljer:applications", args=[club_a.pk]),
        reverse("puljer:application", args=[club_a.pk, draft.pk]),
        reverse("puljer:application", args=[club_a.pk, granted.pk]),
        reverse("puljer:report", args=[club_a.pk, granted.pk]),
    ]
    errors = html_errors(client, public)
    client.force_login(alice)
    errors += html_errors(client, members)
    assert errors == []
