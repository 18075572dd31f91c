from django import template

register = template.Library()


@register.filter
def partner_name(partner, municipality):
    """{{ partner|partner_name:municipality }}: the committee under its current name."""
    return partner.shown_name(municipality.committee_name if municipality else "")
