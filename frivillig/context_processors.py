from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from frivillig.hooks import app_attribute
from frivillig.models import Page
from frivillig.selectors import municipality_get


def municipality(request):
    """The municipality, its content pages and the apps' sections, shown in every page's frame.

    A navigation label may be a function of the municipality (the group's own name); it gets
    the same lazily loaded municipality, so the frame still reads it only once.
    """
    current = SimpleLazyObject(municipality_get)
    return {
        "municipality": current,
        "content_pages": SimpleLazyObject(
            lambda: list(Page.objects.only("slug", "title", "summary"))
        ),
        "app_navigation": [
            (label(current) if callable(label) else label, reverse(url_name))
            for label, url_name in app_attribute("navigation")
        ],
    }
