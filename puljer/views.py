import csv
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseNotFound, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from foreninger.permissions import get_association_for
from frivillig import pagecache, uploads
from frivillig.exports import csv_response, spreadsheet_cell, xlsx_response
from frivillig.selectors import municipality_get
from puljer import letters, selectors, services, threesixtygiving
from puljer.forms import (
    ApplicationForm,
    AttachmentForm,
    BudgetLineFormSet,
    DraftUploadForm,
    HearingAnswerForm,
    ReportForm,
    WithdrawForm,
)
from puljer.models import BudgetLine, Round, Status
from puljer.permissions import get_application_for, get_attachment_for
from puljer.workflow import ApplicationError, action_label, allowed

CHART_WIDTH = 100


@require_safe
@pagecache.public_page(pagecache.FRIVILLIG, pagecache.PULJER, daily=True)
def index(request):
    years = selectors.grant_years()
    return render(
        request,
        "puljer/index.html",
        {
            "years": years,
            "pools": selectors.pools_of_year(years[0]) if years else [],
            "rounds": selectors.open_rounds(),
        },
    )


# What the transparency page shows: the pools and grants, the associations' names and whether
# their pages are public, and the focus areas.
YEAR_SCOPES = (pagecache.FRIVILLIG, pagecache.FORENINGER, pagecache.PULJER)


@require_safe
@pagecache.public_page(*YEAR_SCOPES)
def year(request, year):
    overview = pagecache.cached(
        request, "grant_year", year, scopes=YEAR_SCOPES, build=lambda: _year_overview(year)
    )
    if overview is None:
        raise Http404
    return render(
        request,
        "puljer/year.html",
        {
            **overview,
            "year": year,
            # Built and read only when the template's cached copy is missing.
            "grants": SimpleLazyObject(lambda: selectors.grants_of_year(year)),
            "version": pagecache.version(request, *YEAR_SCOPES),
        },
    )


def _year_overview(year):
    """The year's pools with the chart's bar lengths, and the years to link to; None if none."""
    pools = list(selectors.pools_of_year(year))
    if not pools:
        return None
    money = selectors.money_of_year(year, by="round__pool")
    for pool in pools:
        pool.granted = pool.granted or 0
        pool.remaining = None if pool.budget is None else pool.budget - pool.granted
        if money is not None:
            pool.paid, pool.repaid = money[pool.pk]["paid"], money[pool.pk]["repaid"]
    # Bar lengths in percent of the largest budget, for the chart drawn in HTML.
    largest = max((pool.budget or pool.granted for pool in pools), default=0) or 1
    for pool in pools:
        pool.granted_width = round(CHART_WIDTH * pool.granted / largest)
        pool.budget_width = round(CHART_WIDTH * (pool.budget or 0) / largest)
    return {"pools": pools, "years": selectors.grant_years(), "money": money is not None}


@require_safe
def year_csv(request, year):
    if not selectors.pools_of_year(year).exists():
        raise Http404
    money = selectors.money_of_year(year, by="pk")
    header = [
        _("Pool"),
        _("Reference"),
        _("Association"),
        _("Activity"),
        _("Amount granted (kr.)"),
        _("Focus areas"),
        # Last, so that a reader of the older file finds its columns where they were.
        *([_("Paid (kr.)"), _("Repaid (kr.)")] if money is not None else []),
    ]
    rows = (
        [
            grant.round.pool.name,
            grant.reference,
            grant.association.name,
            grant.title,
            grant.amount_granted,
            ", ".join(area.title for area in grant.focus_areas.all()),
            *([money[grant.pk]["paid"], money[grant.pk]["repaid"]] if money is not None else []),
        ]
        for grant in selectors.grants_of_year(year)
    )
    return csv_response(f"bevillinger-{year}.csv", header, rows)


def _no_package(year):
    return _(
        "No grants were decided in %(year)s, so there is no 360Giving file for that year: the "
        "standard needs at least one grant."
    ) % {"year": year}


def _open(response):
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def threesixtygiving_index(request):
    """The years' 360Giving packages, linked from the open data API's index."""
    url = request.build_absolute_uri
    formats = ["json", "csv", "xlsx"]
    return _open(
        JsonResponse(
            {
                "version": threesixtygiving.VERSION,
                "description": _(
                    "The decided grants of each year in the 360Giving Data Standard. A year "
                    "without decided grants has no file."
                ),
                "packages": [
                    {
                        "year": year,
                        **{
                            name: url(reverse(f"puljer:threesixtygiving_{name}", args=[year]))
                            for name in formats
                        },
                    }
                    for year in threesixtygiving.years_with_grants()
                ],
            },
            json_dumps_params={"ensure_ascii": False},
        )
    )


@require_safe
def threesixtygiving_json(request, year):
    data = threesixtygiving.package(year, request.build_absolute_uri)
    if data is None:
        return _open(JsonResponse({"error": _no_package(year)}, status=404))
    return _open(JsonResponse(data, json_dumps_params={"ensure_ascii": False}))


