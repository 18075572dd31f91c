import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from frivillig.models import FocusArea
from tests import factories

PUBLIC_PAGES = [
    reverse("home"),
    reverse("focus_area", args=["oeget-mangfoldighed"]),
    reverse("page", args=["strategi"]),
    reverse("page", args=["spilleregler"]),
    reverse("page", args=["om"]),
    reverse("accessibility"),
    reverse("privacy"),
    reverse("login"),
    reverse("password_reset"),
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_is_danish_with_one_h1_and_the_footer(client, faaborg, url):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="da">' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert 'href="#main"' in html
    assert "sundhed@fmk.dk" in html
    assert reverse("accessibility") in html


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # The frame, the next events, the newest volunteer jobs, the focus areas, the regions.
        (reverse("home"), 5),
        (reverse("focus_area", args=["oeget-mangfoldighed"]), 8),
        (reverse("page", args=["spilleregler"]), 2),
        (reverse("accessibility"), 1),
        (reverse("login"), 1),
    ],
)
def test_every_page_runs_a_fixed_number_of_queries(
    client, faaborg, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        client.get(url)
    for number in range(6, 16):
        area = factories.focus_area(number=number)
        area.examples.create(text="Endnu et eksempel", order=1)
        factories.page(slug=f"ekstra-{number}")
    # Cold as the first: after a change to its data the frame is read again, one query more.
    cache.clear()
    with django_assert_num_queries(queries):
        client.get(url)


def test_the_front_page_shows_the_strategy_and_counts_focus_areas_in_words(client, faaborg):
    html = client.get(reverse("home")).content.decode()
    assert "Sammen om det frivillige sociale arbejde" in html
    assert "Fem indsatsområder" in html
    for area in FocusArea.objects.all():
        assert area.get_absolute_url() in html
    assert "Frivillig Social Følgegruppe" in html


def test_a_focus_area_page_shows_goal_text_and_example_initiatives(client, faaborg):
    area = FocusArea.objects.get(number=1)
    html = client.get(area.get_absolute_url()).content.decode()
    assert area.goal.split()[0] in html
    for example in area.examples.all():
        assert example.text in html
    assert 'aria-current="page"' in html


def test_an_unknown_focus_area_is_404(client, faaborg):
    assert client.get(reverse("focus_area", args=["findes-ikke"])).status_code == 404


def test_the_portal_speaks_english_when_asked(client, faaborg):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in html
    assert "Five focus areas" in html
    assert "Skip to content" in html


def test_an_empty_portal_explains_how_to_load_a_municipality(client, db):
    html = client.get(reverse("home")).content.decode()
    assert "load_municipality" in html


def test_the_portal_is_danish_even_for_an_english_browser(client, faaborg):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="da">' in response.content.decode()
    assert response.headers["Content-Language"] == "da"


def test_the_main_menu_lists_the_sections_in_their_order(client, faaborg):
    response = client.get(reverse("home"))
    labels = [label for label, _url in response.context["app_navigation"]]
    assert labels == [
        "Arrangementer",
        "Foreninger",
        "Frivilligjob",
        "Tilskud",
        "Frivillig Social Følgegruppe",
    ]
