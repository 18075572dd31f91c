"""Demo content for the group (`manage.py seed_demo`), read from demo_group.yaml.

It needs the demo associations (foreninger.demo), which belong to Faaborg-Midtfyn; with another
municipality's data file loaded it does nothing. Running it again adds nothing.
"""

import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from folgegruppe import services
from folgegruppe.models import Election, ElectionResult, GroupSeat, Meeting, MeetingPartner
from foreninger.models import Association
from frivillig import timewindow
from frivillig.arrangementer.models import Event
from frivillig.datafile import yaml_file
from frivillig.models import User

DATA_FILE = Path(__file__).with_name("demo_group.yaml")


def demo_data():
    return yaml_file(DATA_FILE)


def _names(data):
    past, coming = data["past_election"], data["coming_election"]
    names = {row["association"] for row in past["candidates"] + coming["candidates"]}
    names |= set(past["voters"])
    return names


def _local(day, clock):
    hour, minute = map(int, clock.split(":"))
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
    )


def _candidates(election, rows, associations):
    return [
        election.candidates.create(
            name=row["name"],
            email=f"{row['name'].split()[0].lower()}@demo.example.org",
            association=associations[row["association"]],
            nominated_by=associations[row["association"]],
            presentation=row.get("presentation", ""),
            consented_at=timezone.now(),
        )
        for row in rows
    ]


def _past_election(row, associations, consultant):
    """Hold the election now through the services, then move its dates back in time."""
    now = timezone.now()
    today = timezone.localdate()
    voted_on = today - datetime.timedelta(days=row["days_ago"])
    term_start = voted_on + datetime.timedelta(days=1)
    election = Election.objects.create(
        title=f"{row['title']} {voted_on.year}",
        description=row["description"],
        seats=row["seats"],
        term_start=term_start,
        term_end=term_start.replace(year=term_start.year + 2) - datetime.timedelta(days=1),
        nomination_deadline=now - datetime.timedelta(hours=1),
        voting_opens_at=now - datetime.timedelta(minutes=30),
        voting_closes_at=now + datetime.timedelta(hours=1),
        status=Election.Status.VOTING,
    )
    candidates = _candidates(election, row["candidates"], associations)
    for voter, ballot in zip(row["voters"], row["ballots"], strict=True):
        services.ballot_cast(
            election=election,
            association=associations[voter],
            candidates=[candidates[number - 1] for number in ballot],
            user=consultant,
            on_paper=True,
        )
    services.election_close(election=election, user=consultant)
    services.election_publish(election=election, user=consultant)
    opens = _local(voted_on, "19:00")
    Election.objects.filter(pk=election.pk).update(
        nomination_deadline=opens - datetime.timedelta(days=14),
        voting_opens_at=opens,
        voting_closes_at=opens + datetime.timedelta(minutes=30),
        closed_at=opens + datetime.timedelta(minutes=30),
        published_at=opens + datetime.timedelta(minutes=45),
    )
    ElectionResult.objects.filter(election=election).update(
        counted_at=opens + datetime.timedelta(minutes=30)
    )


def _coming_election(row, associations, reception):
    if reception is None or reception.elections.exists():
        return
    nominations_close = reception.starts_at - datetime.timedelta(days=7)
    if timewindow.has_passed(nominations_close):
        return
    election = Election.objects.create(
        title=f"{row['title']} {timezone.localtime(reception.starts_at).year}",
        description=row["description"],
        seats=row["seats"],
        term_start=timezone.localtime(reception.starts_at).date(),
        term_end=timezone.localtime(reception.starts_at)
        .date()
        .replace(year=reception.starts_at.year + 2),
        nomination_deadline=nominations_close,
        voting_opens_at=reception.starts_at + datetime.timedelta(hours=1),
        voting_closes_at=reception.starts_at + datetime.timedelta(hours=2),
        event=reception,
        status=Election.Status.NOMINATING,
    )
    _candidates(election, row["candidates"], associations)


def _meetings(data, year):
    if Meeting.objects.filter(starts_at__year=year).exists():
        return
    partners = list(MeetingPartner.objects.order_by("order", "name"))
    place, (starts, ends) = data["meeting_place"], data["meeting_time"]
    now = timezone.now()
    for row in data["meetings"]:
        day = datetime.date(year, row["month"], 10)
        meeting = Meeting.objects.create(
            starts_at=_local(day, starts),
            ends_at=_local(day, ends),
            place=place,
            agenda=row["agenda"],
            minutes=row["minutes"] if _local(day, starts) < now else "",
            proposal_deadline=_local(day - datetime.timedelta(days=7), "12:00"),
        )
        if row.get("partner") and len(partners) >= row["partner"]:
            meeting.partners.add(partners[row["partner"] - 1])
        services.meeting_publish_agenda(meeting=meeting)
        if meeting.minutes:
            services.meeting_publish_minutes(meeting=meeting)


@transaction.atomic
def seed():
    data = demo_data()
    names = _names(data)
    associations = {
        association.name: association
        for association in Association.objects.filter(
            name__in=names, status=Association.Status.APPROVED
        )
    }
    if set(associations) != names:
        return "Demo group skipped: the demo associations of Faaborg-Midtfyn are not there."
    for organisation, person in data["fixed_members"].items():
        GroupSeat.objects.filter(fixed=True, organisation=organisation, person_name="").update(
            person_name=person
        )
    consultant = User.objects.filter(email="konsulent@example.org").first()
    past = data["past_election"]
    if not Election.objects.filter(title__startswith=past["title"]).exists():
        _past_election(past, associations, consultant)
    reception = (
        Event.objects.filter(kind=Event.Kind.NYTAARSKUR, starts_at__gt=timezone.now())
        .order_by("starts_at")
        .first()
    )
    _coming_election(data["coming_election"], associations, reception)
    year = timezone.localdate().year
    _meetings(data, year)
    return (
        f"Demo group: {GroupSeat.objects.count()} seats, {Election.objects.count()} elections, "
        f"{Meeting.objects.filter(starts_at__year=year).count()} meetings this year"
    )
