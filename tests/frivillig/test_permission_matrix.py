"""Every URL of the portal, walked as six visitors; the table must name each URL the URL conf has.

The visitors: nobody logged in, Alice (member of association A), Bob (member of association B),
the volunteer consultant, an assessor of grant applications (puljer.assessment) and a
superuser. Each URL is probed with the args of A's objects, so a
page that shows A's private data to Bob, lets an anonymous visitor in or answers 5xx fails here.
A new URL without a row in EXPECTATIONS fails `test_the_table_covers_every_url_of_the_url_conf`.
"""

import datetime
import uuid
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.views import redirect_to_login
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from folgegruppe import services as group_services
from folgegruppe.models import AgendaProposal, Election, MeetingAttachment
from foreninger import hsds
from foreninger import services as association_services
from foreninger.frivilligjob.models import Opportunity, OpportunityAnswer
from foreninger.models import Association
from frivillig import datafile
from frivillig.arrangementer.models import EventRegistration, WorkshopAnswer, WorkshopResponse
from frivillig.datafile import municipality_load
from frivillig.exports import XLSX
from frivillig.jobs.services import heartbeat_beat
from frivillig.models import AwardCategory, FocusArea, Municipality
from frivillig.roles import ASSESSOR_GROUP, CONSULTANT_GROUP
from puljer.assessment import services as assessment_services
from puljer.assessment.models import Declaration, Panel
from puljer.models import Status
from tests import factories
from tests.conftest import DATA_DIR, Client
from tests.puljer.conftest import PDF, open_round, submitted

ROLES = ("anonymous", "alice", "bob", "consultant", "assessor", "superuser")
# Expected for an anonymous visitor: 302 to the login page with ?next= the URL.
LOGIN = "login"

# Status per role, in the order of ROLES.
PUBLIC = (200, 200, 200, 200, 200, 200)
ACCOUNT = (LOGIN, 200, 200, 200, 200, 200)  # any logged-in user, for their own account
MEMBER = (LOGIN, 200, 404, 404, 404, 404)  # A's pages: members only, 404 so nobody can probe
MEMBER_POST = (LOGIN, 302, 404, 404, 404, 404)  # A's actions; Alice's empty POST only redirects
DOWNLOAD = (LOGIN, 200, 404, 200, 404, 200)  # A's files, which the consultant may also read
# The follow-up group's forms: members of approved associations; others are told so (403).
GROUP = (LOGIN, 200, 200, 403, 403, 403)
# A's objects reached through association B, Bob's own: not found for anybody.
CROSS = (LOGIN, 404, 404, 404, 404, 404)
NOT_FOUND = (404, 404, 404, 404, 404, 404)


@dataclass(frozen=True)
class Probe:
    args: object  # world -> the args for reverse()
    expect: tuple
    method: str = "get"

    @property
    def private(self):
        """One of A's own pages or actions: Bob must never get a 200 from it."""
        return self.expect in (MEMBER, MEMBER_POST, DOWNLOAD, CROSS)


def _none(world):
    return []


def _worker_beating(world):
    """No worker runs in the tests: its heartbeat is given here (tests/frivillig/test_jobs.py)."""
    heartbeat_beat()
    return []


def _a(world):
    return [world.a.pk]


def _application(world):
    return [world.a.pk, world.application.pk]


