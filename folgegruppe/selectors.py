"""Reads for the follow-up group: seats and coverage, elections, meetings and the year rule."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from folgegruppe.models import (
    AgendaProposal,
    Election,
    GroupSeat,
    Meeting,
    MeetingAttachment,
    MeetingPartner,
    MeetingSettings,
    VoterRecord,
)
from foreninger.models import Activity, Association
from frivillig.arrangementer.selectors import events_since
from frivillig.models import TargetGroup
from frivillig.selectors import municipality_get


def group_name(municipality=None):
    """The municipality's own name for the group (“Frivillighedsrådet”), read when shown."""
    if municipality is None:
        municipality = municipality_get()
    return (municipality.group_name if municipality else "") or _("Follow-up group")


def group_navigation_label(municipality):
    """The group's menu entry, left out when the municipality has no such group."""
    if municipality and not municipality.group_name:
        return None
    return group_name(municipality)


def current_seats(today=None):
    """The seats held today: the fixed ones, and the elected ones whose term covers today."""
    today = today or timezone.localdate()
    return (
        GroupSeat.objects.filter(
            Q(term_start__isnull=True) | Q(term_start__lte=today),
            Q(term_end__isnull=True) | Q(term_end__gte=today),
        )
        .select_related("association")
        .order_by("-fixed", "order", "term_start", "person_name")
    )


@dataclass
class Coverage:
    """Which of the municipality's target groups the seat holders' associations work for."""

    rows: list = field(default_factory=list)  # (target group, [seats covering it])
    unlinked: list = field(default_factory=list)  # seats without an association in the registry

    @property
    def gaps(self):
        return [group for group, seats in self.rows if not seats]


def group_coverage(seats):
    """Coverage of every target group by the seats, through each association's own target
    groups and its activities', as in the directory; three queries."""
    seats = list(seats)
    association_ids = {seat.association_id for seat in seats if seat.association_id}
    groups_of = defaultdict(set)
    for association, group in Association.target_groups.through.objects.filter(
        association__in=association_ids
    ).values_list("association", "targetgroup"):
        groups_of[association].add(group)
    for association, group in Activity.target_groups.through.objects.filter(
        activity__association__in=association_ids
    ).values_list("activity__association", "targetgroup"):
        groups_of[association].add(group)
    return Coverage(
        rows=[
            (group, [seat for seat in seats if group.pk in groups_of[seat.association_id]])
            for group in TargetGroup.objects.order_by("order", "name")
        ],
        unlinked=[seat for seat in seats if not seat.association_id],
    )


def approved_associations_of(user):
    """The approved associations a user may act for in the group's matters."""
    if not user.is_authenticated:
        return Association.objects.none()
    return Association.objects.filter(
        memberships__user=user, status=Association.Status.APPROVED
    ).order_by("name")


def elections_public():
    return Election.objects.exclude(status=Election.Status.DRAFT).order_by("-voting_opens_at")


def election_public(pk):
    return elections_public().select_related("event").filter(pk=pk).first()


def associations_not_voted(election, associations):
    return associations.exclude(
        pk__in=VoterRecord.objects.filter(election=election).values("association")
    )


def associations_voted(election, associations):
    """The ids of those of `associations` that have voted in the election."""
    return set(
        VoterRecord.objects.filter(election=election, association__in=associations).values_list(
            "association", flat=True
        )
    )


def election_result_lines(election):
    return election.result.lines.select_related("candidate__association").order_by(
        "-votes", "candidate__name", "candidate__pk"
    )


def meetings_in_year(year):
    return (
        Meeting.objects.filter(starts_at__year=year)
        .prefetch_related(Prefetch("partners", queryset=MeetingPartner.objects.order_by("order")))
        .order_by("starts_at")
    )


def meeting_years():
    """The years with meetings, newest first, and always this year."""
    years = {moment.year for moment in Meeting.objects.datetimes("starts_at", "year")}
    return sorted(years | {timezone.localdate().year}, reverse=True)


def meeting_detail(pk):
    return (
        Meeting.objects.prefetch_related(
            Prefetch("partners", queryset=MeetingPartner.objects.order_by("order")),
            Prefetch("attachments", queryset=MeetingAttachment.objects.order_by("part", "title")),
            Prefetch(
                "proposals",
                queryset=AgendaProposal.objects.filter(status=AgendaProposal.Status.ACCEPTED)
                .select_related("association")
                .order_by("created_at"),
                to_attr="accepted_proposals",
            ),
        )
        .filter(pk=pk)
        .first()
    )


def meetings_upcoming(limit=4):
    return meetings_in_range(start=timezone.now()).filter(cancelled=False)[:limit]


def meetings_in_range(*, start):
    return (
        Meeting.objects.filter(starts_at__gte=start)
        .prefetch_related(Prefetch("partners", queryset=MeetingPartner.objects.order_by("order")))
        .order_by("starts_at")
    )


@dataclass
class MeetingRules:
    settings: MeetingSettings | None
    partners: list

    @property
    def per_year(self):
        return self.settings.meetings_per_year if self.settings else None

    @property
    def participants(self):
        text = self.settings.participants if self.settings else ""
        return [line.strip() for line in text.splitlines() if line.strip()]


def meeting_rules():
    return MeetingRules(
        settings=MeetingSettings.objects.filter(pk=1).first(),
        partners=list(MeetingPartner.objects.order_by("order", "name")),
    )


def meeting_year_check(year):
    """What keeps the year's planned meetings from holding the rule, as sentences; [] if it holds.

    The rule comes from the data file: at least the set number of meetings a year, and with each
    partner (the social committee, a network) at least that partner's number. Cancelled
    meetings do not count.
    """
    settings = MeetingSettings.objects.filter(pk=1).first()
    planned = Meeting.objects.filter(starts_at__year=year, cancelled=False)
    problems = []
    per_year = settings.meetings_per_year if settings else None
    count = planned.count()
    if per_year and count < per_year:
        problems.append(
            ngettext(
                "%(count)d meeting is planned for %(year)d; the rule is %(rule)d a year.",
                "%(count)d meetings are planned for %(year)d; the rule is %(rule)d a year.",
                count,
            )
            % {"count": count, "year": year, "rule": per_year}
        )
    partners = MeetingPartner.objects.annotate(
        planned=Count("meetings", filter=Q(meetings__in=planned))
    ).order_by("order", "name")
    municipality = municipality_get()
    committee = municipality.committee_name if municipality else ""
    for partner in partners:
        if partner.planned < partner.meetings_per_year:
            problems.append(
                _("%(partner)s: %(planned)d of at least %(rule)d meetings in %(year)d are planned.")
                % {
                    "partner": partner.shown_name(committee),
                    "planned": partner.planned,
                    "rule": partner.meetings_per_year,
                    "year": year,
                }
            )
    return problems


def calendar_entries(*, since):
    """The meetings and events for the calendar feed, from `since` on."""
    meetings = meetings_in_range(start=since)
    events = events_since(since)
    return list(meetings), list(events)
