from datetime import timedelta

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from folgegruppe import selectors, services
from folgegruppe.forms import BallotForm, NominationForm, ProposalForm
from folgegruppe.models import Candidate, Election
from folgegruppe.permissions import get_attachment_for
from frivillig import pagecache, uploads
from frivillig.accounts import login_wall
from frivillig.arrangementer import feed, ical
from frivillig.selectors import municipality_get

CALENDAR_HISTORY = timedelta(days=365)


# The coming meetings and the elections' windows change with the clock: a minute at most.
@require_safe
@pagecache.public_page(pagecache.FRIVILLIG, pagecache.FORENINGER, pagecache.FOLGEGRUPPE, seconds=60)
def group(request):
    seats = list(selectors.current_seats())
    return render(
        request,
        "folgegruppe/group.html",
        {
            "seats": seats,
            "coverage": selectors.group_coverage(seats),
            "meetings": list(selectors.meetings_upcoming()),
            "elections": list(selectors.elections_public()[:5]),
        },
    )


def _public_election(pk):
    election = selectors.election_public(pk)
    if election is None:
        raise Http404
    return election


def _members_only(request, message):
    """Logged in, but acting for no approved association: say so, rather than show a form."""
    return render(request, "foreninger/members_only.html", {"message": message}, status=403)


@require_safe
def election(request, pk):
    election = _public_election(pk)
    associations = list(selectors.approved_associations_of(request.user))
    voted = selectors.associations_voted(election, associations)
    return render(
        request,
        "folgegruppe/election.html",
        {
            "election": election,
            "candidates": services.ballot_candidates(election)
            .select_related("association")
            .order_by("name", "pk"),
            "nominations_open": services.nominations_open(election),
            "voting_open": services.voting_open(election),
            "my_associations": [(a, a.pk in voted) for a in associations],
        },
    )


@require_safe
@pagecache.public_page(pagecache.FRIVILLIG, pagecache.FORENINGER, pagecache.FOLGEGRUPPE)
def election_results(request, pk):
    election = _public_election(pk)
    if election.status != Election.Status.PUBLISHED:
        raise Http404
    result = election.result
    lines = list(selectors.election_result_lines(election))
    by_id = {line.candidate_id: line.candidate for line in lines}
    return render(
        request,
        "folgegruppe/results.html",
        {
            "election": election,
            "result": result,
            "lines": lines,
            "tied": [by_id[pk] for pk in result.tied],
            "drawn": [by_id[pk] for pk in result.drawn],
        },
    )


