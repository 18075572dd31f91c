from django.contrib import messages
from django.contrib.auth import login
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from frivillig import selectors, services
from frivillig.forms import SignupForm
from frivillig.hooks import app_callables
from frivillig.models import Page
from frivillig.ratelimit import client_key, rate_limit_hit

SIGNUP_LIMIT_PER_HOUR = 10


@require_safe
def home(request):
    return render(request, "frivillig/home.html", {"focus_areas": selectors.focus_area_list()})


@require_safe
def focus_area(request, slug):
    area = selectors.focus_area_with_examples(slug)
    if area is None:
        raise Http404
    # Each app adds its own section (associations, grants, action plans) without this app
    # knowing about it; a section is a (template name, context) pair.
    sections = [section(request, area) for section in app_callables("focus_area_sections")]
    return render(
        request,
        "frivillig/focus_area.html",
        {"area": area, "focus_areas": selectors.focus_area_list(), "sections": sections},
    )


@require_safe
def page(request, slug):
    return render(request, "frivillig/page.html", {"page": get_object_or_404(Page, slug=slug)})


@require_safe
def accessibility(request):
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


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("foreninger:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not rate_limit_hit(scope="signup", key=client_key(request), limit=SIGNUP_LIMIT_PER_HOUR):
            form.add_error(None, _("Too many accounts from here in a short time. Try again later."))
        else:
            if not form.cleaned_data["homepage"]:
                services.account_signup(
                    email=form.cleaned_data["email"],
                    password=form.cleaned_data["password1"],
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                )
            return render(
                request, "registration/signup_done.html", {"email": form.cleaned_data["email"]}
            )
    return render(request, "registration/signup.html", {"form": form})


@require_safe
def activate(request, uidb64, token):
    user = services.account_activate(uidb64=uidb64, token=token)
    if user is None:
        return render(request, "registration/activation_invalid.html", status=400)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your account is active. Welcome!"))
    return redirect("foreninger:dashboard")
