import base64
import itertools
from operator import attrgetter

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.validators import slug_re
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django_otp import login as otp_login

from frivillig import pagecache, selectors
from frivillig.accounts import account_activate, account_signup, account_to_activate
from frivillig.awards import AwardError, award_nomination_submit
from frivillig.context_processors import frame
from frivillig.forms import NominationForm, SignupForm, TokenForm, public_form_submit
from frivillig.hooks import app_callables
from frivillig.jobs.selectors import worker_alive
from frivillig.models import FocusArea, Page, Region
from frivillig.two_factor import totp_device_for, totp_verify

SIGNUP_LIMIT_PER_HOUR = 10
NOMINATION_LIMIT_PER_HOUR = 5


@require_safe
@pagecache.public_page(*pagecache.scopes(), daily=True)
def home(request):
    municipality = frame(request).municipality
    today = timezone.localdate()
    return render(
        request,
        "frivillig/home.html",
        {
            # Read only when the template's cached copy is missing.
            "focus_areas": selectors.focus_area_list().only(
                "number", "slug", "title", "title_en", "goal", "goal_en"
            ),
            "regions": Region.objects.all(),
            "sections": SimpleLazyObject(
                lambda: [
                    section
                    for build in app_callables("home_sections")
                    if (section := build(request)) is not None
                ]
            ),
            "strategy_ended": municipality is not None
            and municipality.strategy_has_ended(today.year),
            # Any app may add a section; the next events change with the day.
            "version": f"{pagecache.version(request, *pagecache.scopes())}:{today}",
        },
    )


@require_safe
@pagecache.public_page(*pagecache.scopes(), daily=True)
def focus_area(request, slug):
    # Any app may add a section, so the page follows every scope.
    scopes = pagecache.scopes()
    area = pagecache.cached(
        request,
        "focus_area",
        slug,
        scopes=scopes,
        build=lambda: selectors.focus_area_with_examples(slug),
    )
    if area is None:
        raise Http404
    # Each app adds its own section (associations, grants, action plans) without this app
    # knowing about it; a section is a (template name, context) pair. Read only when the
    # template's cached copy is missing.
    sections = SimpleLazyObject(
        lambda: [section(request, area) for section in app_callables("focus_area_sections")]
    )
    return render(
        request,
        "frivillig/focus_area.html",
        {
            "area": area,
            "focus_areas": selectors.focus_area_list().only("number", "slug", "title", "title_en"),
            "sections": sections,
            # The action plan in force depends on the day.
            "version": f"{pagecache.version(request, *scopes)}:{timezone.localdate()}",
        },
    )


@require_safe
def page(request, slug):
    page = get_object_or_404(Page, slug=slug)
    pages = frame(request).pages
    # The first content page presents the municipality's document (the menu keeps it), so it
    # leads on to the document's focus areas.
    presents_document = bool(pages) and pages[0].slug == page.slug
    focus_areas = selectors.focus_area_list() if presents_document else []
    return render(request, "frivillig/page.html", {"page": page, "focus_areas": focus_areas})


def csrf_failure(request, reason=""):
    """An expired or cookieless form (CSRF_FAILURE_VIEW): what to do, not the technical reason."""
    return render(request, "403_csrf.html", status=403)


@require_safe
def accessibility(request):
    """/was/ leads to the municipality's statement on was.digst.dk, as the law has it; until the
    data file gives its address, the portal shows the statement from the data itself."""
    municipality = frame(request).municipality
    if municipality and municipality.accessibility_statement_url:
        return redirect(municipality.accessibility_statement_url)
    return render(request, "frivillig/accessibility.html")


@require_safe
def privacy(request):
    return render(request, "frivillig/privacy.html")


