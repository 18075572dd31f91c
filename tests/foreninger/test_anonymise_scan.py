"""Removing an association's personal data leaves none of it anywhere in the database.

Every field the association or its members (or the citizens who wrote to it) can fill holds a
marker with MARK in it; after `association_anonymise` no text, varchar, json or search column of
any table may contain one. A member's account is the person's own: the account of a member who
acts for no other association is made anonymous (as the privacy page promises), the account of
one who does, and of one removed earlier, stays theirs. The municipality's case record stays:
decisions, amounts, dates and the consultant's reasons.
"""

import datetime

import pytest
from auditlog.context import set_actor
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.admin.models import CHANGE
from django.contrib.admin.models import LogEntry as AdminEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models
from django.utils import timezone
from psycopg import sql

from folgegruppe import services as group
from folgegruppe.models import AgendaProposal, Election, GroupSeat
from foreninger import services
from foreninger.frivilligjob.models import Opportunity, OpportunityAnswer
from foreninger.models import Association, Invitation
from frivillig.arrangementer.models import EventRegistration
from frivillig.models import User
from puljer import services as grants
from puljer.models import Attachment, BudgetLine, Hearing, Report, Status
from tests import factories
from tests.puljer.conftest import PDF, open_round, submitted

MARK = "zqx"
# The CVR number must be eight digits, so it cannot hold MARK.
CVR = "81726353"

# Every field an association, its members or the citizens answering it can fill: the fixture
# below puts a marker in each.
MARKED = {
    "foreninger.Association": {
        "name",
        "cvr",
        "short_description",
        "description",
        "street",
        "town",
        "website",
        "phone",
        "email",
    },
    "foreninger.Activity": {
        "title",
        "description",
        "street",
        "town",
        "when",
        "contact_name",
        "contact_phone",
    },
    "foreninger.AssociationLog": {"note"},
    "foreninger.Invitation": {"email"},
    "frivilligjob.Opportunity": {"title", "description", "skills"},
    "frivilligjob.OpportunityAnswer": {"name", "email", "phone", "message"},
    "frivillig.User": {"first_name", "last_name", "email"},
    "puljer.Application": {
        "title",
        "purpose",
        "co_creation_description",
        "contact_name",
        "contact_email",
        "contact_phone",
    },
    "puljer.ApplicationEvent": {"note"},
    "puljer.Attachment": {"original_name"},
    "puljer.BudgetLine": {"description"},
    "puljer.Report": {"account"},
    "puljer.Hearing": {"answer"},
    "folgegruppe.AgendaProposal": {"title", "description"},
    "folgegruppe.Candidate": {"name", "email", "presentation"},
    "arrangementer.EventRegistration": {"note"},
    "folgegruppe.GroupSeat": {"person_name"},
}
# Text fields of the same models that no association or member fills, and why they stay.
EXEMPT = {
    "foreninger.Association": {
        "slug": "made from the name; replaced with it",
        "postcode": "four digits (a database constraint); goes with the street",
        "rejection_reason": "the consultant's reason",
        "agreement_file": "a name the portal generates; the file is deleted",
    },
    "foreninger.Activity": {"postcode": "four digits; goes with the activity"},
    "frivillig.User": {"password": "a one-way hash"},
    "puljer.Application": {
        "reference": "the municipality's case number",
        "internal_note": "the consultant's note",
        "decision_reason": "the consultant's reason",
        "recommendation_reason": "the consultant's reason",
    },
    "puljer.Hearing": {"information": "the municipality's information the decision may rest on"},
    "puljer.ApplicationEvent": {"action": "a code of the transition table"},
    "puljer.Attachment": {"file": "a name the portal generates"},
    "puljer.Report": {"consultant_note": "the consultant's note"},
    "payments.PaymentLine": {"held_reason": "the portal's reason (no CVR number)"},
    "payments.PaymentEvent": {
        "action": "a code of the payments' log",
        "note": "the payments' log: amounts, dates and the consultant's reasons",
    },
    "payments.RepaymentClaim": {"waive_reason": "the consultant's reason"},
    "assessment.Declaration": {"reason": "the assessor's own reason for standing aside"},
    "folgegruppe.AgendaProposal": {"decision_reason": "the group's reason"},
    "folgegruppe.GroupSeat": {
        "organisation": "only on fixed seats, not an association's",
        "organisation_en": "the English of a fixed seat's organisation",
    },
}


