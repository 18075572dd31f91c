"""Assessment by a panel: declarations of impartiality that hold, scores, the workbench, the
recommendation list, the assessors' e-mails and the record at the decision."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry as AuditEntry
from django.contrib.auth.models import Group
from django.core import mail
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from frivillig.roles import ASSESSOR_GROUP
from puljer import services as grants
from puljer.assessment import selectors, services
from puljer.assessment.models import Criterion, Declaration, Panel, Score
from puljer.models import Pool, Status
from puljer.workflow import ApplicationError
from tests import factories
from tests.puljer.conftest import open_round, submitted


@pytest.fixture
def round_(faaborg):
    round_ = open_round()
    Criterion.objects.filter(pool=round_.pool).update(scale_max=5, weight=2)
    Criterion.objects.create(
        pool=round_.pool, number=2, text="Demo-kriterium", scale_max=5, weight=1
    )
    return round_


@pytest.fixture
def panel(round_):
    return Panel.objects.create(
        round=round_,
        deadline=timezone.localdate() + datetime.timedelta(days=3),
        confidentiality_text="Demotekst om tavshed.",
    )


def _seat(panel, user):
    """A seat on the panel for somebody already on the staff, such as the consultant."""
    return services.panel_member_add(panel=panel, user=user, external=False, by=user)


def _assessor(panel, email, *, external=False, consultant=None):
    user = factories.user(email=email, first_name=email.split("@")[0].capitalize())
    return services.panel_member_add(panel=panel, user=user, external=external, by=consultant)


@pytest.fixture
def world(panel, club_a, club_b, consultant):
    a = submitted(club_a, panel.round)
    b = submitted(club_b, panel.round)
    ida = _assessor(panel, "ida@example.com", consultant=consultant)
    jon = _assessor(panel, "jon@example.com", consultant=consultant)
    # Kim is a member of association A: the portal knows it.
    kim = _assessor(panel, "kim@example.com", external=True, consultant=consultant)
    club_a.memberships.create(user=kim.user)
    kim = services.confidentiality_sign(member=kim)
    return a, b, ida, jon, kim


def _score(member, application, values):
    services.declaration_make(member=member, application=application, impartial=True)
    criteria = selectors.criteria_for(application.round.pool)
    services.scores_save(
        member=member,
        application=application,
        scores={c: (v, "Begrundet.") for c, v in zip(criteria, values, strict=True)},
    )


def test_it_gives_an_assessor_the_role_staff_access_and_an_email(world):
    _a, _b, ida, _jon, _kim = world
    ida.user.refresh_from_db()
    assert ida.user.is_staff
    assert list(ida.user.groups.values_list("name", flat=True)) == [ASSESSOR_GROUP]
    assert sorted(
        Group.objects.get(name=ASSESSOR_GROUP).permissions.values_list("codename", flat=True)
    ) == ["assess", "view_panelmember"]
    assert [m.to for m in mail.outbox] == [
        ["ida@example.com"],
        ["jon@example.com"],
        ["kim@example.com"],
    ]
    assert mail.outbox[0].subject == "Du er bedømmer af §18-puljen – Runde"


def test_a_member_of_association_a_gets_404_on_its_application_and_sees_no_scores(client, world):
    a, b, ida, _jon, kim = world
    _score(ida, a, [4, 3])
    client.force_login(kim.user)
    url = reverse("admin:assessment_panelmember_assess", args=[kim.pk, a.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"impartial": "yes"}).status_code == 404
    page = client.get(reverse("admin:assessment_panelmember_round", args=[kim.pk]))
    content = page.content.decode()
    assert page.status_code == 200
    assert "Fællesspisning" not in content.split(a.reference, 1)[1].split(b.reference, 1)[0]
    row = next(r for r in page.context["workbench"].rows if r.application == a)
    assert (row.hidden, row.lines, row.total) == (True, [], None)
    # Declaring impartial does not help: the membership decides.
    declaration = services.declaration_make(member=kim, application=a, impartial=True)
    assert (declaration.impartial, declaration.member_of_applicant) == (False, True)
    with pytest.raises(ApplicationError, match="Du er inhabil"):
        services.scores_save(member=kim, application=a, scores={})


def test_an_assessor_who_declares_a_conflict_stands_aside_and_the_timeline_says_so(world):
    a, _b, _ida, jon, _kim = world
    with pytest.raises(ApplicationError, match="Skriv, hvorfor"):
        services.declaration_make(member=jon, application=a, impartial=False)
    services.declaration_make(
        member=jon, application=a, impartial=False, reason="Min søster er formand."
    )
    with pytest.raises(Http404):
        selectors.get_application_for_assessor(jon, a.pk)
    event = a.events.get(action="declared_partial")
    assert (event.user, event.internal, event.note) == (
        jon.user,
        True,
        "Jon har erklæret sig inhabil og træder til side: Min søster er formand.",
    )


def test_the_workbench_shows_each_score_the_averages_the_total_and_who_is_missing(world):
    a, b, ida, jon, kim = world
    _score(ida, a, [4, 3])
    _score(jon, a, [5, 2])
    _score(kim, b, [1, 1])
    rows = {row.application: row for row in selectors.workbench(a.round.panel).rows}
    assert [(c.number, given, avg) for c, given, avg in rows[a].lines] == [
        (1, [4, 5, None], Decimal("4.5")),
        (2, [3, 2, None], Decimal("2.5")),
    ]
    # 2 × 4.5 + 1 × 2.5
    assert rows[a].total == Decimal("11.5")
    assert (rows[a].missing, rows[a].stood_aside) == ([], [kim])
    assert rows[b].missing == [ida, jon]


def test_a_score_must_be_on_the_scale_and_have_a_comment(world):
    a, _b, ida, _jon, _kim = world
    services.declaration_make(member=ida, application=a, impartial=True)
    criterion = selectors.criteria_for(a.round.pool)[0]
    with pytest.raises(ApplicationError, match="fra 0 til 5"):
        services.scores_save(member=ida, application=a, scores={criterion: (6, "Godt.")})
    with pytest.raises(ApplicationError, match="kommentar"):
        services.scores_save(member=ida, application=a, scores={criterion: (3, " ")})


def test_an_external_assessor_signs_the_confidentiality_declaration_first(
    client, panel, consultant
):
    member = _assessor(panel, "ekstern@example.com", external=True, consultant=consultant)
    client.force_login(member.user)
    response = client.get(reverse("admin:assessment_panelmember_round", args=[member.pk]))
    assert response.url == reverse("admin:assessment_panelmember_confidentiality", args=[member.pk])
    response = client.post(response.url, {"signed": "on"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Tak. Erklæringen er underskrevet."]
    assert "Demotekst om tavshed." not in response.content.decode()


def test_the_recommendation_list_refuses_to_exceed_what_is_left(world, consultant):
    a, b, *_ = world
    Pool.objects.filter(pk=a.round.pool_id).update(budget=15_000)
    with pytest.raises(ApplicationError, match=r"15\.000 kr\."):
        services.recommendation_set(
            panel=a.round.panel,
            user=consultant,
            lines={a.pk: (10_000, ""), b.pk: (6_000, "Skåret.")},
        )
    total = services.recommendation_set(
        panel=a.round.panel, user=consultant, lines={a.pk: (10_000, ""), b.pk: (5_000, "Skåret.")}
    )
    b.refresh_from_db()
    assert (total, b.recommended_amount, b.recommendation_reason) == (15_000, 5_000, "Skåret.")


def test_assessors_with_work_left_are_reminded_once_before_the_deadline(world):
    a, b, ida, _jon, _kim = world
    _score(ida, a, [4, 3])
    _score(ida, b, [4, 3])
    assert len(mail.outbox) == 3  # the three assignments, delivered
    mail.outbox.clear()
    assert services.assessors_remind() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["jon@example.com", "kim@example.com"]
    assert services.assessors_remind() == 0


def test_the_decision_records_who_assessed_and_who_stood_aside_and_ends_access(world, consultant):
    a, b, ida, jon, kim = world
    _score(ida, a, [4, 3])
    _score(jon, a, [5, 2])
    for application in (a, b):
        grants.grant_decide(application=application, user=consultant, amount=10_000)
    assert a.events.get(action="panel").note == "Bedømt af: Ida, Jon. Trådt til side: Kim."
    kim.refresh_from_db()
    kim.user.refresh_from_db()
    assert kim.access_ended_at is not None
    assert (kim.user.is_staff, kim.user.groups.exists()) == (False, False)
    a.refresh_from_db()
    assert a.status == Status.GRANTED


def test_the_data_file_gives_each_pool_its_criteria_with_sources_and_no_scale(faaborg):
    criteria = Criterion.objects.filter(
        pool__year=timezone.localdate().year, pool__kind=Pool.Kind.CO_CREATION
    )
    assert [(c.number, c.source, c.scale_max, c.weight) for c in criteria] == [
        (1, "001 strategi, 1. Øget mangfoldighed", None, None),
        (2, "001 strategi, 2. Respekt og tillid", None, None),
        (3, "001 strategi, 3. Gensidigt kendskab", None, None),
        (4, "001 strategi, 4. Nye idéer – nye veje", None, None),
        (5, "001 strategi, 5. Anerkendelse", None, None),
    ]
    s79 = Criterion.objects.get(pool__kind=Pool.Kind.SECTION_79, number=1)
    assert s79.text == (
        "Drift af åbne sociale arrangementer målrettet borgere over 65 år med behov for socialt "
        "samvær."
    )


def test_a_criterion_without_a_scale_cannot_be_scored(world):
    a, _b, ida, _jon, _kim = world
    Criterion.objects.filter(pool=a.round.pool, number=2).update(scale_max=None)
    services.declaration_make(member=ida, application=a, impartial=True)
    criterion = Criterion.objects.get(pool=a.round.pool, number=2)
    with pytest.raises(ApplicationError, match="Skalaen og vægten for kriterium 2"):
        services.scores_save(member=ida, application=a, scores={criterion: (3, "Fint.")})


def test_the_administration_decides_the_list_in_one_batch_as_recommended(world, consultant):
    a, b, *_ = world
    pool = a.round.pool
    with pytest.raises(ApplicationError, match="Socialudvalget afgør ansøgningerne"):
        services.recommendation_decide(panel=a.round.panel, user=consultant)
    Pool.objects.filter(pk=pool.pk).update(
        decision_authority=Pool.Authority.ADMINISTRATION, decision_authority_name="Socialområdet"
    )
    services.recommendation_set(
        panel=a.round.panel, user=consultant, lines={a.pk: (10_000, ""), b.pk: (4_000, "Skåret.")}
    )
    assert services.recommendation_decide(panel=a.round.panel, user=consultant) == 2
    a.refresh_from_db()
    b.refresh_from_db()
    assert [(x.status, x.amount_granted, x.decision_reason) for x in (a, b)] == [
        (Status.GRANTED, 10_000, ""),
        (Status.PARTIALLY_GRANTED, 4_000, "Skåret."),
    ]


def test_the_consultant_adds_an_assessor_in_the_admin_and_is_told_so(client, panel, consultant):
    person = factories.user(email="ny@example.com", first_name="Nina")
    client.force_login(consultant)
    for name in ("change", "workbench", "recommendation"):
        url = reverse(f"admin:assessment_panel_{name}", args=[panel.pk])
        assert client.get(url).status_code == 200, name
    assert client.get(reverse("admin:assessment_panel_add")).status_code == 200
    response = client.post(
        reverse("admin:assessment_panel_member_add", args=[panel.pk]),
        {"user": person.pk, "external": "on"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Nina er med i panelet og har fået en e-mail."
    ]
    assert list(panel.members.values_list("user__email", "external")) == [("ny@example.com", True)]


APPLICATION_PAGES = ["change", "decide", "note", "hearing", "dossier"]


def _handled_in_the_admin(client, application):
    """The status of each admin page of one application, and whether the list shows it."""
    statuses = {
        name: client.get(
            reverse(f"admin:puljer_application_{name}", args=[application.pk])
        ).status_code
        for name in APPLICATION_PAGES
    }
    listing = client.get(reverse("admin:puljer_application_changelist")).content.decode()
    return statuses, application.reference in listing


def test_a_consultant_on_the_panel_who_declares_a_conflict_does_not_handle_the_application(
    client, world, consultant
):
    a, b, *_ = world
    seat = _seat(a.round.panel, consultant)
    services.declaration_make(
        member=seat, application=a, impartial=False, reason="Min bror er kasserer."
    )
    client.force_login(consultant)
    assert _handled_in_the_admin(client, a) == (dict.fromkeys(APPLICATION_PAGES, 404), False)
    assert _handled_in_the_admin(client, b) == (dict.fromkeys(APPLICATION_PAGES, 200), True)
    with pytest.raises(ApplicationError, match="Du er inhabil i sagen om Fællesspisning"):
        grants.grant_decide(application=a, user=consultant, amount=10_000)


def test_a_consultant_who_is_a_member_of_the_applying_association_does_not_handle_it(
    client, world, consultant, club_a
):
    a, b, *_ = world
    club_a.memberships.create(user=consultant)
    client.force_login(consultant)
    assert _handled_in_the_admin(client, a) == (dict.fromkeys(APPLICATION_PAGES, 404), False)
    assert _handled_in_the_admin(client, b)[1] is True
    with pytest.raises(ApplicationError, match="Du er inhabil i sagen om Fællesspisning"):
        grants.grant_decide(application=a, user=consultant, amount=10_000)
    # Another consultant, impartial, decides it.
    other = factories.user(email="anden@example.com", is_staff=True)
    other.groups.add(*consultant.groups.all())
    grants.grant_decide(application=a, user=other, amount=10_000)


def test_the_declaration_and_each_score_are_in_the_audit_trail_with_who_made_them(client, world):
    a, _b, ida, *_ = world
    client.force_login(ida.user)
    url = reverse("admin:assessment_panelmember_assess", args=[ida.pk, a.pk])
    client.post(url, {"impartial": "yes"})
    first, second = selectors.criteria_for(a.round.pool)
    scores = {
        f"value_{first.pk}": "4",
        f"comment_{first.pk}": "Godt forankret.",
        f"value_{second.pk}": "2",
        f"comment_{second.pk}": "Tyndt budget.",
    }
    client.post(url, scores)
    client.post(url, {**scores, f"value_{second.pk}": "3"})
    declared = AuditEntry.objects.get_for_model(Declaration).get()
    assert (declared.actor, declared.action) == (ida.user, AuditEntry.Action.CREATE)
    assert declared.changes_dict["impartial"] == ["None", "True"]
    trail = AuditEntry.objects.get_for_model(Score).order_by("timestamp")
    assert [(entry.actor, entry.action) for entry in trail] == [
        (ida.user, AuditEntry.Action.CREATE),
        (ida.user, AuditEntry.Action.CREATE),
        (ida.user, AuditEntry.Action.UPDATE),
    ]
    assert trail.last().changes_dict == {"value": ["2", "3"]}
