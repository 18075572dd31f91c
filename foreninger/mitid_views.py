"""Pages after a MitID Erhverv login: ask to join the CVR's association, or register it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from foreninger import mitid, services
from foreninger.forms import AssociationForm
from foreninger.models import Association, JoinRequest
from foreninger.permissions import get_association_for


def _organisation(request):
    organisation = mitid.session_organisation(request)
    if organisation is None:
        raise Http404
    return organisation


@login_required
@require_http_methods(["GET", "HEAD"])
def organisation(request):
    """What the person may do for the CVR number they logged in for."""
    current = _organisation(request)
    association = Association.objects.filter(cvr=current["cvr"]).first()
    return render(
        request,
        "foreninger/mitid_organisation.html",
        {
            "organisation": current,
            "association": association,
            "member": association is not None
            and association.memberships.filter(user=request.user).exists(),
        },
    )


@login_required
@require_POST
def join(request):
    association = get_object_or_404(Association, cvr=_organisation(request)["cvr"])
    try:
        mitid.join_request_create(association=association, user=request.user)
    except services.AssociationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("You have asked to join “%(name)s”. You get an e-mail when it is answered.")
            % {"name": association},
        )
    return redirect("foreninger:dashboard")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def register(request):
    """Register the CVR's association, prefilled from the CVR register; only with the privilege."""
    current = _organisation(request)
    if not current["may_act"] or Association.objects.filter(cvr=current["cvr"]).exists():
        raise Http404
    initial = mitid.register_prefill(current["cvr"]) or {"cvr": current["cvr"]}
    data = request.POST.copy() if request.method == "POST" else None
    if data is not None:
        data["cvr"] = current["cvr"]
    form = AssociationForm(data, request.FILES or None, initial=initial)
    form.fields["cvr"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            association = mitid.association_register_proven(
                user=request.user, fields=form.cleaned_data
            )
        except services.AssociationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "“%(name)s” is registered, and MitID proved that you act for its CVR number. "
                    "The volunteer consultant still approves it before it appears in the "
                    "directory."
                )
                % {"name": association},
            )
            return redirect("foreninger:edit", pk=association.pk)
    return render(
        request,
        "foreninger/mitid_register.html",
        {"form": form, "from_register": initial.get("name") is not None},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def join_requests(request, pk):
    """A member answers the requests to join their association."""
    association = get_association_for(request.user, pk)
    if request.method == "POST":
        join_request = get_object_or_404(
            JoinRequest, pk=request.POST.get("request"), association=association
        )
        approve = request.POST.get("answer") == "approve"
        try:
            mitid.join_request_decide(join_request=join_request, user=request.user, approve=approve)
        except services.AssociationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(person)s is now a member.") % {"person": join_request.user}
                if approve
                else _("The request from %(person)s is declined.") % {"person": join_request.user},
            )
        return redirect("foreninger:join_requests", pk=association.pk)
    return render(
        request,
        "foreninger/join_requests.html",
        {
            "association": association,
            "requests": association.join_requests.filter(decided_at__isnull=True).select_related(
                "user"
            ),
        },
    )
