from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from foreninger import letters, selectors, services
from foreninger.coverage import coverage_overview, pending_associations
from foreninger.forms import (
    ActivityForm,
    AssociationForm,
    ContactForm,
    DirectoryFilterForm,
    ErrorReportForm,
    InvitationForm,
)
from foreninger.models import Activity, Association, Invitation
from foreninger.permissions import can_manage_associations, get_agreement_for, get_association_for
from frivillig import pagecache, uploads
from frivillig.accounts import login_wall
from frivillig.context_processors import frame
from frivillig.exports import csv_response
from frivillig.forms import public_form_submit
from frivillig.hooks import app_attribute, app_callables
from frivillig.selectors import municipality_get

PAGE_SIZE = 20
CONTACT_LIMIT_PER_HOUR = 5


def _focus_area_label():
    municipality = municipality_get()
    return municipality.focus_area_label.capitalize() if municipality else None


def _directory_filters(request):
    """The filter form's choices, kept per data version: a search asks no query for them."""
    return pagecache.cached(
        request,
        "directory_filters",
        scopes=[pagecache.FRIVILLIG, pagecache.FORENINGER],
        build=selectors.directory_filters,
    )


@require_safe
@pagecache.public_page(pagecache.FRIVILLIG, pagecache.FORENINGER)
def directory(request):
    current = frame(request)

    def search():
        municipality = current.municipality
        label = municipality.focus_area_label.capitalize() if municipality else None
        form = DirectoryFilterForm(
            request.GET or None, focus_area_label=label, filters=_directory_filters(request)
        )
        if form.is_bound:
            form.is_valid()
        arguments = form.search_arguments()
        page = selectors.directory_page(request.GET.get("side"), per_page=PAGE_SIZE, **arguments)
        found_nothing = page.paginator.count == 0
        place_region = getattr(form, "cleaned_data", {}).get("sted")
        without_place = request.GET.copy()
        for key in ("sted", "side"):
            without_place.pop(key, None)
        return {
            "form": form,
            "page": page,
            # The region the postcode or town found, and the same search without it.
            "place": {"text": form.place_text(), "region": place_region} if place_region else None,
            "without_place": without_place.urlencode(),
            "filtered": any(arguments.values()),
            "suggestions": selectors.search_suggestions(arguments["text"]) if found_nothing else {},
            # The same words in every egn, target group and focus area.
            "without_filters": urlencode({"q": arguments["text"]})
            if any(value for key, value in arguments.items() if key != "text")
            else "",
        }

    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "foreninger/directory.html",
        {
            # The template caches everything but the frame per query string, language and
            # data version, and runs the search only when that copy is missing.
            "search": SimpleLazyObject(search),
            "version": pagecache.version(request, pagecache.FRIVILLIG, pagecache.FORENINGER),
            "query": query.urlencode(),
        },
    )


def _label(field):
    return capfirst(Association._meta.get_field(field).verbose_name)


@require_safe
def directory_csv(request):
    """The directory's associations, with the directory's filters, for Danish Excel."""
    form = DirectoryFilterForm(request.GET, filters=_directory_filters(request))
    # As on the directory page, a filter with an unknown value is left out.
    form.is_valid()
    associations = selectors.with_open_data_details(
        selectors.directory_search(**form.search_arguments())
    )
    municipality = municipality_get()
    focus_areas = (
        capfirst(municipality.focus_area_label_plural) if municipality else _label("focus_areas")
    )
    yes, no = _("Yes"), _("No")

    header = [
        _label("name"),
        _label("cvr"),
        _label("kind"),
        _label("short_description"),
        _label("street"),
        _label("postcode"),
        _label("town"),
        _label("phone"),
        _label("website"),
        focus_areas,
        _label("regions"),
        _label("target_groups"),
        _("Activities for children under 15"),
        _("Looking for volunteers"),
        _("Page on the portal"),
        _label("confirmed_on"),
    ]
    rows = (
        [
            association.name,
            association.cvr,
            association.get_kind_display(),
            association.short_description,
            association.street,
            association.postcode,
            association.town,
            association.phone,
            association.website,
            ", ".join(area.title for area in association.focus_areas.all()),
            ", ".join(region.name for region in association.regions.all()),
            ", ".join(group.name for group in association.target_groups.all()),
            yes if association.has_children_activity else no,
            yes if association.wants_volunteers else no,
            request.build_absolute_uri(association.get_absolute_url()),
            association.confirmed_on.isoformat(),
        ]
        for association in associations
    )
    response = csv_response("foreninger.csv", header, rows)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@pagecache.public_page(pagecache.FRIVILLIG, pagecache.FORENINGER)
def coverage(request):
    consultant = can_manage_associations(request.user)
    context = coverage_overview(admin_links=consultant)
    if consultant:
        context |= pending_associations()
    return render(request, "foreninger/coverage.html", context)


# What an association's page shows: its own data, the focus areas', regions' and target groups'.
ASSOCIATION_SCOPES = (pagecache.FRIVILLIG, pagecache.FORENINGER)


