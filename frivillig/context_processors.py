from django.utils.functional import SimpleLazyObject

from frivillig.models import Page
from frivillig.selectors import municipality_get


def municipality(request):
    """The municipality and its content pages, which every page's header and footer show."""
    return {
        "municipality": SimpleLazyObject(municipality_get),
        "content_pages": SimpleLazyObject(
            lambda: list(Page.objects.only("slug", "title", "summary"))
        ),
    }
