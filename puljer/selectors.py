"""Reads of the grant process used by more than one page."""

from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Sum

from frivillig import timewindow
from frivillig.hooks import app_callables
from frivillig.models import FocusArea
from puljer.models import GRANTED_STATUSES, OPEN_STATUSES, Application, Pool, Round, Status

DECIDED_GRANTS = Q(applications__status__in=GRANTED_STATUSES)
OPEN_APPLICATIONS = Q(applications__status__in=OPEN_STATUSES)


def open_rounds(today=None):
    """Round.is_open by calendar day: opens_on <= today <= deadline in Copenhagen."""
    today = today or timewindow.today()
    return (
        Round.objects.filter(opens_on__lte=today, deadline__gte=today)
        .select_related("pool")
        .order_by("deadline", "pool__kind")
    )


def with_totals(pools):
    """Pools with their granted total and the amount applied for in open cases."""
    granted = Q(rounds__applications__status__in=GRANTED_STATUSES)
    return pools.annotate(
        granted=Sum("rounds__applications__amount_granted", filter=granted),
        applied_open=Sum(
            "rounds__applications__amount_applied",
            filter=Q(rounds__applications__status__in=OPEN_STATUSES),
        ),
        grant_count=Count("rounds__applications", filter=granted),
    )


def pools_of_year(year):
    return with_totals(Pool.objects.filter(year=year)).order_by("kind")


def pool_overview():
    """Every pool with its totals and, as `round_rows`, its rounds with theirs."""
    return (
        with_totals(Pool.objects.all())
        .prefetch_related(Prefetch("rounds", queryset=rounds_overview(), to_attr="round_rows"))
        .order_by("-year", "kind")
    )


def money_of_year(year, *, by):
    """What was paid out and paid back for the year's applications, per value of their field
    `by` ("round__pool", "pk"), from the apps that record payments (the hook `grant_money`);
    None when no app does."""
    hooks = app_callables("grant_money")
    if not hooks:
        return None
    applications = Application.objects.filter(round__pool__year=year)
    money = defaultdict(lambda: {"paid": 0, "repaid": 0})
    for hook in hooks:
        for value, sums in hook(applications, by=by).items():
            for name, amount in sums.items():
                money[value][name] += amount
    return money


def grant_years():
    return list(Pool.objects.order_by("-year").values_list("year", flat=True).distinct())


def grants_of_year(year):
    """Decided grants of a year for the transparency page: who got what, for what."""
    return (
        Application.objects.filter(round__pool__year=year, status__in=GRANTED_STATUSES)
        .select_related("association", "round__pool")
        .only(
            "reference",
            "title",
            "amount_granted",
            "association__name",
            "association__slug",
            "association__status",
            "round__pool__name",
            "round__pool__name_en",
            "round__pool__kind",
        )
        .prefetch_related(
            Prefetch(
                "focus_areas",
                queryset=FocusArea.objects.only("title", "title_en", "slug", "number").order_by(
                    "number"
                ),
            )
        )
        .order_by("round__pool__kind", "association__name", "reference")
    )


def rounds_overview():
    """Rounds with their granted and applied-for-in-open-cases totals."""
    return (
        Round.objects.select_related("pool")
        .annotate(
            granted=Sum("applications__amount_granted", filter=DECIDED_GRANTS),
            applied_open=Sum("applications__amount_applied", filter=OPEN_APPLICATIONS),
            application_count=Count("applications", filter=~Q(applications__status=Status.DRAFT)),
        )
        .order_by("pool__year", "pool__kind", "opens_on")
    )


def overdue_report_filter(today=None):
    """Applications whose report is late: granted money, due date passed, no report yet."""
    today = today or timewindow.today()
    return Q(
        status__in=[Status.GRANTED, Status.PARTIALLY_GRANTED, Status.REPORT_DUE],
        report_due_on__lt=today,
    )


def with_overdue_flag(applications, today=None):
    """Annotate `association_has_overdue_report`, shown when an association applies again."""
    overdue = Application.objects.filter(
        overdue_report_filter(today), association=OuterRef("association")
    )
    return applications.annotate(association_has_overdue_report=Exists(overdue))


def handled_by(applications, user):
    """The applications `user` may handle (forvaltningsloven § 3): none of an association they
    are a member of, nor any they declared a conflict on."""
    applications = applications.exclude(association__memberships__user=user)
    for partial in app_callables("partial_applications"):
        applications = applications.exclude(pk__in=partial(user))
    return applications


def is_partial(user, application):
    return not handled_by(Application.objects.filter(pk=application.pk), user).exists()


def double_funding_conflicts(application):
    """Other live applications of the same year for the same activity in the other pool kind.

    Only where a pool has the rule that the same activity may not receive both §18 and §79
    money in the same year (either pool's rule is enough).
    """
    other_kinds = {
        Pool.Kind.SECTION_79: [Pool.Kind.SECTION_18, Pool.Kind.CO_CREATION],
        Pool.Kind.SECTION_18: [Pool.Kind.SECTION_79],
        Pool.Kind.CO_CREATION: [Pool.Kind.SECTION_79],
    }[application.round.pool.kind]
    same_activity = (
        Q(activity=application.activity)
        if application.activity_id
        else Q(title__iexact=application.title)
    )
    ruled = (
        Q()
        if application.round.pool.forbids_double_funding
        else Q(round__pool__forbids_double_funding=True)
    )
    return (
        Application.objects.filter(
            same_activity,
            ruled,
            association=application.association_id,
            round__pool__year=application.round.pool.year,
            round__pool__kind__in=other_kinds,
        )
        .exclude(status__in=[Status.DRAFT, Status.WITHDRAWN, Status.DECLINED])
        .exclude(pk=application.pk)
        .select_related("round__pool")
    )


def co_creation_grants_for(area):
    return (
        Application.objects.only(
            "title", "amount_granted", "association__name", "round__pool__year"
        )
        .filter(
            focus_areas=area,
            round__pool__kind=Pool.Kind.CO_CREATION,
            status__in=GRANTED_STATUSES,
        )
        .select_related("association", "round__pool")
        .order_by("-round__pool__year", "association__name")
    )
