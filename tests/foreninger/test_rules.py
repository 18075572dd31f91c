"""The registry's rules: CVR numbers, database constraints and the approval rule of play."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from foreninger import services
from foreninger.models import Association, AssociationLog
from foreninger.validators import cvr_is_valid, validate_cvr
from tests import factories


@pytest.mark.parametrize("cvr", ["29189846", "25313763", "29190909"])
def test_real_cvr_numbers_pass_the_modulus_11_check(cvr):
    assert cvr_is_valid(cvr)


@pytest.mark.parametrize(
    "cvr", ["29189847", "12345678", "2918984", "291898460", "2918984a", "０１２３４５６７"]
)
def test_wrong_cvr_numbers_are_refused_with_a_danish_message(cvr):
    with pytest.raises(ValidationError) as error:
        validate_cvr(cvr)
    assert error.value.code == "invalid_cvr"


def test_the_database_refuses_two_associations_with_one_cvr(db):
    factories.association(cvr="29189846")
    factories.association(cvr="")
    factories.association(cvr="")
    with pytest.raises(IntegrityError, match="association_cvr_unique"), transaction.atomic():
        factories.association(cvr="29189846")


def test_the_database_refuses_a_rejection_without_a_reason(db):
    with (
        pytest.raises(IntegrityError, match="association_rejection_has_reason"),
        transaction.atomic(),
    ):
        factories.association(status=Association.Status.REJECTED, rejection_reason="")


def test_the_database_refuses_an_activity_without_a_place(db):
    association = factories.association()
    with pytest.raises(IntegrityError, match="activity_online_or_address"), transaction.atomic():
        factories.activity(association, online=False, street="", postcode="")
    factories.activity(association, online=True)


def test_approval_is_refused_for_children_activities_without_a_recent_child_certificate_check(
    db, consultant
):
    association = factories.association(
        status=Association.Status.PENDING,
        child_certificate_checked_on=date.today() - timedelta(days=366),
    )
    factories.activity(association, involves_children_under_15=True)
    with pytest.raises(services.AssociationError, match="børneattest"):
        services.association_approve(association=association, user=consultant)
    association.refresh_from_db()
    assert association.status == Association.Status.PENDING
    assert mail.outbox == []


def test_approval_with_a_check_within_12_months_passes_and_mails_the_association(
    db, consultant, django_capture_on_commit_callbacks
):
    association = factories.association(
        status=Association.Status.PENDING,
        child_certificate_checked_on=date.today() - timedelta(days=365),
    )
    factories.activity(association, involves_children_under_15=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.association_approve(association=association, user=consultant)
    association.refresh_from_db()
    assert association.status == Association.Status.APPROVED
    assert [message.to for message in mail.outbox] == [[association.email]]
    assert association.log.get().action == AssociationLog.Action.APPROVED


def test_the_consultant_can_override_the_rule_with_a_reason_that_is_logged(db, consultant):
    association = factories.association(status=Association.Status.PENDING)
    factories.activity(association, involves_children_under_15=True)
    services.association_approve(
        association=association, user=consultant, override_reason="Attesterne er set på mødet."
    )
    entry = association.log.get()
    assert entry.action == AssociationLog.Action.APPROVED_OVERRIDE
    assert entry.note == "Attesterne er set på mødet."
    assert entry.user == consultant


def test_an_association_without_children_activities_needs_no_child_certificate(db, consultant):
    association = factories.association(status=Association.Status.PENDING)
    factories.activity(association, involves_children_under_15=False)
    services.association_approve(association=association, user=consultant)
    assert Association.objects.get().status == Association.Status.APPROVED


def test_rejection_needs_a_reason_and_mails_it(
    faaborg, consultant, django_capture_on_commit_callbacks
):
    association = factories.association(status=Association.Status.PENDING)
    with pytest.raises(
        services.AssociationError, match="Giv foreningen en begrundelse for afvisningen"
    ):
        services.association_reject(association=association, user=consultant, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.association_reject(
            association=association, user=consultant, reason="Foreningen er ikke social."
        )
    association.refresh_from_db()
    assert association.status == Association.Status.REJECTED
    assert "Foreningen er ikke social." in mail.outbox[0].body


def test_only_an_approved_association_can_be_made_inactive(db, consultant):
    association = factories.association(status=Association.Status.PENDING)
    with pytest.raises(
        services.AssociationError, match="Kun en godkendt forening kan gøres inaktiv"
    ):
        services.association_deactivate(association=association, user=consultant)


def test_the_database_refuses_an_agreement_file_without_its_date(db):
    with (
        pytest.raises(IntegrityError, match="association_agreement_file_has_date"),
        transaction.atomic(),
    ):
        factories.association(agreement_file="samarbejdsaftaler/x.pdf", agreement_date=None)