def _public_association(request, slug):
    """An approved association; its members and the consultant may also preview it unapproved.

    An approved association is the same for everyone and comes from the cache; a preview is
    read afresh and never cached.
    """
    association = pagecache.cached(
        request,
        "association",
        slug,
        scopes=ASSOCIATION_SCOPES,
        build=lambda: selectors.association_public_detail(slug, approved_only=True),
    )
    if association is not None:
        return association
    association = selectors.association_public_detail(slug)
    if association is None:
        raise Http404
    if not association.is_public and not (
        can_manage_associations(request.user)
        or (
            request.user.is_authenticated
            and association.memberships.filter(user=request.user).exists()
        )
    ):
        raise Http404
    return association


@require_safe
@pagecache.public_page(*pagecache.scopes(), daily=True)
def detail(request, slug):
    association = _public_association(request, slug)
    return render(
        request,
        "foreninger/detail.html",
        {
            "association": association,
            # Other apps' sections (volunteer jobs), read only when the cached copy is missing.
            "sections": SimpleLazyObject(
                lambda: [
                    section
                    for build in app_callables("association_sections")
                    if (section := build(request, association)) is not None
                ]
            ),
            # Any app may add a section, and a job leaves the page after its last day.
            "version": f"{pagecache.version(request, *pagecache.scopes())}:{timezone.localdate()}",
            # A preview's body is rendered for this request only (0 keeps nothing).
            "cache_seconds": pagecache.TIMEOUT if association.is_public else 0,
        },
    )


