"""The consultant runs the election from the admin: the steps, paper ballots, withdrawals."""

import pytest
from django.urls import reverse

from folgegruppe.models import Ballot, Election, VoterRecord
from tests import factories

Status = Election.Status


def _step(election, step):
    return reverse("admin:folgegruppe_election_step", args=[election.pk, step])


def test_the_consultant_takes_the_election_through_its_steps(client, consultant, faaborg):
    election = factories.election()
    client.force_login(consultant)
    change = client.get(reverse("admin:folgegruppe_election_change", args=[election.pk]))
    assert [url for url, _label in change.context["tools"]] == [_step(election, "aabn-indstilling")]
    assert client.get(_step(election, "aabn-indstilling")).status_code == 200
    client.post(_step(election, "aabn-indstilling"))
    election.refresh_from_db()
    assert election.status == Status.NOMINATING


def test_a_step_out_of_order_is_refused_with_a_message(client, consultant, faaborg):
    election = factories.election()
    client.force_login(consultant)
    response = client.post(_step(election, "luk"), follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert Election.objects.get(pk=election.pk).status == Status.DRAFT


@pytest.mark.parametrize("who", ["member", "staff_without_permission"])
def test_only_the_consultant_takes_steps(client, faaborg, alice, who):
    election = factories.election()
    if who == "staff_without_permission":
        alice.is_staff = True
        alice.save()
    client.force_login(alice)
    response = client.post(_step(election, "aabn-indstilling"))
    assert response.status_code in (302, 403)
    assert Election.objects.get(pk=election.pk).status == Status.DRAFT


def test_the_consultant_records_a_paper_ballot(client, consultant, faaborg):
    election = factories.voting_election()
    voted, paper = factories.association(), factories.association()
    VoterRecord.objects.create(election=election, association=voted)
    url = reverse("admin:folgegruppe_election_paper_ballot", args=[election.pk])
    client.force_login(consultant)
    form = client.get(url).context["form"]
    assert voted not in form.fields["association"].queryset
    candidate = election.candidates.first()
    client.post(url, {"association": paper.pk, "candidates": [candidate.pk]})
    record = VoterRecord.objects.get(association=paper)
    assert (record.on_paper, record.recorded_by) == (True, consultant)
    assert Ballot.objects.get().choices.get().candidate == candidate


def test_the_consultant_withdraws_a_candidate(client, consultant, faaborg):
    election = factories.voting_election()
    candidate = election.candidates.first()
    client.force_login(consultant)
    client.post(
        reverse("admin:folgegruppe_candidate_changelist"),
        {"action": "withdraw_selected", "_selected_action": [candidate.pk]},
    )
    candidate.refresh_from_db()
    assert candidate.withdrawn_at is not None


@pytest.mark.parametrize(
    "model",
    [
        "groupseat",
        "election",
        "candidate",
        "meeting",
        "agendaproposal",
        "meetingsettings",
        "meetingpartner",
    ],
)
def test_the_consultant_opens_every_list_and_form_of_the_group(client, consultant, faaborg, model):
    election = factories.voting_election()
    factories.meeting()
    client.force_login(consultant)
    assert client.get(reverse(f"admin:folgegruppe_{model}_changelist")).status_code == 200
    objects = {
        "election": election.pk,
        "candidate": election.candidates.first().pk,
        "meetingsettings": 1,
    }
    if model in objects:
        url = reverse(f"admin:folgegruppe_{model}_change", args=[objects[model]])
        assert client.get(url).status_code == 200
    if model in ("groupseat", "election", "meeting", "meetingpartner"):
        assert client.get(reverse(f"admin:folgegruppe_{model}_add")).status_code == 200