@require_safe
def healthz(request):
    """For the load balancer: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
def healthz_worker(request):
    """For monitoring: 200 while the worker's heartbeat is fresh, 503 when it has stopped (and
    with it the mail and the scheduled jobs) or the database does not answer."""
    try:
        alive = worker_alive()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    if not alive:
        return HttpResponse("worker stopped\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    if not settings.PASSWORD_LOGIN:
        raise Http404
    if request.user.is_authenticated:
        return redirect("foreninger:dashboard")
    form = SignupForm(request.POST or None)
    if public_form_submit(
        request,
        form,
        scope="signup",
        limit=SIGNUP_LIMIT_PER_HOUR,
        limited_message=_("Too many accounts from here in a short time. Try again later."),
        save=lambda data: account_signup(
            email=data["email"],
            password=data["password1"],
            first_name=data["first_name"],
            last_name=data["last_name"],
        ),
    ):
        return render(
            request, "registration/signup_done.html", {"email": form.cleaned_data["email"]}
        )
    return render(request, "registration/signup.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
def activate(request, uidb64, token):
    """The activation link opens a page with a button, so that fetching the link (a mail
    scanner, a preview) changes nothing; pressing it activates the account and logs in."""
    if request.method != "POST":
        account = account_to_activate(uidb64=uidb64, token=token)
        if account is None:
            return render(request, "registration/activation_invalid.html", status=400)
        return render(request, "registration/activate.html", {"account": account})
    user = account_activate(uidb64=uidb64, token=token)
    if user is None:
        return render(request, "registration/activation_invalid.html", status=400)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your account is active. Welcome!"))
    return redirect("foreninger:dashboard")


def focus_area_plan_section(request, area):
    """The action plan in force for a focus area, for the focus-area page."""
    plans = list(selectors.action_plans_published(area))
    plan = selectors.action_plan_current(plans)
    goals = selectors.goals_with_latest_status(plan) if plan else []
    return (
        "frivillig/focus_area_plan_section.html",
        {"area": area, "plan": plan, "goals": goals, "plan_count": len(plans)},
    )


def focus_area_awards_section(request, area):
    """A link to the awards from the focus area the award categories name (none by default)."""
    categories = selectors.award_categories_of(area)
    return (
        "frivillig/focus_area_awards_section.html",
        {"categories": categories, "open": any(category.is_open for category in categories)},
    )


@require_safe
@pagecache.public_page(pagecache.FRIVILLIG, daily=True)
def action_plans(request, slug):
    area = get_object_or_404(FocusArea, slug=slug)
    current, coming, earlier = selectors.action_plans_by_period(
        list(selectors.action_plans_published(area))
    )
    return render(
        request,
        "frivillig/action_plans.html",
        {"area": area, "current": current, "coming": coming, "earlier": earlier},
    )


@require_safe
@pagecache.public_page(pagecache.FRIVILLIG, daily=True)
def action_plan(request, slug, pk):
    area = get_object_or_404(FocusArea, slug=slug)
    plan = selectors.action_plan_with_history(area, pk)
    if plan is None:
        raise Http404
    current, coming, _earlier = selectors.action_plans_by_period(
        list(selectors.action_plans_published(area))
    )
    period = "current" if plan == current else "coming" if plan in coming else "ended"
    return render(
        request, "frivillig/action_plan.html", {"area": area, "plan": plan, "period": period}
    )


@require_safe
@pagecache.public_page(pagecache.FRIVILLIG, pagecache.AWARDS)
def awards(request):
    winners = selectors.award_winners()
    return render(
        request,
        "frivillig/awards.html",
        {
            "years": [
                (year, list(group))
                for year, group in itertools.groupby(winners, key=attrgetter("year"))
            ],
            "categories": list(selectors.award_categories_open()),
        },
    )


def _nomination_submit(form, data):
    """Save a valid nomination; when the award has closed, the reason goes on the form."""
    try:
        award_nomination_submit(
            category=data["category"],
            nominee_name=data["nominee_name"],
            nominee_association=data["nominee_association"],
            reason=data["reason"],
            nominator_name=data["nominator_name"],
            nominator_email=data["nominator_email"],
        )
    except AwardError as error:
        form.add_error("category", str(error))


@require_http_methods(["GET", "HEAD", "POST"])
def award_nominate(request):
    form = NominationForm(request.POST or None)
    if not form.fields["category"].queryset.exists():
        return render(request, "frivillig/award_nominate.html", {"form": None})

    if public_form_submit(
        request,
        form,
        scope="nomination",
        limit=NOMINATION_LIMIT_PER_HOUR,
        limited_message=_(
            "You have sent several nominations in a short time. Try again in an hour."
        ),
        save=lambda data: _nomination_submit(form, data),
    ):
        return redirect(f"{reverse('award_nominated')}?pris={form.cleaned_data['category'].slug}")
    return render(request, "frivillig/award_nominate.html", {"form": form})


@require_safe
def award_nominated(request):
    slug = request.GET.get("pris", "")
    # Only a slug names an award; anything else (a NUL, which PostgreSQL refuses) names none.
    category = selectors.award_category_open(slug) if slug_re.match(slug) else None
    return render(request, "frivillig/award_nominated.html", {"category": category})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def two_factor(request):
    """Set up an authenticator app, or confirm this login with a code from it (staff only)."""
    if not request.user.is_staff:
        raise Http404
    device = totp_device_for(request.user)
    next_url = request.POST.get("next") or request.GET.get("next") or reverse("admin:index")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = reverse("admin:index")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if totp_verify(device=device, token=form.cleaned_data["token"]):
            otp_login(request, device)
            return redirect(next_url)
        form.add_error(
            "token",
            _("The code is not right. Check the time on your phone and try the newest code."),
        )
    return render(
        request,
        "registration/two_factor.html",
        {
            "form": form,
            "device": device,
            "key": base64.b32encode(device.bin_key).decode(),
            "next": next_url,
        },
    )


@require_safe
@pagecache.public_page(pagecache.FRIVILLIG, daily=True)
def meeting_places(request):
    return render(
        request,
        "frivillig/meeting_places.html",
        {"places": selectors.meeting_places_with_hours(), "today": timezone.localdate()},
    )
