"""The group's page is cached for anonymous visitors and renewed by a change of what it shows;
a vote renews it not, so the page says nothing of how many have voted while voting is open."""

from django.urls import reverse

from folgegruppe import services
from folgegruppe.models import GroupSeat
from tests import factories


def test_a_vote_leaves_the_group_page_as_it_was(client, faaborg):
    election = factories.voting_election(candidates=2)
    voter = factories.association()
    url = reverse("folgegruppe:group")
    before = client.get(url)
    services.ballot_cast(
        election=election,
        association=voter,
        candidates=[election.candidates.order_by("pk").first()],
        user=None,
    )
    after = client.get(url)
    assert after["ETag"] == before["ETag"]
    assert after.content == before.content


def test_a_new_seat_renews_the_group_page(client, faaborg):
    url = reverse("folgegruppe:group")
    before = client.get(url)
    assert client.get(url, headers={"if-none-match": before["ETag"]}).status_code == 304
    GroupSeat.objects.create(fixed=True, organisation="Ældre Sagen", person_name="Karen Holm")
    after = client.get(url)
    assert after["ETag"] != before["ETag"]
    assert "Karen Holm" in after.content.decode()
