"""Pages of the volunteer jobs: the public list, page and answer form, and the association's
own area under “My associations”."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from foreninger.frivilligjob import selectors, services
from foreninger.frivilligjob.forms import (
    OpportunityAnswerForm,
    OpportunityFilterForm,
    OpportunityForm,
)
from foreninger.frivilligjob.models import Opportunity
from foreninger.frivilligjob.permissions import get_opportunity_answer_for, get_opportunity_for
from foreninger.permissions import get_association_for
from foreninger.services import AssociationError
from foreninger.views import CONTACT_LIMIT_PER_HOUR, PAGE_SIZE
from frivillig import pagecache
from frivillig.forms import public_form_submit


@require_safe
@pagecache.public_page(*pagecache.scopes(), daily=True)
def opportunity_list(request):
    form = OpportunityFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    results = selectors.with_public_details(selectors.opportunity_search(**form.search_arguments()))
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "frivilligjob/opportunity_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "filtered": any(form.search_arguments().values()),
        },
    )


def _public_opportunity(pk):
    """(opportunity, current); 404 when it does not exist or its association is not public."""
    opportunity = selectors.opportunity_public_detail(pk)
    if opportunity is None or not opportunity.association.is_public:
        raise Http404
    return opportunity, selectors.is_current(opportunity)


def _closed(request, opportunity):
    """An old link to an expired or closed opportunity: say so, with the way on (410 Gone)."""
    return render(
        request, "frivilligjob/opportunity_closed.html", {"opportunity": opportunity}, status=410
    )


@require_safe
def opportunity_detail(request, pk):
    opportunity, current = _public_opportunity(pk)
    if not current:
        return _closed(request, opportunity)
    return render(request, "frivilligjob/opportunity_detail.html", {"opportunity": opportunity})


@require_http_methods(["GET", "HEAD", "POST"])
def opportunity_answer(request, pk):
    opportunity, current = _public_opportunity(pk)
    if not current:
        return _closed(request, opportunity)
    form = OpportunityAnswerForm(request.POST or None)
    try:
        # Counted like the associations' contact form: a few messages an hour per address.
        sent = public_form_submit(
            request,
            form,
            scope="opportunity_answer",
            limit=CONTACT_LIMIT_PER_HOUR,
            limited_message=_(
                "You have sent several messages in a short time. Try again in an hour."
            ),
            save=lambda data: services.opportunity_answer(
                opportunity=opportunity,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                message=data["message"],
            ),
        )
    except AssociationError as error:
        messages.error(request, str(error))
        return redirect(opportunity)
    if sent:
        messages.success(
            request,
            _(
                "Thank you. Your answer has been sent to the association, which will contact "
                "you. You will get a receipt by e-mail."
            ),
        )
        return redirect(opportunity)
    return render(
        request,
        "frivilligjob/opportunity_answer.html",
        {"opportunity": opportunity, "form": form},
    )


# The association's own area


@login_required
@require_safe
def my_opportunities(request, pk):
    association = get_association_for(request.user, pk)
    return render(
        request,
        "frivilligjob/my_opportunities.html",
        {
            "association": association,
            "opportunities": selectors.opportunities_of(association),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def opportunity_edit(request, pk, opportunity_pk=None):
    if opportunity_pk:
        opportunity = get_opportunity_for(request.user, pk, opportunity_pk)
        association = opportunity.association
    else:
        association = get_association_for(request.user, pk)
        opportunity = Opportunity(association=association)
    form = OpportunityForm(request.POST or None, instance=opportunity)
    if request.method == "POST" and form.is_valid():
        try:
            services.opportunity_save(
                opportunity=form.save(commit=False),
                user=request.user,
                target_groups=form.cleaned_data.get("target_groups", []),
            )
        except AssociationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The opportunity “%(title)s” is saved.") % {"title": opportunity}
            )
            return redirect("foreninger:my_opportunities", pk=association.pk)
    return render(
        request,
        "frivilligjob/opportunity_form.html",
        {"association": association, "opportunity": opportunity, "form": form},
    )


@login_required
@require_POST
def opportunity_close(request, pk, opportunity_pk):
    opportunity = get_opportunity_for(request.user, pk, opportunity_pk)
    try:
        services.opportunity_close(opportunity=opportunity, user=request.user)
    except AssociationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("“%(title)s” is closed and no longer shown on the website.") % {"title": opportunity},
        )
    return redirect("foreninger:my_opportunities", pk=pk)


@login_required
@require_safe
def opportunity_answers(request, pk, opportunity_pk):
    opportunity = get_opportunity_for(request.user, pk, opportunity_pk)
    return render(
        request,
        "frivilligjob/opportunity_answers.html",
        {
            "association": opportunity.association,
            "opportunity": opportunity,
            "answers": opportunity.answers.select_related("handled_by"),
        },
    )


@login_required
@require_POST
def answer_handle(request, pk, answer_pk):
    answer = get_opportunity_answer_for(request.user, pk, answer_pk)
    try:
        services.opportunity_answer_handle(answer=answer, user=request.user)
    except AssociationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The answer from %(name)s is marked as handled.") % {"name": answer.name}
        )
    return redirect("foreninger:opportunity_answers", pk=pk, opportunity_pk=answer.opportunity_id)


HOME_OPPORTUNITY_COUNT = 3


def home_section(request):
    """The newest current volunteer jobs, for the front page."""
    newest = (
        selectors.opportunities_current()
        .select_related("association")
        .order_by("-created_at", "-pk")
    )
    return "frivilligjob/home_section.html", {
        "opportunities": list(newest[:HOME_OPPORTUNITY_COUNT])
    }


def association_section(request, association):
    """The association's current volunteer jobs, for its public page."""
    opportunities = list(
        selectors.opportunities_current().filter(association=association).order_by("answer_by")
    )
    if not opportunities:
        return None
    return "frivilligjob/association_section.html", {"opportunities": opportunities}
