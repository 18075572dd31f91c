"""Admin query strings no page can use, refused with 400 before any admin filter sees them.

The admin's list filters and date hierarchy pass the query's values to the database, also
those of other packages' admin pages; the portal's own pages read theirs through forms.
"""

import re

from django.core.exceptions import BadRequest
from django.urls import reverse

# The date hierarchy passes these to datetime(); a huge number overflows there (Django turns
# only a ValueError into a bad lookup), so they must be a year, month or day.
DATE_PART = re.compile(r"__(year|month|day)\Z")
DATE_NUMBER = re.compile(r"[0-9]{1,4}\Z")


def _unusable(name, value):
    # PostgreSQL can neither store nor compare text with a NUL: no filter can mean one.
    if "\x00" in name or "\x00" in value:
        return True
    # django-auditlog's "resource type" filter compares its value with a content type's id.
    if name == "resource_type" and not value.isdigit():
        return True
    return bool(DATE_PART.search(name)) and not DATE_NUMBER.match(value)


class AdminQueryStringMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(reverse("admin:index")):
            for name, values in request.GET.lists():
                if any(_unusable(name, value) for value in values):
                    raise BadRequest("unusable query string")
        return self.get_response(request)
