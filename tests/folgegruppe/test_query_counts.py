"""The group's lists cost the same number of queries with few or many rows."""

from datetime import timedelta

import pytest
from django.urls import reverse

from folgegruppe import services
from folgegruppe.models import MeetingPartner
from tests import factories


def _meetings(count):
    partners = list(MeetingPartner.objects.all())
    for number in range(count):
        meeting = factories.meeting(
            starts_at=factories._this_minute() + timedelta(days=1 + number % 20, minutes=number),
            agenda="- Punkt",
        )
        meeting.partners.set(partners)
        services.meeting_publish_agenda(meeting=meeting)


def _candidates(election, count):
    for _ in range(count):
        factories.candidate(election)


@pytest.mark.parametrize(
    ("name", "grow"),
    [
        ("folgegruppe:meetings", lambda: _meetings(5)),
        ("folgegruppe:calendar", lambda: _meetings(5)),
        ("folgegruppe:group", lambda: _meetings(5)),
    ],
)
def test_meeting_lists_run_a_fixed_number_of_queries(
    client, faaborg, django_assert_max_num_queries, name, grow
):
    _meetings(1)
    with django_assert_max_num_queries(30) as small:
        client.get(reverse(name))
    grow()
    with django_assert_max_num_queries(30) as large:
        client.get(reverse(name))
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_election_and_result_pages_run_a_fixed_number_of_queries(
    client, faaborg, consultant, django_assert_max_num_queries
):
    def measure(count):
        election = factories.voting_election(candidates=count, seats=1)
        for candidate in election.candidates.all():
            services.ballot_cast(
                election=election,
                association=factories.association(),
                candidates=[candidate],
                user=None,
            )
        services.election_close(election=election, user=consultant)
        services.election_publish(election=election, user=consultant)
        sizes = []
        for url in (
            election.get_absolute_url(),
            reverse("folgegruppe:results", args=[election.pk]),
        ):
            with django_assert_max_num_queries(30) as queries:
                client.get(url)
            sizes.append(len(queries.captured_queries))
        return sizes

    assert measure(2) == measure(12)