EXPECTATIONS = {
    # Core pages
    "home": Probe(_none, PUBLIC),
    "focus_area": Probe(lambda w: [w.area.slug], PUBLIC),
    "action_plans": Probe(lambda w: [w.area.slug], PUBLIC),
    "action_plan": Probe(lambda w: [w.area.slug, w.plan.pk], PUBLIC),
    "event_list": Probe(_none, PUBLIC),
    "event_archive": Probe(lambda w: [w.past_event_year], PUBLIC),
    "event_detail": Probe(lambda w: [w.event.slug], PUBLIC),
    "event_ics": Probe(lambda w: [w.event.slug], PUBLIC),
    # Anybody may answer a workshop's questions; the empty POST comes back with its errors.
    "event_input": Probe(lambda w: [w.workshop.slug], PUBLIC, method="post"),
    "event_input_received": Probe(lambda w: [w.workshop.slug], PUBLIC),
    "awards": Probe(_none, PUBLIC),
    "award_nominate": Probe(_none, PUBLIC),
    "award_nominated": Probe(_none, PUBLIC),
    "page": Probe(lambda w: ["strategi"], PUBLIC),
    "accessibility": Probe(_none, PUBLIC),
    "privacy": Probe(_none, PUBLIC),
    "meeting_places": Probe(_none, PUBLIC),
    "healthz": Probe(_none, PUBLIC),
    "healthz_worker": Probe(_worker_beating, PUBLIC),
    # A logged-in visitor is sent to the dashboard instead.
    "signup": Probe(_none, (200, 302, 302, 302, 302, 302)),
    # The link shows a button; pressing it logs in as the new account and shows the dashboard.
    "activate": Probe(lambda w: w.activation, PUBLIC),
    "set_language": Probe(_none, (302, 302, 302, 302, 302, 302), method="post"),
    # django.contrib.auth.urls
    "login": Probe(_none, PUBLIC),
    "logout": Probe(_none, (302, 302, 302, 302, 302, 302), method="post"),
    "password_change": Probe(_none, ACCOUNT),
    "two_factor": Probe(_none, (LOGIN, 404, 404, 200, 200, 200)),  # staff only
    "password_change_done": Probe(_none, ACCOUNT),
    "password_reset": Probe(_none, PUBLIC),
    "password_reset_done": Probe(_none, PUBLIC),
    # A valid link moves the token into the session and redirects to the set-password form.
    "password_reset_confirm": Probe(lambda w: w.password_reset, (302, 302, 302, 302, 302, 302)),
    "password_reset_complete": Probe(_none, PUBLIC),
    # MitID through NemLog-in (djangosaml2): the login goes to the identity provider, or on to
    # ?next= when logged in already; the assertion consumer wants a SAMLResponse.
    "saml2_login": Probe(_none, (302, 302, 302, 302, 302, 302)),
    "saml2_acs": Probe(_none, (400, 400, 400, 400, 400, 400), method="post"),
    "saml2_logout": Probe(_none, (LOGIN, 302, 302, 302, 302, 302), method="post"),
    "saml2_ls": Probe(_none, (400, 400, 400, 400, 400, 400)),
    "saml2_ls_post": Probe(_none, (400, 400, 400, 400, 400, 400), method="post"),
    "saml2_metadata": Probe(_none, PUBLIC),
    # The local test identity provider (never in production): no AuthnRequest, no page.
    "test_idp_sso": Probe(_none, (400, 400, 400, 400, 400, 400)),
    "test_idp_slo": Probe(_none, (400, 400, 400, 400, 400, 400)),
    "test_idp_metadata": Probe(_none, PUBLIC),
    # Associations
    "foreninger:directory": Probe(_none, PUBLIC),
    "foreninger:directory_csv": Probe(_none, PUBLIC),
    "foreninger:coverage": Probe(_none, PUBLIC),
    # The reminder's link needs no login: the signed token is the key, shown as a confirm button.
    "foreninger:confirm": Probe(lambda w: [w.confirm_token], PUBLIC),
    "foreninger:detail": Probe(lambda w: [w.a.slug], PUBLIC),
    "foreninger:contact": Probe(lambda w: [w.a.slug], PUBLIC),
    "foreninger:report_error": Probe(lambda w: [w.a.slug], PUBLIC),
    "foreninger:dashboard": Probe(_none, ACCOUNT),
    "foreninger:register": Probe(_none, ACCOUNT),
    "foreninger:edit": Probe(_a, MEMBER),
    "foreninger:confirm_member": Probe(_a, MEMBER_POST, method="post"),
    "foreninger:agreement": Probe(_a, DOWNLOAD),
    "foreninger:data_export": Probe(_a, MEMBER),
    # A is approved, so it has no rejection letter (tests/foreninger/test_letters_rejection.py).
    "foreninger:rejection_pdf": Probe(_a, CROSS),
    "foreninger:activity_add": Probe(_a, MEMBER),
    "foreninger:activity_edit": Probe(lambda w: [w.a.pk, w.activity.pk], MEMBER),
    "foreninger:activity_delete": Probe(lambda w: [w.a.pk, w.activity.pk], MEMBER),
    "foreninger:members": Probe(_a, MEMBER),
    "foreninger:member_remove": Probe(
        lambda w: [w.a.pk, w.membership.pk], MEMBER_POST, method="post"
    ),
    "foreninger:invitation_revoke": Probe(
        lambda w: [w.a.pk, w.invitation.pk], MEMBER_POST, method="post"
    ),
    # Whoever holds the invitation's link sees it once logged in; accepting checks the rest.
    "foreninger:invitation_accept": Probe(lambda w: [w.invitation.token], ACCOUNT),
    # After a MitID Erhverv login; without its organisation in the session there is nothing here.
    "foreninger:mitid_organisation": Probe(_none, (LOGIN, 404, 404, 404, 404, 404)),
    "foreninger:mitid_join": Probe(_none, (LOGIN, 404, 404, 404, 404, 404), method="post"),
    "foreninger:mitid_register": Probe(_none, (LOGIN, 404, 404, 404, 404, 404)),
    "foreninger:join_requests": Probe(_a, MEMBER),
    # Volunteer opportunities: public while current; answers only for A's members.
    "foreninger:opportunities": Probe(_none, PUBLIC),
    "foreninger:opportunity": Probe(lambda w: [w.opportunity.pk], PUBLIC),
    "foreninger:opportunity_answer": Probe(lambda w: [w.opportunity.pk], PUBLIC),
    "foreninger:my_opportunities": Probe(_a, MEMBER),
    "foreninger:opportunity_add": Probe(_a, MEMBER),
    "foreninger:opportunity_edit": Probe(lambda w: [w.a.pk, w.opportunity.pk], MEMBER),
    "foreninger:opportunity_close": Probe(
        lambda w: [w.a.pk, w.opportunity.pk], MEMBER_POST, method="post"
    ),
    "foreninger:opportunity_answers": Probe(lambda w: [w.a.pk, w.opportunity.pk], MEMBER),
    "foreninger:answer_handle": Probe(
        lambda w: [w.a.pk, w.opportunity_answer.pk], MEMBER_POST, method="post"
    ),
    # Open data
    "api:index": Probe(_none, PUBLIC),
    "api:organizations": Probe(_none, PUBLIC),
    "api:organization": Probe(lambda w: [hsds.hsds_id(f"association:{w.a.pk}")], PUBLIC),
    "api:services": Probe(_none, PUBLIC),
    "api:service": Probe(lambda w: [hsds.hsds_id(f"activity:{w.activity.pk}")], PUBLIC),
    "api:service_at_locations": Probe(_none, PUBLIC),
    "api:service_at_location": Probe(
        lambda w: [hsds.hsds_id(f"service_at_location:{w.activity.pk}")], PUBLIC
    ),
    "api:locations": Probe(_none, PUBLIC),
    "api:location": Probe(lambda w: [hsds.hsds_id(f"location:activity:{w.activity.pk}")], PUBLIC),
    "api:taxonomies": Probe(_none, PUBLIC),
    "api:taxonomy": Probe(lambda w: [hsds.TAXONOMY_IDS["region"]], PUBLIC),
    "api:taxonomy_terms": Probe(_none, PUBLIC),
    "api:taxonomy_term": Probe(lambda w: [hsds.hsds_id(f"focus_area:{w.area.pk}")], PUBLIC),
    "api:opportunities": Probe(_none, PUBLIC),
    "api:opportunity": Probe(lambda w: [hsds.hsds_id(f"opportunity:{w.opportunity.pk}")], PUBLIC),
    # Grants
    "puljer:index": Probe(_none, PUBLIC),
    "puljer:year": Probe(lambda w: [w.year], PUBLIC),
    "puljer:year_csv": Probe(lambda w: [w.year], PUBLIC),
    "puljer:threesixtygiving": Probe(_none, PUBLIC),
    "puljer:threesixtygiving_json": Probe(lambda w: [w.year], PUBLIC),
    "puljer:threesixtygiving_csv": Probe(lambda w: [w.year], PUBLIC),
    "puljer:threesixtygiving_xlsx": Probe(lambda w: [w.year], PUBLIC),
    "puljer:applications": Probe(_a, MEMBER),
    "puljer:application_start": Probe(lambda w: [w.a.pk, w.round.pk], MEMBER),
    "puljer:application": Probe(_application, MEMBER),
    "puljer:attachment_add": Probe(_application, MEMBER_POST, method="post"),
    # Only a draft is deleted: A's submitted application stays, with a message.
    "puljer:application_delete": Probe(_application, MEMBER_POST, method="post"),
    "puljer:withdraw": Probe(_application, MEMBER_POST, method="post"),
    "puljer:report": Probe(_application, MEMBER),
    "puljer:attachment": Probe(lambda w: [w.attachment.pk], DOWNLOAD),
    "puljer:decision_pdf": Probe(_application, MEMBER),
    # No hearing has been sent on it (tests/puljer/test_hearing.py answers one).
    "puljer:hearing_answer": Probe(lambda w: [*_application(w), 0], CROSS, method="post"),
    # The follow-up group
    "folgegruppe:group": Probe(_none, PUBLIC),
    "folgegruppe:election": Probe(lambda w: [w.published.pk], PUBLIC),
    "folgegruppe:results": Probe(lambda w: [w.published.pk], PUBLIC),
    # This election was settled without a draw, so it has no verification file for anybody.
    "folgegruppe:draw_file": Probe(lambda w: [w.published.pk], (404, 404, 404, 404, 404, 404)),
    "folgegruppe:nominate": Probe(lambda w: [w.nominating.pk], GROUP),
    "folgegruppe:vote": Probe(lambda w: [w.voting.pk], GROUP),
    # The candidate's link needs no login: the token is the key.
    "folgegruppe:consent": Probe(lambda w: [w.candidate.token], PUBLIC),
    "folgegruppe:meetings": Probe(_none, PUBLIC),
    "folgegruppe:meetings_year": Probe(lambda w: [w.meeting_year], PUBLIC),
    "folgegruppe:meeting": Probe(lambda w: [w.meeting.pk], PUBLIC),
    "folgegruppe:meeting_ics": Probe(lambda w: [w.meeting.pk], PUBLIC),
    "folgegruppe:propose": Probe(lambda w: [w.meeting.pk], GROUP),
    "folgegruppe:attachment": Probe(lambda w: [w.meeting.pk, w.meeting_attachment.pk], PUBLIC),
    "folgegruppe:calendar": Probe(_none, PUBLIC),
    "folgegruppe:recurring_events": Probe(_none, PUBLIC),
    "folgegruppe:event_signup": Probe(lambda w: [w.event.slug], GROUP),
    "folgegruppe:event_signup_cancel": Probe(
        lambda w: [w.event.slug, w.registration.pk], MEMBER_POST, method="post"
    ),
}