def _flattened(request, year):
    """The year's package as one row per grant, or None when the year has none."""
    data = threesixtygiving.package(year, request.build_absolute_uri)
    return threesixtygiving.flattened(data) if data else None


def _no_package_file(year):
    return HttpResponseNotFound(_no_package(year), content_type="text/plain; charset=utf-8")


@require_safe
def threesixtygiving_csv(request, year):
    """UTF-8 with commas, as the standard's tools read a CSV (not the Danish Excel dialect)."""
    if (flat := _flattened(request, year)) is None:
        return _no_package_file(year)
    header, rows = flat
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="360giving-{year}.csv"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows([spreadsheet_cell(value) for value in row] for row in rows)
    return _open(response)


@require_safe
def threesixtygiving_xlsx(request, year):
    if (flat := _flattened(request, year)) is None:
        return _no_package_file(year)
    return _open(xlsx_response(f"360giving-{year}.xlsx", "grants", *flat))


FOCUS_AREA_GRANTS = 10


def focus_area_section(request, area):
    """The latest co-creation grants serving a focus area; the yearly pages have them all."""
    grants = list(selectors.co_creation_grants_for(area)[: FOCUS_AREA_GRANTS + 1])
    return (
        "puljer/focus_area_section.html",
        {"grants": grants[:FOCUS_AREA_GRANTS], "more": len(grants) > FOCUS_AREA_GRANTS},
    )


DASHBOARD_APPLICATIONS = 5


def association_dashboard_section(request, association):
    """The association's latest applications on “My associations”, one click from each."""
    return (
        "puljer/dashboard_section.html",
        {
            "association": association,
            "applications": association.applications.select_related("round__pool")[
                :DASHBOARD_APPLICATIONS
            ],
        },
    )


