"""Whole public pages cached for anonymous visitors (frivillig.pagecache.public_page): what a
visitor of their own (a login, messages, a language) must never get from, or leave in, the cache."""

from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frivillig import pagecache
from frivillig.models import AwardCategory, Municipality, Nomination

HOME = reverse("home")


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def test_an_anonymous_visitor_gets_the_page_from_the_cache_and_a_304_for_its_etag(client, faaborg):
    first = client.get(HOME)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(HOME)
    assert len(queries) == 1  # the frame's, which brings the data versions
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    unchanged = client.get(HOME, headers={"if-none-match": first["ETag"]})
    assert unchanged.status_code == 304
    assert unchanged.content == b""


def test_a_change_of_the_data_shows_on_the_next_request(client, faaborg):
    before = client.get(HOME)
    Municipality.objects.update(name="Frivilligby Kommune")
    after = client.get(HOME, headers={"if-none-match": before["ETag"]})
    assert "Frivilligby Kommune" in html(after)
    assert after["ETag"] != before["ETag"]


def test_a_logged_in_visitor_neither_gets_nor_leaves_a_copy(client, faaborg, alice):
    assert "Log ind" in html(client.get(HOME))
    member = Client()
    member.force_login(alice)
    assert "Log ud" in html(member.get(HOME))
    assert "Log ud" not in html(client.get(HOME))
    assert "Log ud" not in html(Client().get(HOME))


def test_a_visitors_messages_neither_come_from_nor_go_into_the_cache(client, faaborg):
    client.get(HOME)
    storage = CookieStorage(HttpRequest())
    told = Client()
    told.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Tak for beskeden.")])
    assert "Tak for beskeden." in html(told.get(HOME))
    assert "Tak for beskeden." not in html(Client().get(HOME))


def test_each_language_has_its_own_copy(client, faaborg):
    assert '<html lang="da">' in html(client.get(HOME))
    english = Client()
    english.cookies["django_language"] = "en"
    assert '<html lang="en">' in html(english.get(HOME))
    assert '<html lang="da">' in html(Client().get(HOME))


def test_the_language_switch_needs_no_csrf_token_and_the_frame_holds_none(faaborg):
    client = Client(enforce_csrf_checks=True)
    assert "csrfmiddlewaretoken" not in html(client.get(HOME))
    response = client.post(reverse("set_language"), {"language": "en", "next": HOME})
    assert response.status_code == 302
    assert '<html lang="en">' in html(client.get(HOME))


def test_a_page_that_rendered_a_csrf_token_is_not_kept(faaborg):
    renders = []

    @pagecache.public_page(pagecache.FRIVILLIG)
    def view(request):
        renders.append(request)
        return HttpResponse(Template("{{ token }}").render(Context({"token": get_token(request)})))

    factory = RequestFactory()
    view(factory.get("/formular/"))
    view(factory.get("/formular/"))
    assert len(renders) == 2


def test_the_awards_page_is_kept_until_a_nomination_changes_which_renews_no_other_page(
    client, faaborg
):
    category = AwardCategory.objects.get(slug="aarets-ildsjael")
    nomination = Nomination.objects.create(
        category=category,
        year=2026,
        nominee_name="Grethe Hansen",
        reason="Bærer caféen.",
        nominator_name="Bo",
        nominator_email="bo@example.org",
    )
    awards, home = client.get(reverse("awards")), client.get(HOME)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("awards")).content == awards.content
    assert len(queries) == 1
    Nomination.objects.filter(pk=nomination.pk).update(status="shortlisted", is_winner=True)
    assert "Grethe Hansen" in html(client.get(reverse("awards")))
    # The front page, kept under every other scope, is not renewed.
    assert client.get(HOME, headers={"if-none-match": home["ETag"]}).status_code == 304