# More probes of some URLs, named "<URL name>@<what differs>": objects in another state, links
# that are wrong or used, and A's objects asked for through B, the association Bob is a member of.
VARIANTS = {
    "foreninger:activity_edit@through-b": Probe(lambda w: [w.b.pk, w.activity.pk], CROSS),
    "foreninger:activity_delete@through-b": Probe(lambda w: [w.b.pk, w.activity.pk], CROSS),
    "foreninger:member_remove@through-b": Probe(
        lambda w: [w.b.pk, w.membership.pk], CROSS, method="post"
    ),
    "puljer:application@through-b": Probe(lambda w: [w.b.pk, w.application.pk], CROSS),
    "puljer:attachment_add@through-b": Probe(
        lambda w: [w.b.pk, w.application.pk], CROSS, method="post"
    ),
    "puljer:application_delete@through-b": Probe(
        lambda w: [w.b.pk, w.application.pk], CROSS, method="post"
    ),
    "puljer:withdraw@through-b": Probe(lambda w: [w.b.pk, w.application.pk], CROSS, method="post"),
    "puljer:report@through-b": Probe(lambda w: [w.b.pk, w.application.pk], CROSS),
    # An association awaiting approval: only its members and the consultant see its page.
    "foreninger:detail@pending": Probe(lambda w: [w.pending.slug], (404, 200, 404, 200, 404, 200)),
    "foreninger:contact@pending": Probe(lambda w: [w.pending.slug], NOT_FOUND),
    # The button on the link's page: the signed token is the key, so anybody may press it.
    "foreninger:confirm@post": Probe(
        lambda w: [w.confirm_token], (302, 302, 302, 302, 302, 302), method="post"
    ),
    "foreninger:confirm@used": Probe(
        lambda w: [w.used_confirm_token], (400, 400, 400, 400, 400, 400)
    ),
    "activate@post": Probe(lambda w: w.activation, (302, 302, 302, 302, 302, 302), method="post"),
    "activate@wrong-token": Probe(
        lambda w: [w.activation[0], "wrong-token"], (400, 400, 400, 400, 400, 400)
    ),
    # Django shows its "invalid link" page with 200.
    "password_reset_confirm@wrong-token": Probe(
        lambda w: [w.password_reset[0], "wrong-token"], PUBLIC
    ),
    "folgegruppe:consent@post": Probe(
        lambda w: [w.candidate.token], (302, 302, 302, 302, 302, 302), method="post"
    ),
    "folgegruppe:consent@unknown": Probe(lambda w: [uuid.uuid4()], NOT_FOUND),
    # Input closed: the answer is refused and the visitor sent back to the event's page.
    "event_input@closed": Probe(
        lambda w: [w.closed_workshop.slug], (302, 302, 302, 302, 302, 302), method="post"
    ),
    "event_input@not-a-workshop": Probe(lambda w: [w.event.slug], NOT_FOUND, method="post"),
    "foreninger:invitation_accept@unknown": Probe(lambda w: [uuid.uuid4()], CROSS),
    "foreninger:opportunity_edit@through-b": Probe(lambda w: [w.b.pk, w.opportunity.pk], CROSS),
    "foreninger:opportunity_close@through-b": Probe(
        lambda w: [w.b.pk, w.opportunity.pk], CROSS, method="post"
    ),
    "foreninger:opportunity_answers@through-b": Probe(lambda w: [w.b.pk, w.opportunity.pk], CROSS),
    "foreninger:answer_handle@through-b": Probe(
        lambda w: [w.b.pk, w.opportunity_answer.pk], CROSS, method="post"
    ),
    # Past its last day to answer: a page that says it is closed, for everybody.
    "foreninger:opportunity@expired": Probe(
        lambda w: [w.expired_opportunity.pk], (410, 410, 410, 410, 410, 410)
    ),
    "api:opportunity@expired": Probe(
        lambda w: [hsds.hsds_id(f"opportunity:{w.expired_opportunity.pk}")], NOT_FOUND
    ),
    # Nobody here has the invited address, so accepting shows the error and grants nothing.
    "foreninger:invitation_accept@accept": Probe(
        lambda w: [w.invitation.token], ACCOUNT, method="post"
    ),
    "folgegruppe:election@draft": Probe(lambda w: [w.draft.pk], NOT_FOUND),
    "folgegruppe:results@voting": Probe(lambda w: [w.voting.pk], NOT_FOUND),
    # A file of an agenda not yet published: only the consultant.
    "folgegruppe:attachment@unpublished": Probe(
        lambda w: [w.unpublished.meeting_id, w.unpublished.pk], (404, 404, 404, 200, 404, 200)
    ),
}

