"""Every new public page of the core app: Danish, one h1, the frame with the contact details."""

import re

import pytest
from django.urls import reverse

from frivillig import demo
from frivillig.arrangementer import demo as event_demo
from frivillig.arrangementer.models import Event
from frivillig.models import ActionPlan, AwardCategory


def urls():
    plan = ActionPlan.objects.order_by("-starts_on").first()
    return [
        reverse("event_list"),
        reverse("event_archive", args=[Event.objects.order_by("starts_at").first().starts_at.year]),
        Event.objects.last().get_absolute_url(),
        reverse("action_plans", args=[plan.focus_area.slug]),
        plan.get_absolute_url(),
        reverse("awards"),
        reverse("award_nominate"),
        f"{reverse('award_nominated')}?pris={AwardCategory.objects.first().slug}",
    ]


@pytest.fixture
def pages(client, faaborg):
    demo.seed()
    event_demo.seed()
    return {url: client.get(url) for url in urls()}


def test_every_new_page_is_danish_with_one_h1_and_the_footer(pages):
    for url, response in pages.items():
        html = response.content.decode()
        assert response.status_code == 200, url
        assert '<html lang="da">' in html, url
        assert len(re.findall(r"<h1[ >]", html)) == 1, url
        assert "sundhed@fmk.dk" in html, url


def test_every_new_page_but_the_receipt_has_a_breadcrumb_home(pages):
    for url, response in pages.items():
        if url.startswith(reverse("award_nominated")):
            continue
        html = response.content.decode()
        assert '<ol class="breadcrumb">' in html, url
        assert f'<a href="{reverse("home")}">' in html, url
