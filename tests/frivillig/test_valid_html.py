from django.urls import reverse

from frivillig.models import FocusArea, Page, Region, TargetGroup
from tests import factories
from tests.htmlcheck import html_errors


def test_every_page_is_valid_html(client, faaborg, alice):
    association = factories.association(
        name="Besøgsvennerne",
        members=[alice],
        focus_areas=FocusArea.objects.all()[:2],
        regions=Region.objects.all()[:1],
        target_groups=TargetGroup.objects.all()[:2],
        website="https://example.org",
    )
    activity = factories.activity(
        association, wants_volunteers=True, involves_children_under_15=True
    )
    directory = reverse("foreninger:directory")
    public = [
        reverse("home"),
        reverse("accessibility"),
        reverse("privacy"),
        reverse("login"),
        reverse("password_reset"),
        *(area.get_absolute_url() for area in FocusArea.objects.all()),
        *(page.get_absolute_url() for page in Page.objects.all()),
        directory,
        f"{directory}?q=bes%C3%B8g&egn={Region.objects.first().slug}&frivillige=on",
        f"{directory}?q=ingenting",
        f"{directory}?egn=ukendt",
        association.get_absolute_url(),
        reverse("foreninger:contact", args=[association.slug]),
        reverse("foreninger:report_error", args=[association.slug]),
        reverse("foreninger:coverage"),
        reverse("signup"),
    ]
    members_only = [
        reverse("foreninger:dashboard"),
        reverse("foreninger:register"),
        reverse("foreninger:edit", args=[association.pk]),
        reverse("foreninger:activity_add", args=[association.pk]),
        reverse("foreninger:activity_edit", args=[association.pk, activity.pk]),
        reverse("foreninger:activity_delete", args=[association.pk, activity.pk]),
        reverse("foreninger:members", args=[association.pk]),
    ]
    errors = html_errors(client, public)
    client.force_login(alice)
    errors += html_errors(client, members_only)
    assert errors == []
