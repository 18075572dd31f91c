"""A candidate's name and details are frozen once nominations close: in the admin, in the
service and in the database. Only the anonymiser may blank them, through one service."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry as AuditEntry
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from folgegruppe import services
from folgegruppe.models import Candidate, Election, ElectionLog
from folgegruppe.services import ElectionError
from tests import factories

Status = Election.Status


@pytest.fixture
def club(faaborg):
    return factories.association(name="Besøgsvennerne")


@pytest.fixture
def nominating(faaborg):
    return factories.election(status=Status.NOMINATING)


def _candidate(election, club, **fields):
    fields.setdefault("name", "Karen Holm")
    fields.setdefault("email", "karen@example.org")
    fields.setdefault("presentation", "Besøgsven i ti år.")
    return factories.candidate(election, association=club, **fields)


def _change(client, candidate, **data):
    return client.post(
        reverse("admin:folgegruppe_candidate_change", args=[candidate.pk]),
        {
            "name": candidate.name,
            "email": candidate.email,
            "presentation": candidate.presentation,
            **data,
        },
    )


def test_the_consultant_corrects_a_name_while_nominations_are_open(
    client, consultant, nominating, club
):
    candidate = _candidate(nominating, club)
    factories.login_verified(client, consultant)
    assert _change(client, candidate, name="Karen Holm Jensen").status_code == 302
    candidate.refresh_from_db()
    assert candidate.name == "Karen Holm Jensen"


@pytest.mark.parametrize("status", [Status.VOTING, Status.CLOSED, Status.PUBLISHED])
def test_the_admin_shows_a_candidate_read_only_once_nominations_have_closed(
    client, consultant, faaborg, club, status
):
    candidate = _candidate(factories.election(status=status), club)
    factories.login_verified(client, consultant)
    form = client.get(reverse("admin:folgegruppe_candidate_change", args=[candidate.pk]))
    assert list(form.context["adminform"].form.fields) == []
    _change(client, candidate, name="Someone Else", presentation="Ny tekst.")
    candidate.refresh_from_db()
    assert (candidate.name, candidate.presentation) == ("Karen Holm", "Besøgsven i ti år.")


def test_the_admin_never_changes_the_address_the_candidate_confirms_from(
    client, consultant, nominating, club
):
    candidate = _candidate(nominating, club)
    factories.login_verified(client, consultant)
    _change(client, candidate, email="konsulent@example.com")
    candidate.refresh_from_db()
    assert candidate.email == "karen@example.org"


def test_the_service_refuses_to_rename_a_candidate_after_the_nomination_deadline(
    consultant, nominating, club
):
    candidate = _candidate(nominating, club)
    Election.objects.filter(pk=nominating.pk).update(
        nomination_deadline=timezone.now() - timedelta(minutes=1)
    )
    with translation.override("en"), pytest.raises(ElectionError, match="frozen"):
        services.candidate_update(
            candidate=candidate, user=consultant, name="Someone Else", presentation=""
        )
    candidate.refresh_from_db()
    assert candidate.name == "Karen Holm"


@pytest.mark.parametrize(
    "field", [("name", "Someone Else"), ("presentation", ""), ("email", "x@example.org")]
)
def test_the_database_refuses_to_change_a_candidate_once_nominations_have_closed(
    faaborg, club, field
):
    candidate = _candidate(factories.voting_election(candidates=0), club)
    name, value = field
    with pytest.raises(IntegrityError, match="candidate_frozen"), transaction.atomic():
        Candidate.objects.filter(pk=candidate.pk).update(**{name: value})


def test_the_anonymiser_blanks_the_candidates_of_an_association_also_when_frozen(
    faaborg, club, consultant
):
    election = factories.voting_election(candidates=0)
    candidate = _candidate(election, club)
    other = _candidate(election, factories.association(), name="Ole Bak", email="ole@example.org")
    ElectionLog.objects.create(
        election=election, action=ElectionLog.Action.CONSENTED, note="Karen Holm"
    )
    services.candidates_blank_for_anonymise(association=club)
    candidate.refresh_from_db()
    assert (candidate.name, candidate.presentation, candidate.email) == (
        "",
        "",
        f"slettet-kandidat-{candidate.pk}@invalid.invalid",
    )
    other.refresh_from_db()
    assert other.name == "Ole Bak"
    assert list(election.log.values_list("note", flat=True)) == [""]
    assert not AuditEntry.objects.get_for_object(candidate).exists()


def test_the_anonymisers_bypass_ends_with_the_anonymiser(faaborg, club):
    election = factories.voting_election(candidates=0)
    _candidate(election, club)
    other = _candidate(election, factories.association(), name="Ole Bak", email="ole@example.org")
    with pytest.raises(IntegrityError, match="candidate_frozen"), transaction.atomic():
        services.candidates_blank_for_anonymise(association=club)
        Candidate.objects.filter(pk=other.pk).update(name="Someone Else")