@require_safe
def election_draw_file(request, pk):
    """The drawing of lots as a file anyone can check the draw with (folgegruppe.counting)."""
    election = _public_election(pk)
    if election.status != Election.Status.PUBLISHED or not election.result.tied:
        raise Http404
    result = election.result
    names = dict(election.candidates.values_list("pk", "name"))
    data = {
        "election": election.title,
        "seed": result.seed,
        "tied_candidates": [{"number": pk, "name": names[pk]} for pk in result.tied],
        "order_drawn": [{"number": pk, "name": names[pk]} for pk in result.drawn],
        "how_to_check": (
            "Python 3: import random; numbers = [the numbers of tied_candidates, in order]; "
            "random.Random(seed).shuffle(numbers); numbers is now the order of order_drawn."
        ),
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="lodtraekning-{election.pk}.json"'
    return response


@login_wall(gettext_lazy("Log in to nominate a candidate."))
@require_http_methods(["GET", "HEAD", "POST"])
def nominate(request, pk):
    election = _public_election(pk)
    if not services.nominations_open(election):
        messages.error(request, _("Nominations for this election are closed."))
        return redirect(election)
    associations = selectors.approved_associations_of(request.user)
    if not associations.exists():
        return _members_only(request, _("Only members of approved associations can nominate."))
    form = NominationForm(request.POST or None, associations=associations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            candidate = services.candidate_nominate(
                election=election,
                nominated_by=data["association"],
                user=request.user,
                name=data["name"],
                email=data["email"],
                association=data["candidate_association"],
                presentation=data["presentation"],
            )
        except services.ElectionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "%(name)s is nominated and gets an e-mail to confirm the candidacy. The "
                    "candidacy is shown when it is confirmed."
                )
                % {"name": candidate.name},
            )
            return redirect(election)
    return render(request, "folgegruppe/nominate.html", {"election": election, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
def consent(request, token):
    """The link in the candidate's e-mail: a page with buttons (mail scanners only GET).

    The link only leads here; the answer counts only from the candidate's own account.
    """
    candidate = get_object_or_404(Candidate.objects.select_related("election"), token=token)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "consent":
                services.candidate_consent(candidate=candidate, user=request.user)
                messages.success(request, _("Thank you. You are now a candidate."))
            elif action == "withdraw":
                services.candidate_decline(candidate=candidate, user=request.user)
                messages.success(request, _("You are no longer a candidate."))
        except services.ElectionError as error:
            messages.error(request, str(error))
        return redirect("folgegruppe:consent", token=token)
    can_answer = services.candidate_may_answer(candidate, request.user)
    return render(
        request,
        "folgegruppe/consent.html",
        {
            "candidate": candidate,
            "election": candidate.election,
            "can_answer": can_answer,
            "can_consent": can_answer
            and candidate.consented_at is None
            and candidate.withdrawn_at is None
            and candidate.election.status == Election.Status.NOMINATING,
            "can_withdraw": can_answer
            and candidate.withdrawn_at is None
            and candidate.election.status in (Election.Status.NOMINATING, Election.Status.VOTING),
        },
    )


@login_wall(gettext_lazy("Log in to vote for your association."))
@require_http_methods(["GET", "HEAD", "POST"])
def vote(request, pk):
    election = _public_election(pk)
    if not services.voting_open(election):
        messages.error(request, _("Voting is not open."))
        return redirect(election)
    mine = selectors.approved_associations_of(request.user)
    if not mine.exists():
        return _members_only(request, _("Only members of approved associations can vote."))
    associations = selectors.associations_not_voted(election, mine)
    if not associations.exists():
        messages.info(request, _("Your associations have voted."))
        return redirect(election)
    form = BallotForm(
        request.POST or None,
        election=election,
        associations=associations,
        association_label=_("Vote for"),
    )
    if request.method == "POST" and form.is_valid() and form.cast(user=request.user):
        messages.success(
            request,
            _("The ballot of %(association)s is cast. Thank you for voting.")
            % {"association": form.cleaned_data["association"]},
        )
        return redirect(election)
    return render(request, "folgegruppe/vote.html", {"election": election, "form": form})


@require_safe
def meetings(request, year=None):
    year = year or timezone.localdate().year
    years = selectors.meeting_years()
    if year not in years:
        raise Http404
    return render(
        request,
        "folgegruppe/meetings.html",
        {
            "year": year,
            "years": years,
            "meetings": list(selectors.meetings_in_year(year)),
            "problems": selectors.meeting_year_check(year),
            "rules": selectors.meeting_rules(),
        },
    )


@require_safe
def meeting(request, pk):
    meeting = selectors.meeting_detail(pk)
    if meeting is None:
        raise Http404
    return render(
        request,
        "folgegruppe/meeting.html",
        {
            "meeting": meeting,
            "attachments": [a for a in meeting.attachments.all() if a.is_public()],
            "proposals_open": services.proposals_open(meeting),
        },
    )


@require_safe
def meeting_attachment(request, pk, attachment_pk):
    attachment = get_attachment_for(request.user, pk, attachment_pk)
    if not attachment.file:
        raise Http404
    return uploads.download(attachment.file, attachment.title)


@login_wall(gettext_lazy("Log in to propose an item for the meeting."))
@require_http_methods(["GET", "HEAD", "POST"])
def propose(request, pk):
    meeting = selectors.meeting_detail(pk)
    if meeting is None:
        raise Http404
    if not services.proposals_open(meeting):
        messages.error(request, _("The deadline for proposing items for this meeting has passed."))
        return redirect(meeting)
    associations = selectors.approved_associations_of(request.user)
    if not associations.exists():
        return _members_only(
            request, _("Only members of approved associations can propose agenda items.")
        )
    form = ProposalForm(request.POST or None, associations=associations)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_proposal_submit(
                meeting=meeting,
                association=form.cleaned_data["association"],
                user=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
            )
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Thank you. The volunteer consultant decides on the item and tells you."),
            )
            return redirect(meeting)
    return render(request, "folgegruppe/propose.html", {"meeting": meeting, "form": form})


@require_safe
def calendar_feed(request):
    """The group's meetings and the municipality's events as an iCalendar feed."""
    meetings, events = selectors.calendar_entries(since=timezone.now() - CALENDAR_HISTORY)
    name = selectors.group_name()
    municipality = municipality_get()
    return feed.ics_response(
        request,
        name=f"{name} – {municipality.name}" if municipality else name,
        entries=[_meeting_entry(request, meeting, name) for meeting in meetings]
        + feed.event_entries(request, events, host=feed.host_of(request)),
        filename="kalender.ics",
    )


def _meeting_entry(request, meeting, group_name):
    return ical.Entry(
        uid=f"meeting-{meeting.pk}@{feed.host_of(request)}",
        summary=_("%(group)s: meeting") % {"group": group_name},
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        location=meeting.place,
        description=meeting.agenda if meeting.agenda_published_at else "",
        url=request.build_absolute_uri(meeting.get_absolute_url()),
        cancelled=meeting.cancelled,
    )


@require_safe
def meeting_ics(request, pk):
    """One meeting as a file to add to a calendar."""
    meeting = selectors.meeting_detail(pk)
    if meeting is None:
        raise Http404
    name = selectors.group_name()
    return feed.ics_response(
        request,
        name=name,
        entries=[_meeting_entry(request, meeting, name)],
        filename=f"moede-{meeting.pk}.ics",
        attachment=True,
    )


def event_section(request, event):
    """The elections held at the event and the calendar feed, for the event's page."""
    return (
        "folgegruppe/event_section.html",
        {"elections": list(selectors.elections_public().filter(event=event))},
    )