# One changelist per app with an admin; the consultant works in the apps' admins only.
ADMIN_CHANGELISTS = {
    "frivillig": ("focusarea", 200),
    "arrangementer": ("event", 200),
    "foreninger": ("association", 200),
    "frivilligjob": ("opportunity", 200),
    "puljer": ("application", 200),
    "payments": ("paymentline", 200),
    "folgegruppe": ("election", 200),
    "auth": ("group", 403),
    "axes": ("accessattempt", 200),
    "auditlog": ("logentry", 200),
    "otp_totp": ("totpdevice", 403),
    "outbox": ("message", 200),
    "jobs": ("jobrun", 200),
    # The assessor's own assignments (puljer.assessment).
    "assessment": ("panelmember", 200),
    # The task queue's own pages are the superuser's.
    "procrastinate": ("procrastinatejob", 403),
}


# Admin pages of one object, beyond the changelists, probed with A's objects; LOGIN is the admin's
# login page. The assessor's download of A's attachment, through their seat on the round's panel:
# the consultant has no assessor's permission (403, as on the other assessor's pages), and the
# seat is nobody else's (404, the superuser's too).
ADMIN_PAGES = {
    "admin:assessment_panelmember_attachment": Probe(
        lambda w: [w.seat.pk, w.attachment.pk], (LOGIN, LOGIN, LOGIN, 403, 200, 404)
    ),
}


