from django.db.models import Prefetch

from frivillig.models import ExampleInitiative, FocusArea, Municipality


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
