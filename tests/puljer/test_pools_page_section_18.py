"""The pools page states the year's whole §18 amount and the co-creation pool's share of it
(the pools in English: test_pools_english.py)."""

from django.conf import settings
from django.urls import reverse


def test_the_pools_page_shows_the_whole_section_18_amount_and_its_split(client, faaborg):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("puljer:index")).content.decode()
    expected = "in all 1,900,000 kr., of which 10 % – 190,000 kr. – goes to the Co-creation Pool."
    assert expected in page