@login_required
@require_safe
def applications(request, pk):
    association = get_association_for(request.user, pk)
    return render(
        request,
        "puljer/applications.html",
        {
            "association": association,
            "applications": association.applications.select_related("round__pool"),
            "rounds": selectors.open_rounds(),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_start(request, pk, round_pk):
    """The empty application form; the draft exists once the association first saves it."""
    association = get_association_for(request.user, pk)
    round_ = get_object_or_404(Round.objects.select_related("pool"), pk=round_pk)
    try:
        services.application_may_start(association=association, round_=round_)
    except ApplicationError as error:
        messages.error(request, str(error))
        return redirect("puljer:applications", pk=association.pk)
    application = services.application_new(
        association=association, round_=round_, user=request.user
    )
    return _draft(request, application)


def _focus_area_label():
    municipality = municipality_get()
    return municipality.focus_area_label_plural.capitalize() if municipality else None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application(request, pk, application_pk):
    application = get_application_for(request.user, pk, application_pk)
    if application.status != Status.DRAFT:
        return _application_view(request, application)
    return _draft(request, application)


def _draft_forms(application, data=None, files=None):
    pool = application.round.pool
    saved_lines = application.budget_lines.all() if application.pk else BudgetLine.objects.none()
    return (
        ApplicationForm(data, instance=application, focus_area_label=_focus_area_label()),
        BudgetLineFormSet(data, queryset=saved_lines, prefix="budget"),
        DraftUploadForm(data, files, pool=pool, prefix="upload"),
    )


def _draft(request, application):
    """Show the draft's form; save it, attach the chosen files, remove one, or submit."""
    if request.method != "POST":
        return _draft_page(request, application, *_draft_forms(application))
    form, lines, uploads = _draft_forms(application, request.POST, request.FILES)
    if not (form.is_valid() and lines.is_valid() and uploads.is_valid()):
        return _draft_page(request, application, form, lines, uploads, files_lost=request.FILES)
    try:
        application = services.application_save_draft(
            application=application,
            user=request.user,
            fields={name: form.cleaned_data[name] for name in form.fields},
            budget_lines=[
                {name: line[name] for name in ("kind", "description", "amount")}
                for line in lines.cleaned_data
                if line and not line.get("DELETE") and line.get("kind")
            ],
            files=uploads.files_to_attach(),
        )
    except ApplicationError as error:
        return _draft_page(
            request,
            application,
            form,
            lines,
            uploads,
            submit_error=str(error),
            files_lost=request.FILES,
        )
    here = redirect(
        "puljer:application", pk=application.association_id, application_pk=application.pk
    )
    if remove := request.POST.get("remove"):
        attachment = next((a for a in application.attachments.all() if str(a.pk) == remove), None)
        if attachment is None:
            raise Http404
        services.attachment_delete(attachment=attachment, user=request.user)
        messages.success(
            request,
            _("The draft is saved and %(file)s is removed.") % {"file": attachment.original_name},
        )
        return here
    if "submit" not in request.POST:
        messages.success(request, _("The draft is saved. You can come back to it later."))
        return here
    try:
        services.application_submit(application=application, user=request.user)
    except ApplicationError as error:
        # Missing fields are listed with links to them; any other refusal gives its reason.
        problems = services.application_problems(application)
        return _draft_page(
            request,
            application,
            *_draft_forms(application),
            problems=problems,
            submit_error="" if problems else str(error),
        )
    messages.success(
        request,
        _("The application is submitted. A receipt has been sent by e-mail."),
    )
    return here


def _draft_page(
    request, application, form, lines, uploads, problems=(), submit_error="", files_lost=False
):
    saved = application.pk is not None
    return render(
        request,
        "puljer/application_form.html",
        {
            "application": application,
            "association": application.association,
            "form": form,
            "lines": lines,
            "uploads": uploads,
            "attachments": application.attachments.all() if saved else [],
            "totals": services.budget_totals(application.budget_lines.all() if saved else []),
            "problems": problems,
            "submit_error": submit_error,
            "files_lost": bool(files_lost),
        },
    )


@login_required
@require_POST
def application_delete(request, pk, application_pk):
    application = get_application_for(request.user, pk, application_pk)
    try:
        services.application_draft_delete(application=application, user=request.user)
    except ApplicationError as error:
        messages.error(request, str(error))
        return redirect("puljer:application", pk=pk, application_pk=application.pk)
    messages.success(request, _("The draft is deleted."))
    return redirect("puljer:applications", pk=pk)


def _application_view(request, application):
    return render(
        request,
        "puljer/application_detail.html",
        {
            "application": application,
            "association": application.association,
            "events": [
                (event, action_label(event.action))
                for event in application.events.filter(internal=False).select_related("user")
            ],
            "can_withdraw": allowed(application.status, "withdraw"),
            "withdraw_form": WithdrawForm(),
            "can_report": allowed(application.status, "submit_report")
            and services.report_is_open(application),
            "report_wait": allowed(application.status, "submit_report")
            and not services.report_is_open(application)
            and services.report_not_open_message(application),
            "totals": services.budget_totals(application.budget_lines.all()),
            "letter": application.decided_at and letters.decision_letter(application, top=3)[1],
            "hearings": application.hearings.all(),
            "today": timezone.localdate(),
            "hearing_form": HearingAnswerForm(),
        },
    )


@login_required
@require_safe
def decision_pdf(request, pk, application_pk):
    application = get_application_for(request.user, pk, application_pk)
    if not application.decided_at:
        raise Http404
    response = HttpResponse(
        letters.decision_letter_pdf(application), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{letters.decision_letter_filename(application)}"'
    )
    return response


@login_required
@require_POST
def hearing_answer(request, pk, application_pk, hearing_pk):
    application = get_application_for(request.user, pk, application_pk)
    hearing = get_object_or_404(application.hearings, pk=hearing_pk)
    form = HearingAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.hearing_answer(
                hearing=hearing, user=request.user, answer=form.cleaned_data["answer"]
            )
        except ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Thank you. Your answer is sent to the municipality."))
    else:
        messages.error(request, _("Write your answer."))
    return redirect("puljer:application", pk=pk, application_pk=application.pk)


@login_required
@require_POST
def attachment_add(request, pk, application_pk):
    application = get_application_for(request.user, pk, application_pk)
    report = application.status != Status.DRAFT
    form = AttachmentForm(request.POST, request.FILES, report=report)
    if form.is_valid():
        try:
            services.attachment_add(
                application=application,
                user=request.user,
                kind=form.cleaned_data["kind"],
                file=form.cleaned_data["file"],
            )
        except ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The file is attached."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    target = "puljer:report" if report else "puljer:application"
    return redirect(target, pk=pk, application_pk=application.pk)


@login_required
@require_safe
def attachment_download(request, attachment_pk):
    attachment = get_attachment_for(request.user, attachment_pk)
    return uploads.download(attachment.file, PurePath(attachment.original_name).stem)


@login_required
@require_POST
def withdraw(request, pk, application_pk):
    application = get_application_for(request.user, pk, application_pk)
    form = WithdrawForm(request.POST)
    form.is_valid()
    try:
        services.application_withdraw(
            application=application, user=request.user, reason=form.cleaned_data.get("reason", "")
        )
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The application is withdrawn."))
    return redirect("puljer:application", pk=pk, application_pk=application.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report(request, pk, application_pk):
    application = get_application_for(request.user, pk, application_pk)
    if not allowed(application.status, "submit_report"):
        raise Http404
    if not services.report_is_open(application):
        messages.info(request, services.report_not_open_message(application))
        return redirect("puljer:application", pk=pk, application_pk=application.pk)
    requirements = services.report_requirements(application)
    existing = getattr(application, "report", None)
    form = ReportForm(request.POST or None, instance=existing, requirements=requirements)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.report_submit(
                application=application,
                user=request.user,
                fields={name: form.cleaned_data[name] for name in form.fields},
            )
        except ApplicationError as exception:
            error = str(exception)
        else:
            messages.success(request, _("Thank you. The report is submitted."))
            return redirect("puljer:application", pk=pk, application_pk=application.pk)
    return render(
        request,
        "puljer/report_form.html",
        {
            "application": application,
            "association": application.association,
            "form": form,
            "error": error,
            "requirements": requirements,
            "attachment_form": AttachmentForm(report=True),
            "report_files": application.attachments.filter(kind="report_accounts"),
        },
    )
