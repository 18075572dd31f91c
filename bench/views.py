from operator import attrgetter
from types import SimpleNamespace

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from frivillig.models import ExampleInitiative


@require_safe
def fortunes(request):
    """The baseline, in the shape of TechEmpower's "fortunes" test: one query, one template.

    All rows of a small table, one row added in memory, sorted, rendered through the same
    middleware as every page of the portal. Rendered without the request, so that the project's
    context processors (which may query) stay out of it.
    """
    rows = [
        SimpleNamespace(id=row.id, message=row.text)
        for row in ExampleInitiative.objects.only("id", "text")
    ]
    rows.append(SimpleNamespace(id=0, message="Additional fortune added at request time."))
    rows.sort(key=attrgetter("message"))
    return HttpResponse(render_to_string("bench/fortunes.html", {"fortunes": rows}))


@require_safe
def frame(request):
    """A reference, not a target: an empty page in the site's layout (base.html), no own query.

    What every page costs before its own content; the distance from the baseline to here is
    the layout's share.
    """
    return render(request, "bench/frame.html")