def _text_fields(model):
    text = (models.CharField, models.TextField, models.JSONField, models.FileField)
    return {
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, text) and not field.choices
    }


def _models_of_an_association():
    """The models that refer to an association, or to such a model, and the members' accounts."""
    found = {Association, User}
    for _depth in range(2):
        found |= {
            model
            for model in apps.get_models()
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model in found - {User}
        }
    return found


def test_every_text_field_of_an_associations_models_is_marked_or_exempt():
    unclassified = {
        (model._meta.label, name)
        for model in _models_of_an_association()
        for name in _text_fields(model)
        if name not in MARKED.get(model._meta.label, set())
        and name not in EXEMPT.get(model._meta.label, {})
    }
    assert unclassified == set()


def hits(needle):
    """(table, column): rows, for every text, varchar, json or search column holding `needle`."""
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() "
            "AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'tsvector')"
        )
        for table, column in cursor.fetchall():
            query = sql.SQL("SELECT count(*) FROM {} WHERE {}::text ILIKE %s").format(
                sql.Identifier(table), sql.Identifier(column)
            )
            cursor.execute(query, [f"%{needle}%"])
            if rows := cursor.fetchone()[0]:
                found[(table, column)] = rows
    return found


@pytest.fixture
def marked_club(faaborg, consultant, settings, tmp_path):
    """An association whose members have filled every field of MARKED, and then left."""
    settings.MEDIA_ROOT = tmp_path
    alice = factories.user(
        email="zqx-alice@example.com", first_name="Zqx-Alice", last_name="Zqx-Hansen"
    )
    bob = factories.user(email="bob@example.com")
    carol = factories.user(email="carol@example.com")
    factories.association(name="Anden Klub", members=[bob])
    club = factories.association(
        name="Zqx Klub",
        cvr=CVR,
        short_description="Zqx short",
        description="Zqx description",
        street="Zqxvej 1",
        postcode="5600",
        town="Zqxby",
        website="https://zqx.example.org",
        phone="Zqx phone",
        email="zqx-club@example.org",
        agreement_date=datetime.date(2024, 1, 1),
        agreement_file=SimpleUploadedFile("zqx-aftale.pdf", PDF),
        members=[alice, bob, carol],
    )
    # The consultant's rounds, before the member acts.
    rounds = open_round(), open_round()
    with set_actor(alice):
        services.association_update(
            association=club, user=alice, fields={"description": "Zqx description 2"}
        )
        factories.activity(
            club,
            title="Zqx activity",
            description="Zqx activity description",
            street="Zqxgade 2",
            town="Zqxrup",
            when="Zqx tuesdays",
            contact_name="Zqx Contact",
            contact_phone="Zqx 1234",
        )
        removed = factories.activity(club, title="Zqx removed activity")
        removed.description = "Zqx edited before it was removed"
        removed.save()
        services.activity_delete(activity=removed, user=alice)
        services.membership_remove(membership=club.memberships.get(user=carol), user=alice)
        Invitation.objects.create(
            association=club,
            email="zqx-invited@example.com",
            invited_by=alice,
            expires_at=timezone.now() + datetime.timedelta(days=7),
        )
        services.association_log(
            association=club,
            action="member_invited",
            user=alice,
            note="zqx-invited@example.com",
        )
        opportunity = Opportunity.objects.create(
            association=club,
            title="Zqx job",
            description="Zqx job description",
            time_commitment="weekly",
            skills="Zqx skills",
            answer_by=timezone.localdate() + datetime.timedelta(days=30),
        )
        OpportunityAnswer.objects.create(
            opportunity=opportunity,
            name="Zqx Citizen",
            email="zqx-citizen@example.com",
            phone="Zqx 5678",
            message="Zqx I can help",
        )
        earlier = Opportunity.objects.create(
            association=club,
            title="Zqx earlier job",
            description="Zqx earlier",
            time_commitment="weekly",
            answer_by=timezone.localdate(),
        )
        earlier.skills = "Zqx edited before it was deleted"
        earlier.save()
        earlier.delete()
        granted = submitted(
            club,
            rounds[0],
            title="Zqx application",
            purpose="Zqx purpose",
            co_creation_description="Zqx co-creation",
            contact_name="Zqx Contact Person",
            contact_email="zqx-contact@example.com",
            contact_phone="Zqx 9012",
            created_by=alice,
        )
        BudgetLine.objects.create(
            application=granted, kind="expense", description="Zqx budget line", amount=100
        )
        Attachment.objects.create(
            application=granted,
            kind=Attachment.Kind.OTHER,
            file=SimpleUploadedFile("zqx-bilag.pdf", PDF),
            original_name="zqx-bilag.pdf",
        )
        withdrawn = submitted(club, rounds[1], title="Zqx withdrawn")
        grants.application_withdraw(
            application=withdrawn,
            user=alice,
            reason="Zqx: formanden er blevet syg (kræft)",
        )
    grants.grant_decide(
        application=granted, user=consultant, amount=5000, reason="Bevilget delvist."
    )
    Report.objects.create(
        application=granted,
        amount_spent=5000,
        participants_reached=20,
        volunteers=3,
        account="Zqx account of the activity",
        declaration=True,
    )
    Hearing.objects.create(
        application=granted,
        information="The municipality's information",
        answer_by=timezone.localdate(),
        answer="Zqx answer to the hearing",
        answered_at=timezone.now(),
    )
    services.error_report(
        association=club,
        name="Zqx Visitor",
        email="zqx-visitor@example.com",
        message="Zqx the address is wrong",
    )
    EventRegistration.objects.create(
        event=factories.event(),
        association=club,
        attendees=2,
        note="Zqx: en af os kommer i kørestol",
        registered_by=alice,
    )
    AgendaProposal.objects.create(
        meeting=factories.meeting(),
        association=club,
        proposed_by=alice,
        title="Zqx proposal",
        description="Zqx proposal description",
    )
    election = factories.election(status=Election.Status.NOMINATING)
    candidate = group.candidate_nominate(
        election=election,
        nominated_by=club,
        user=alice,
        name="Zqx Candidate",
        email="zqx-candidate@example.com",
        association=club,
        presentation="Zqx presentation",
    )
    # Nominations have closed: the candidate is frozen, but for the anonymiser.
    Election.objects.filter(pk=election.pk).update(status=Election.Status.VOTING)
    GroupSeat.objects.create(
        person_name="Zqx Seat Holder",
        association=club,
        candidate=candidate,
        term_start=election.term_start,
        term_end=election.term_end,
    )
    for log in (AccessAttempt, AccessLog, AccessFailureLog):
        extra = {"get_data": "", "post_data": "", "failures_since_start": 1}
        log.objects.create(
            username="zqx-alice@example.com",
            ip_address="192.0.2.1",
            user_agent="Firefox",
            http_accept="*/*",
            path_info="/login/",
            **(extra if log is AccessAttempt else {}),
        )
    AdminEntry.objects.create(
        user=consultant,
        content_type=ContentType.objects.get_for_model(Association),
        object_id=str(club.pk),
        object_repr=club.name,
        action_flag=CHANGE,
        change_message="[]",
    )
    services.association_deactivate(association=club, user=consultant)
    return club