def _url_names(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _url_names(pattern, namespace)
        else:
            # An unnamed pattern cannot be in the table, so it fails the coverage test too.
            yield f"{prefix}{pattern.name}" if pattern.name else f"unnamed: {pattern.pattern}"


def test_the_table_covers_every_url_of_the_url_conf():
    names = list(_url_names(get_resolver()))
    assert len(names) == len(set(names)), "a URL name is used twice"
    assert set(names) == set(EXPECTATIONS)
    assert {key.partition("@")[0] for key in VARIANTS} <= set(EXPECTATIONS)


def test_the_admin_table_covers_every_app_with_an_admin():
    assert {model._meta.app_label for model in admin.site._registry} == set(ADMIN_CHANGELISTS)


def _link_parts(user):
    return [urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)]


def _meeting_attachment(meeting):
    return MeetingAttachment.objects.create(
        meeting=meeting,
        title="Bilag 1",
        file=SimpleUploadedFile("bilag.pdf", PDF, content_type="application/pdf"),
    )


def _build_world():
    municipality_load(data=datafile.read(DATA_DIR / "faaborg-midtfyn.yaml"))
    now = timezone.now()
    world = SimpleNamespace(
        year=timezone.localdate().year,
        area=FocusArea.objects.get(number=1),
        alice=factories.user(email="alice@example.com", first_name="Alice"),
        bob=factories.user(email="bob@example.com", first_name="Bob"),
        consultant=factories.user(email="konsulent@example.com", is_staff=True),
        assessor=factories.user(email="bedoemmer@example.com", is_staff=True),
        superuser=factories.user(email="root@example.com", is_staff=True, is_superuser=True),
    )
    world.consultant.groups.add(Group.objects.get(name=CONSULTANT_GROUP))
    world.assessor.groups.add(Group.objects.get(name=ASSESSOR_GROUP))
    world.activation = _link_parts(factories.user(email="ny@example.com", is_active=False))
    world.password_reset = _link_parts(factories.user(email="glemsom@example.com"))

    world.a = factories.secretive_association(name="Klub A", members=[world.alice])
    default_storage.save(world.a.agreement_file.name, ContentFile(PDF))
    world.used_confirm_token = association_services.confirm_token(world.a)
    # A is due to confirm its details again: the reminder's link is what the matrix opens.
    world.a.confirmed_on = timezone.localdate() - datetime.timedelta(days=400)
    world.a.save(update_fields=["confirmed_on"])
    world.confirm_token = association_services.confirm_token(world.a)
    world.activity = world.a.activities.get()
    world.membership = world.a.memberships.get()
    world.invitation = association_services.invitation_send(
        association=world.a, user=world.alice, email="inviteret@example.com"
    )
    world.b = factories.association(name="Klub B", members=[world.bob])
    world.opportunity = Opportunity.objects.create(
        association=world.a,
        title="Chauffør",
        description="Kør til indkøb.",
        time_commitment=Opportunity.TimeCommitment.WEEKLY,
        answer_by=timezone.localdate() + datetime.timedelta(days=10),
    )
    world.opportunity_answer = OpportunityAnswer.objects.create(
        opportunity=world.opportunity,
        name="Hemmelig Frivillig",
        email="frivillig-hemmelig@example.org",
        message="Jeg vil gerne.",
    )
    world.expired_opportunity = Opportunity.objects.create(
        association=world.a,
        title="Udløbet",
        description="For sent.",
        time_commitment=Opportunity.TimeCommitment.ONE_OFF,
        answer_by=timezone.localdate() - datetime.timedelta(days=1),
    )
    world.pending = factories.association(
        name="Klub A i støbeskeen", members=[world.alice], status=Association.Status.PENDING
    )

    world.round = open_round()
    world.application = submitted(
        world.a,
        world.round,
        status=Status.GRANTED,
        amount_granted=10_000,
        decided_at=now,
        report_due_on=timezone.localdate() + datetime.timedelta(days=60),
        contact_name="Karen Privatsen",
    )
    world.attachment = world.application.attachments.first()
    # The assessor's seat on the round's panel, declared impartial on A's application (made
    # directly: the service takes declarations only while an application is undecided).
    panel = Panel.objects.create(round=world.round, deadline=timezone.localdate())
    world.seat = assessment_services.panel_member_add(
        panel=panel, user=world.assessor, external=False, by=world.consultant
    )
    Declaration.objects.create(member=world.seat, application=world.application, impartial=True)

    world.plan = factories.action_plan(world.area, goals=1)
    factories.action_plan(world.area, title="Hemmelig handleplan", published=False)
    factories.nomination(
        AwardCategory.objects.filter(is_open=True).first(),
        reason="Hemmelig begrundelse",
        nominator_email="indstiller@example.org",
    )
    world.event = factories.event(registration_open=True)
    world.registration = EventRegistration.objects.create(
        event=world.event, association=world.a, attendees=2, registered_by=world.alice
    )
    past_event = factories.event(starts_at=now - datetime.timedelta(days=40))
    world.past_event_year = timezone.localtime(past_event.starts_at).year
    world.workshop = factories.event(
        kind="workshop", starts_at=None, date_text="Foråret", input_open=True
    )
    WorkshopAnswer.objects.create(
        response=WorkshopResponse.objects.create(
            event=world.workshop,
            name="Skjult Deltager",
            email="deltager-skjult@example.org",
            consented_at=timezone.now(),
        ),
        question=world.workshop.questions.create(text="Hvad virker?", order=1),
        text="Hemmeligt workshopsvar",
    )
    world.closed_workshop = factories.event(kind="workshop")
    world.closed_workshop.questions.create(text="Hvad virker?", order=1)

    world.published = factories.voting_election(seats=1, candidates=2)
    group_services.election_close(election=world.published, user=world.consultant)
    group_services.election_publish(election=world.published, user=world.consultant)
    world.voting = factories.voting_election()
    world.nominating = factories.election(status=Election.Status.NOMINATING)
    world.draft = factories.election(title="Hemmeligt valgudkast")
    world.candidate = factories.candidate(
        world.nominating,
        consented=False,
        email="kandidat-hemmelig@example.org",
        presentation="Hemmelig præsentation",
    )

    world.meeting = factories.meeting(
        agenda="- Velkomst",
        minutes="Hemmeligt referat",
        proposal_deadline=now + datetime.timedelta(days=20),
    )
    AgendaProposal.objects.create(
        meeting=world.meeting,
        association=world.a,
        proposed_by=world.alice,
        title="Hemmeligt forslag",
        description="Vi vil tale om det.",
    )
    world.meeting_year = timezone.localtime(world.meeting.starts_at).year
    world.meeting_attachment = _meeting_attachment(world.meeting)
    group_services.meeting_publish_agenda(meeting=world.meeting)
    world.unpublished = _meeting_attachment(factories.meeting(agenda="- Hemmelig dagsorden"))
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module in a transaction rolled back at its end.

    Each test runs in its own savepoint inside it (pytest-django's `db`), so what one probe
    changes (an activation, a cancelled sign-up) is undone before the next.
    """
    media = tmp_path_factory.mktemp("media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=fast),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        built = _build_world()
        built.sessions = _logged_in_sessions(built)
        yield built
        transaction.set_rollback(True)


def _logged_in_sessions(world):
    """Each role's session cookie, logged in once for the module (staff with a code given): a
    login per probe cost a fifth of the module's time. What a probe does to its session is
    undone with the probe's savepoint."""
    sessions = {}
    for role in ROLES:
        if role != "anonymous":
            client = Client()
            client.force_login(getattr(world, role))
            sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return sessions


# Text that must be in no page: what only A's members and the consultant may read (never shown to
# Bob or an anonymous visitor), and what nobody outside the admin sees before it is published.
A_PRIVATE_TEXT = [
    "hemmelig@example.org",
    "Afvist fordi det er en hemmelighed",
    "Karen Privatsen",
    "Hemmeligt forslag",
    "frivillig-hemmelig@example.org",
]
ADMIN_ONLY_TEXT = [
    "Hemmelig dagsorden",
    "Hemmeligt referat",
    "Hemmeligt valgudkast",
    "Hemmelig handleplan",
    "Hemmelig begrundelse",
    "indstiller@example.org",
    "kandidat-hemmelig@example.org",
    "Hemmelig præsentation",
    "Skjult Deltager",
    "deltager-skjult@example.org",
    "Hemmeligt workshopsvar",
]


def _hidden_text(role):
    hidden = [] if role in ("consultant", "superuser") else list(ADMIN_ONLY_TEXT)
    if role in ("anonymous", "bob", "assessor"):
        hidden += A_PRIVATE_TEXT
    return hidden


def _request(client, world, role, url, method):
    if role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return getattr(client, method)(url)


PROBES = {**EXPECTATIONS, **VARIANTS}


def _cases():
    for key, probe in sorted(PROBES.items()):
        for role, expected in zip(ROLES, probe.expect, strict=True):
            yield pytest.param(key, role, expected, id=f"{key}-{role}")


def _readable(response):
    """False for a file sent in parts and for a zipped XLSX or a PDF, whose text cannot be
    searched (the 360Giving XLSX holds what its JSON package holds: tests/puljer/test_360giving.py;
    a decision letter's PDF holds the page's letter: tests/puljer/test_letters.py)."""
    return not response.streaming and response.get("Content-Type") not in (XLSX, "application/pdf")


@pytest.mark.parametrize(("key", "role", "expected"), list(_cases()))
def test_each_url_answers_each_role_as_the_table_says(client, db, world, key, role, expected):
    probe = PROBES[key]
    url = reverse(key.partition("@")[0], args=probe.args(world))
    response = _request(client, world, role, url, probe.method)
    assert response.status_code < 500
    if probe.private and role == "bob":
        assert response.status_code != 200, "Bob sees A's private page"
    if _readable(response):
        content = response.content.decode()
        assert [text for text in _hidden_text(role) if text in content] == []
    if expected == LOGIN:
        assert (response.status_code, response.url) == (302, redirect_to_login(url).url)
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(
    ("name", "role"),
    [
        (name, role)
        for name, probe in sorted(EXPECTATIONS.items())
        if probe.private and probe.method == "get"
        for role in ("anonymous", "bob")
    ],
)
def test_nobody_but_a_member_of_a_can_post_to_its_pages(client, db, world, name, role):
    url = reverse(name, args=EXPECTATIONS[name].args(world))
    response = _request(client, world, role, url, "post")
    if role == "anonymous":
        assert (response.status_code, response.url) == (302, redirect_to_login(url).url)
    else:
        # 405 from the pages that only show: they refuse a POST before asking who it is.
        assert response.status_code in (404, 405)


# The only admin pages an assessor gets, besides the index: their assignments.
ASSESSOR_ADMIN = {"admin:index", "admin:assessment_panelmember_changelist"}


def _admin_cases_by_page():
    return [("admin:index", 200)] + [
        (f"admin:{app}_{model}_changelist", consultant)
        for app, (model, consultant) in sorted(ADMIN_CHANGELISTS.items())
    ]


def _admin_cases():
    for name, consultant in _admin_cases_by_page():
        assessor = 200 if name in ASSESSOR_ADMIN else 403
        statuses = (LOGIN, LOGIN, LOGIN, consultant, assessor, 200)
        for role, status in zip(ROLES, statuses, strict=True):
            yield pytest.param(name, role, status, id=f"{name}-{role}")


@pytest.mark.parametrize(("name", "role", "expected"), list(_admin_cases()))
def test_the_admin_lets_in_only_the_consultant_and_the_superuser(
    client, db, world, name, role, expected
):
    url = reverse(name)
    response = _request(client, world, role, url, "get")
    if expected == LOGIN:
        login = redirect_to_login(url, reverse("admin:login")).url
        assert (response.status_code, response.url) == (302, login)
    else:
        assert response.status_code == expected


def _admin_page_cases():
    for name, probe in sorted(ADMIN_PAGES.items()):
        for role, expected in zip(ROLES, probe.expect, strict=True):
            yield pytest.param(name, role, expected, id=f"{name}-{role}")


@pytest.mark.parametrize(("name", "role", "expected"), list(_admin_page_cases()))
def test_each_admin_page_of_one_object_answers_each_role_as_the_table_says(
    client, db, world, name, role, expected
):
    url = reverse(name, args=ADMIN_PAGES[name].args(world))
    response = _request(client, world, role, url, "get")
    if _readable(response):
        content = response.content.decode()
        assert [text for text in _hidden_text(role) if text in content] == []
    if expected == LOGIN:
        login = redirect_to_login(url, reverse("admin:login")).url
        assert (response.status_code, response.url) == (302, login)
    else:
        assert response.status_code == expected


# Where a member of staff who has not yet given this login's code is answered otherwise than an
# anonymous visitor: the code page itself, and the login page, which sends them on to it.
PENDING_STAFF = {"two_factor": 200, "login": 302}


def _pending_staff_answer(world, role, url, method):
    """The answer to a staff session without a code, in a savepoint undone afterwards."""
    with transaction.atomic():
        client = Client()
        client.force_login(getattr(world, role), verified=False)
        response = getattr(client, method)(url)
        transaction.set_rollback(True)
    return response


def _differences(response, url, expected, login_url):
    found = []
    if _readable(response):
        content = response.content.decode()
        found += [text for text in _hidden_text("anonymous") if text in content]
    if expected == LOGIN:
        if (response.status_code, getattr(response, "url", None)) != (302, login_url):
            found.append(response.status_code)
    elif response.status_code != expected:
        found.append(response.status_code)
    return found


# TwoFactorMiddleware asks nothing of a member of staff but is_staff: the superuser, whose leak
# would show the most, and the assessor, who may be an outside person, stand for every role.
@pytest.mark.parametrize("role", ["assessor", "superuser"])
def test_a_staff_session_without_a_code_gets_what_an_anonymous_visitor_gets(db, world, role):
    Municipality.objects.update(require_two_factor=True)
    wrong = {}
    for key, probe in sorted(PROBES.items()):
        name = key.partition("@")[0]
        url = reverse(name, args=probe.args(world))
        asks = [(probe.method, PENDING_STAFF.get(name, probe.expect[0]))]
        if probe.private and probe.method == "get":
            asks.append(("post", LOGIN))
        for method, expected in asks:
            response = _pending_staff_answer(world, role, url, method)
            found = _differences(response, url, expected, redirect_to_login(url).url)
            if found:
                wrong[f"{method} {key}"] = found
    admin_urls = {name: reverse(name) for name, _consultant in _admin_cases_by_page()}
    for name, probe in ADMIN_PAGES.items():
        admin_urls[name] = reverse(name, args=probe.args(world))
    for name, url in admin_urls.items():
        response = _pending_staff_answer(world, role, url, "get")
        login = redirect_to_login(url, reverse("admin:login")).url
        if found := _differences(response, url, LOGIN, login):
            wrong[f"get {name}"] = found
    assert wrong == {}
