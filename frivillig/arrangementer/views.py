from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from frivillig import pagecache
from frivillig.accounts import login_wall
from frivillig.arrangementer import feed, selectors, services, workshops
from frivillig.arrangementer.forms import EventFilterForm, RegistrationForm, WorkshopResponseForm
from frivillig.arrangementer.models import Event
from frivillig.arrangementer.permissions import get_registration_for
from frivillig.forms import public_form_submit
from frivillig.hooks import app_callables

WORKSHOP_INPUT_LIMIT_PER_HOUR = 10


def _calendar(request, *, years, events, year=None, undated=None):
    form = EventFilterForm(request.GET or None)
    filters = form.filters()
    return render(
        request,
        "arrangementer/event_list.html",
        {
            "form": form,
            "events": list(events(**filters)),
            "undated": list(undated(**filters)) if undated else [],
            "years": years,
            "year": year,
            "filtered": any(filters.values()),
            "query": request.GET.urlencode(),
        },
    )


@require_safe
# Sign-up closes at its deadline, so the copy lasts a minute at most.
@pagecache.public_page(pagecache.FRIVILLIG, seconds=60)
def event_list(request):
    return _calendar(
        request,
        years=selectors.event_archive_years(),
        events=selectors.events_upcoming,
        undated=selectors.events_undated,
    )


@require_safe
def event_archive(request, year):
    years = selectors.event_archive_years()
    if year not in years:
        raise Http404
    return _calendar(
        request,
        years=years,
        events=lambda **filters: selectors.events_past_in_year(year, **filters),
        year=year,
    )


def _event_page(request, event, *, form=None):
    """The event's page with its sign-up; a workshop also shows its questions and, while input
    is open, the form (`form` when it comes back with errors)."""
    context = {
        "event": event,
        "signup_open": services.registration_open(event),
        "places_left": selectors.places_left(event),
    }
    if event.kind == Event.Kind.WORKSHOP:
        questions = list(selectors.workshop_questions(event))
        if form is None and questions and event.input_is_open():
            user = request.user
            initial = {}
            if user.is_authenticated:
                initial = {"name": user.get_full_name(), "email": user.email}
            form = WorkshopResponseForm(questions=questions, initial=initial)
        context.update(questions=questions, form=form)
    # Other apps add to the page (the group's elections there) without this app knowing them.
    context["sections"] = [section(request, event) for section in app_callables("event_sections")]
    return render(request, "arrangementer/event_detail.html", context)


def _event_or_404(slug):
    event = selectors.event_detail(slug)
    if event is None:
        raise Http404
    return event


@require_safe
# Its places left (the sign-ups) and workshop questions renew no scope, so the copy lasts a
# minute at most; a workshop's page with its open form (a CSRF token) is never kept.
@pagecache.public_page(*pagecache.scopes(), seconds=60)
def event_detail(request, slug):
    return _event_page(request, _event_or_404(slug))


@require_safe
def event_ics(request, slug):
    """One dated event as a file to add to a calendar."""
    event = _event_or_404(slug)
    if event.starts_at is None:
        raise Http404
    return feed.ics_response(
        request,
        name=event.title,
        entries=feed.event_entries(request, [event], host=feed.host_of(request)),
        filename=f"{event.slug}.ics",
        attachment=True,
    )


def _workshop_input_submit(request, event, form, data):
    """Save valid input; when the service refuses it, the reason goes on the form."""
    try:
        workshops.workshop_response_submit(
            event=event,
            name=data["name"],
            email=data["email"],
            organisation=data["organisation"],
            answers=form.answers(),
            consent=data["consent"],
            user=request.user if request.user.is_authenticated else None,
        )
    except workshops.WorkshopError as error:
        form.add_error(None, str(error))


@require_POST
def event_input(request, slug):
    event = selectors.event_detail(slug)
    if event is None or event.kind != Event.Kind.WORKSHOP:
        raise Http404
    questions = list(selectors.workshop_questions(event))
    if not (questions and event.input_is_open()):
        messages.error(
            request, _("Input for this workshop is closed, so your answers were not sent.")
        )
        return redirect(event)
    form = WorkshopResponseForm(request.POST, questions=questions)
    if public_form_submit(
        request,
        form,
        scope="workshop_input",
        limit=WORKSHOP_INPUT_LIMIT_PER_HOUR,
        limited_message=_(
            "You have sent input several times in a short time. Try again in an hour."
        ),
        save=lambda data: _workshop_input_submit(request, event, form, data),
    ):
        return redirect("event_input_received", slug=event.slug)
    return _event_page(request, event, form=form)


@require_safe
def event_input_received(request, slug):
    event = selectors.event_detail(slug)
    if event is None or event.kind != Event.Kind.WORKSHOP:
        raise Http404
    return render(request, "arrangementer/event_input_received.html", {"event": event})


def _members_only(request, message):
    """Logged in, but acting for no approved association: say so, rather than show a form."""
    return render(request, "foreninger/members_only.html", {"message": message}, status=403)


@login_wall(gettext_lazy("Log in to sign up your association."))
@require_http_methods(["GET", "HEAD", "POST"])
def event_signup(request, slug):
    event = _event_or_404(slug)
    associations = selectors.approved_associations_of(request.user)
    if not associations.exists():
        return _members_only(request, _("Only members of approved associations can sign up."))
    registrations = list(selectors.registrations_of(request.user, event))
    open_ = services.registration_open(event)
    form = RegistrationForm(request.POST or None, associations=associations)
    if request.method == "POST" and open_ and form.is_valid():
        try:
            services.event_register(
                event=event,
                association=form.cleaned_data["association"],
                attendees=form.cleaned_data["attendees"],
                note=form.cleaned_data["note"],
                user=request.user,
            )
        except services.RegistrationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(association)s is signed up for %(event)s.")
                % {"association": form.cleaned_data["association"], "event": event.title},
            )
            return redirect("folgegruppe:event_signup", slug=event.slug)
    return render(
        request,
        "arrangementer/event_signup.html",
        {
            "event": event,
            "form": form,
            "open": open_,
            "registrations": registrations,
            "places_left": selectors.places_left(event),
        },
    )


@login_required
@require_POST
def event_signup_cancel(request, slug, pk):
    registration = get_registration_for(request.user, pk)
    if registration.event.slug != slug:
        raise Http404
    try:
        services.event_registration_cancel(registration=registration)
    except services.RegistrationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(association)s is no longer signed up.")
            % {"association": registration.association},
        )
    return redirect(reverse("folgegruppe:event_signup", args=[slug]))


@require_safe
def recurring_events(request):
    return render(
        request,
        "arrangementer/recurring_events.html",
        {"events": list(selectors.recurring_events())},
    )


HOME_EVENT_COUNT = 3


def home_section(request):
    """The next dated events, for the front page (the calendar has them all)."""
    events = selectors.events_upcoming().filter(starts_at__isnull=False)
    return "arrangementer/home_section.html", {"events": list(events[:HOME_EVENT_COUNT])}
