"""The pools page states the year's whole §18 amount and the co-creation pool's share of it,
and marks the Danish it has no English for."""

from django.conf import settings
from django.urls import reverse


def test_the_pools_page_shows_the_whole_section_18_amount_and_its_split(client, faaborg):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("puljer:index")).content.decode()
    assert "in all 1,900,000 kr., of which 10 % – 190,000 kr. – goes to Samskabelsespuljen." in page
    assert '<h2 id="pool-' in page
    assert '" lang="da">§18-puljen</h2>' in page
