from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from frivillig import selectors
from frivillig.models import Page


@require_safe
def home(request):
    return render(request, "frivillig/home.html", {"focus_areas": selectors.focus_area_list()})


@require_safe
def focus_area(request, slug):
    area = selectors.focus_area_with_examples(slug)
    if area is None:
        raise Http404
    return render(
        request,
        "frivillig/focus_area.html",
        {"area": area, "focus_areas": selectors.focus_area_list()},
    )


@require_safe
def page(request, slug):
    return render(request, "frivillig/page.html", {"page": get_object_or_404(Page, slug=slug)})


@require_safe
def accessibility(request):
    return render(request, "frivillig/accessibility.html")


@require_safe
def privacy(request):
    return render(request, "frivillig/privacy.html")


@require_safe
def healthz(request):
    """For the load balancer: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