def _association_message_view(request, slug, *, form_class, scope, template, send, done_message):
    """A visitor's message about an association (name, e-mail, message), handed to `send`."""
    association = get_object_or_404(Association, slug=slug, status=Association.Status.APPROVED)
    form = form_class(request.POST or None)
    if public_form_submit(
        request,
        form,
        scope=scope,
        limit=CONTACT_LIMIT_PER_HOUR,
        limited_message=_("You have sent several messages in a short time. Try again in an hour."),
        save=lambda data: send(
            association=association,
            name=data["name"],
            email=data["email"],
            message=data["message"],
        ),
    ):
        messages.success(request, done_message)
        return redirect(association)
    return render(request, template, {"association": association, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
def contact(request, slug):
    return _association_message_view(
        request,
        slug,
        form_class=ContactForm,
        scope="contact",
        template="foreninger/contact.html",
        send=services.contact_send,
        done_message=_("Your message has been sent to the association."),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def report_error(request, slug):
    return _association_message_view(
        request,
        slug,
        form_class=ErrorReportForm,
        scope="error_report",
        template="foreninger/report_error.html",
        send=services.error_report,
        done_message=_("Thank you. The municipality's volunteer consultant will look at it."),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def confirm_by_link(request, token):
    """The link in the reminder e-mail: a page with one button (mail scanners only GET)."""
    association = services.association_from_confirm_token(token)
    if association is None:
        return render(request, "foreninger/confirm_invalid.html", status=400)
    if request.method == "POST":
        services.association_confirm(association=association)
        messages.success(request, _("Thank you. The details are confirmed."))
        return redirect(association)
    return render(request, "foreninger/confirm.html", {"association": association})


FOCUS_AREA_LIST_LENGTH = 20


def focus_area_section(request, area):
    """Approved associations working in a focus area, for its page; the directory has them all."""
    associations = list(
        selectors.associations_in_focus_area(area).only("name", "slug", "short_description")[
            : FOCUS_AREA_LIST_LENGTH + 1
        ]
    )
    return (
        "foreninger/focus_area_section.html",
        {
            "area": area,
            "associations": associations[:FOCUS_AREA_LIST_LENGTH],
            "more": len(associations) > FOCUS_AREA_LIST_LENGTH,
        },
    )


@login_required
@require_safe
def dashboard(request):
    return render(
        request,
        "foreninger/dashboard.html",
        {
            "associations": [
                (
                    association,
                    [
                        section
                        for build in app_callables("association_dashboard_sections")
                        if (section := build(request, association)) is not None
                    ],
                )
                for association in selectors.associations_of(request.user)
            ],
            "member_links": app_attribute("association_member_links"),
        },
    )


@login_wall(gettext_lazy("Log in to register your association."))
@require_http_methods(["GET", "HEAD", "POST"])
def register(request):
    form = AssociationForm(
        request.POST or None, request.FILES or None, focus_area_label=_focus_area_label()
    )
    if request.method == "POST" and form.is_valid():
        try:
            association = services.association_register(user=request.user, fields=form.cleaned_data)
        except services.AssociationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "“%(name)s” is registered. The volunteer consultant will look at it; you get "
                    "an e-mail when it is approved. Now add the association's activities."
                )
                % {"name": association},
            )
            return redirect("foreninger:edit", pk=association.pk)
    return render(request, "foreninger/register.html", {"form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, pk):
    association = get_association_for(request.user, pk)
    form = AssociationForm(
        request.POST or None,
        request.FILES or None,
        instance=association,
        focus_area_label=_focus_area_label(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.association_update(
                association=association, user=request.user, fields=form.cleaned_data
            )
        except services.AssociationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The details are saved."))
            return redirect("foreninger:edit", pk=association.pk)
    activities = association.activities.select_related("region").order_by("title")
    return render(
        request,
        "foreninger/edit.html",
        {
            "association": association,
            "form": form,
            "activities": activities,
            "member_links": app_attribute("association_member_links"),
        },
    )


@login_required
@require_POST
def confirm(request, pk):
    association = get_association_for(request.user, pk)
    services.association_confirm(association=association, user=request.user)
    messages.success(request, _("Thank you. The details are confirmed."))
    return redirect("foreninger:dashboard")


@login_required
@require_safe
def rejection_pdf(request, pk):
    """The letter that rejected the association, for its members."""
    association = get_association_for(request.user, pk)
    if association.status != Association.Status.REJECTED:
        raise Http404
    response = HttpResponse(letters.rejection_pdf(association), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="afgoerelse-forening-{pk}.pdf"'
    return response


@login_required
@require_safe
def data_export(request, pk):
    """The association's data as JSON, for its members (the right of access and portability)."""
    association = get_association_for(request.user, pk)
    response = JsonResponse(
        services.association_export(association),
        encoder=DjangoJSONEncoder,
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = f'attachment; filename="{association.slug}.json"'
    return response


@login_required
@require_safe
def agreement(request, pk):
    association = get_agreement_for(request.user, pk)
    if not association.agreement_file:
        raise Http404
    return uploads.download(association.agreement_file, f"samarbejdsaftale-{association.slug}")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def activity_edit(request, pk, activity_pk=None):
    association = get_association_for(request.user, pk)
    activity = (
        get_object_or_404(Activity, pk=activity_pk, association=association)
        if activity_pk
        else Activity(association=association)
    )
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        target_groups = form.cleaned_data["target_groups"]
        services.activity_save(
            activity=form.save(commit=False), user=request.user, target_groups=target_groups
        )
        messages.success(request, _("The activity “%(title)s” is saved.") % {"title": activity})
        return redirect("foreninger:edit", pk=association.pk)
    return render(
        request,
        "foreninger/activity_form.html",
        {"association": association, "activity": activity, "form": form},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def activity_delete(request, pk, activity_pk):
    association = get_association_for(request.user, pk)
    activity = get_object_or_404(Activity, pk=activity_pk, association=association)
    if request.method == "POST":
        services.activity_delete(activity=activity, user=request.user)
        messages.success(request, _("The activity “%(title)s” is deleted.") % {"title": activity})
        return redirect("foreninger:edit", pk=association.pk)
    return render(
        request,
        "foreninger/activity_delete.html",
        {"association": association, "activity": activity},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def members(request, pk):
    association = get_association_for(request.user, pk)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_send(
                association=association, user=request.user, email=form.cleaned_data["email"]
            )
        except services.AssociationError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s. The link works for 7 days.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("foreninger:members", pk=association.pk)
    return render(
        request,
        "foreninger/members.html",
        {
            "association": association,
            "form": form,
            "memberships": association.memberships.select_related("user").order_by("created_at"),
            "invitations": association.invitations.filter(
                accepted_at__isnull=True, revoked_at__isnull=True
            ),
        },
    )


@login_required
@require_POST
def member_remove(request, pk, membership_pk):
    association = get_association_for(request.user, pk)
    membership = get_object_or_404(association.memberships, pk=membership_pk)
    try:
        revoked = services.membership_remove(membership=membership, user=request.user)
    except services.AssociationError as error:
        messages.error(request, str(error))
    else:
        if revoked:
            message = ngettext(
                "%(user)s is no longer a member. The invitation they sent is revoked.",
                "%(user)s is no longer a member. The %(count)d invitations they sent are revoked.",
                revoked,
            ) % {"user": membership.user, "count": revoked}
        else:
            message = _("%(user)s is no longer a member.") % {"user": membership.user}
        messages.success(request, message)
    if membership.user_id == request.user.pk:
        return redirect("foreninger:dashboard")
    return redirect("foreninger:members", pk=association.pk)


@login_required
@require_POST
def invitation_revoke(request, pk, invitation_pk):
    association = get_association_for(request.user, pk)
    invitation = get_object_or_404(association.invitations, pk=invitation_pk)
    try:
        services.invitation_revoke(invitation=invitation, user=request.user)
    except services.AssociationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The invitation to %(email)s is revoked.") % {"email": invitation.email}
        )
    return redirect("foreninger:members", pk=association.pk)


@login_wall(gettext_lazy("Log in to accept the invitation."))
@require_http_methods(["GET", "HEAD", "POST"])
def invitation_accept(request, token):
    invitation = get_object_or_404(
        Invitation.objects.select_related("association", "invited_by"), token=token
    )
    error = None
    if request.method == "POST":
        try:
            association = services.invitation_accept(invitation=invitation, user=request.user)
        except services.AssociationError as exception:
            error = str(exception)
        else:
            messages.success(
                request, _("You are now a member of “%(name)s”.") % {"name": association}
            )
            return redirect("foreninger:edit", pk=association.pk)
    return render(request, "foreninger/invitation.html", {"invitation": invitation, "error": error})
