"""Open data: the current volunteer jobs as JSON, beside the HSDS endpoints of `foreninger.api`.

HSDS has no volunteer opportunities, so these have a shape of their own (docs/open-data.md),
with the same ids, paging, errors and taxonomy terms as the rest of the API, and as there an
absent value is left out rather than null. Only current opportunities of approved associations
are published, and never the citizens' answers.
"""

from django.utils.translation import gettext as _

from foreninger import hsds
from foreninger.api import (
    BadParameter,
    NotFound,
    _organization_pk,
    _page,
    _paging,
    _pk_with_id,
    _taxonomy_term,
    open_data,
)
from foreninger.frivilligjob.models import Opportunity
from foreninger.frivilligjob.selectors import (
    opportunities_current,
    opportunity_search,
    with_public_details,
)


def opportunity_data(opportunity, url):
    association = opportunity.association
    return hsds._present(
        id=hsds.hsds_id(f"opportunity:{opportunity.pk}"),
        title=opportunity.title,
        description=opportunity.description,
        skills_wanted=opportunity.skills or None,
        time_commitment={
            "code": opportunity.time_commitment,
            "name": str(opportunity.get_time_commitment_display()),
        },
        # Left out: anywhere in the municipality.
        region=hsds._region_term(opportunity.region) if opportunity.region else None,
        target_groups=[hsds._target_group_term(group) for group in opportunity.target_groups.all()],
        start_date=opportunity.starts_on.isoformat() if opportunity.starts_on else None,
        answer_by=opportunity.answer_by.isoformat(),
        child_certificate_required=opportunity.needs_child_certificate,
        organization={
            "id": hsds.hsds_id(f"association:{association.pk}"),
            "name": association.name,
            "url": url(association.get_absolute_url()),
        },
        service_id=(
            hsds.hsds_id(f"activity:{opportunity.activity_id}") if opportunity.activity_id else None
        ),
        url=url(opportunity.get_absolute_url()),
        last_modified=opportunity.updated_at.isoformat(),
    )


def _term_filter(opportunities, kind, key):
    """Opportunities with a taxonomy term, as the other endpoints understand the terms."""
    if kind == "region":
        return opportunity_search(region=key, queryset=opportunities)
    if kind == "target_group":
        return opportunity_search(target_group=key, queryset=opportunities)
    if kind == "focus_area":
        return opportunities.filter(association__focus_areas=key)
    if key == "children_under_15":
        return opportunities.filter(activity__involves_children_under_15=True)
    # "wants_volunteers": every opportunity does.
    return opportunities


def _time_commitment(request):
    value = request.GET.get("time_commitment", "").strip()
    if value and value not in Opportunity.TimeCommitment.values:
        raise BadParameter(
            "time_commitment",
            _("“time_commitment” must be one of %(codes)s.")
            % {"codes": ", ".join(Opportunity.TimeCommitment.values)},
        )
    return value


@open_data
def opportunities(request):
    paging = _paging(request)
    current = opportunities_current()
    if (organization_pk := _organization_pk(request)) is not None:
        current = current.filter(association_id=organization_pk)
    if term := _taxonomy_term(request):
        current = _term_filter(current, *term)
    found = opportunity_search(
        text=request.GET.get("search", ""),
        time_commitment=_time_commitment(request),
        queryset=current,
    )

    def fetch(offset, limit):
        page = with_public_details(found)[offset : offset + limit]
        return [opportunity_data(opportunity, request.build_absolute_uri) for opportunity in page]

    return _page(paging, found.count(), fetch)


@open_data
def opportunity(request, id):
    current = opportunities_current()
    pk = _pk_with_id(current.values_list("pk", flat=True), "opportunity", id)
    found = with_public_details(current.filter(pk=pk)).first() if pk is not None else None
    if found is None:
        raise NotFound(_("There is no current volunteer opportunity with this id."))
    return opportunity_data(found, request.build_absolute_uri)
