from django.db.models import Prefetch

from frivillig.models import ExampleInitiative, FocusArea, Municipality, User
from frivillig.roles import CONSULTANT_GROUP


def municipality_get():
    """The municipality of this deployment, or None before its data file is loaded."""
    return Municipality.objects.filter(pk=1).first()


def focus_area_list():
    return FocusArea.objects.order_by("number")


def focus_area_with_examples(slug):
    return (
        FocusArea.objects.prefetch_related(
            Prefetch("examples", queryset=ExampleInitiative.objects.order_by("order"))
        )
        .filter(slug=slug)
        .first()
    )


def consultant_recipients():
    """Where notices for the volunteer consultant go: the municipality's address, else the role."""
    municipality = municipality_get()
    if municipality and municipality.email:
        return [municipality.email]
    return list(
        User.objects.filter(groups__name=CONSULTANT_GROUP, is_active=True)
        .order_by("email")
        .values_list("email", flat=True)
    )
