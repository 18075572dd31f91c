"""The frame of every page (municipality, content pages, menus): one query (two after a change
to them), always current."""

from django.core.cache import cache
from django.urls import reverse

from frivillig.context_processors import CACHE_KEY
from frivillig.models import Municipality, Page
from tests import factories


def test_the_frame_costs_one_query_and_one_more_after_a_change(
    client, faaborg, django_assert_num_queries
):
    with django_assert_num_queries(1):
        html = client.get(reverse("accessibility")).content.decode()
    assert "Faaborg-Midtfyn Kommune" in html
    for page in Page.objects.all():
        assert page.get_absolute_url() in html
    # The versions alone, as the process keeps the municipality and the pages.
    with django_assert_num_queries(1):
        client.get(reverse("accessibility"))
    Page.objects.filter(slug="om").update(title="Om os")
    with django_assert_num_queries(2):
        html = client.get(reverse("accessibility")).content.decode()
    assert "Om os" in html
    with django_assert_num_queries(1):
        client.get(reverse("accessibility"))


def test_a_page_edited_in_the_admin_shows_in_the_menu_on_the_next_request(
    client, faaborg, superuser
):
    page = Page.objects.get(slug="spilleregler")
    assert page.title in client.get(reverse("privacy")).content.decode()
    client.force_login(superuser)
    response = client.post(
        reverse("admin:frivillig_page_change", args=[page.pk]),
        {
            "slug": page.slug,
            "title": "Sådan samarbejder vi",
            "summary": "",
            "body": "Tekst.",
            "order": page.order,
        },
    )
    assert response.status_code == 302
    client.logout()
    html = client.get(reverse("privacy")).content.decode()
    assert "Sådan samarbejder vi" in html and page.title not in html


def test_a_new_page_and_a_renamed_municipality_show_on_the_next_request(client, faaborg):
    client.get(reverse("privacy"))
    factories.page(slug="nyheder", title="Nyheder fra kommunen")
    Municipality.objects.update(name="Frivilligby Kommune")
    html = client.get(reverse("privacy")).content.decode()
    assert "Nyheder fra kommunen" in html
    assert "Frivilligby Kommune" in html and "Faaborg-Midtfyn Kommune" not in html


def test_the_kept_frame_serves_until_the_municipality_or_a_page_changes(client, faaborg):
    client.get(reverse("privacy"))
    numbers, kept = cache.get(CACHE_KEY)
    kept.municipality.name = "Husket Kommune"
    cache.set(CACHE_KEY, (numbers, kept))
    assert "Husket Kommune" in client.get(reverse("privacy")).content.decode()
    factories.association(name="Ældreklubben")
    assert "Husket Kommune" in client.get(reverse("privacy")).content.decode()
    Page.objects.filter(slug="om").update(title="Om os")
    html = client.get(reverse("privacy")).content.decode()
    assert "Faaborg-Midtfyn Kommune" in html and "Husket Kommune" not in html
    assert "Om os" in html


def test_a_visitor_never_sees_another_visitors_menu(client, faaborg, alice):
    client.force_login(alice)
    own = client.get(reverse("privacy")).content.decode()
    client.logout()
    anonymous = client.get(reverse("privacy")).content.decode()
    dashboard = f'href="{reverse("foreninger:dashboard")}"'
    assert dashboard in own and dashboard not in anonymous


def test_without_a_municipality_the_frame_still_lists_the_pages(client, db):
    factories.page(slug="om", title="Om portalen")
    html = client.get(reverse("privacy")).content.decode()
    assert "Om portalen" in html