def test_the_fixture_puts_a_marker_in_every_marked_field(marked_club):
    empty = {
        (label, name)
        for label, names in MARKED.items()
        for name in names
        if not apps.get_model(label)
        .objects.filter(**{f"{name}__icontains": CVR if name == "cvr" else MARK})
        .exists()
    }
    assert empty == set()


def test_anonymising_leaves_no_marker_in_any_column_of_any_table(marked_club, consultant):
    assert hits(MARK) != {}
    services.association_anonymise(association=marked_club, user=consultant)
    assert hits(MARK) == {}
    assert hits(CVR) == {}


def test_a_member_removed_earlier_keeps_only_her_own_account(marked_club, consultant):
    services.association_anonymise(association=marked_club, user=consultant)
    assert hits("carol@example.com") == {("frivillig_user", "email"): 1}


def test_a_member_of_another_association_keeps_his_account_and_that_membership(
    marked_club, consultant
):
    services.association_anonymise(association=marked_club, user=consultant)
    assert hits("bob@example.com") == {
        ("auditlog_logentry", "object_repr"): 1,
        ("frivillig_user", "email"): 1,
    }


def test_the_municipalitys_case_record_stays(marked_club, consultant):
    services.association_anonymise(association=marked_club, user=consultant)
    granted = marked_club.applications.get(status=Status.PARTIALLY_GRANTED)
    assert (granted.amount_applied, granted.amount_granted) == (10000, 5000)
    assert granted.decision_reason == "Bevilget delvist."
    assert granted.reference == "T-0001"
    assert granted.report.amount_spent == 5000
