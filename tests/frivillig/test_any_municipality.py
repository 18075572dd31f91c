"""The portal speaks of whichever municipality's data file is loaded, with no code change."""

import pytest
from django.urls import reverse

from frivillig import datafile
from frivillig.models import FocusArea, Page
from frivillig.services import municipality_load
from puljer.models import Pool
from tests.conftest import DATA_DIR

MUNICIPALITIES = {
    "faaborg-midtfyn.yaml": {
        "name": "Faaborg-Midtfyn Kommune",
        "group": "Frivillig Social Følgegruppe",
        "focus_areas": "Fem indsatsområder",
        "count": 5,
        "foreign": ["Tønder", "Frivillighedsråd", "målsætninger"],
    },
    "toender.yaml": {
        "name": "Tønder Kommune",
        "group": "Frivillighedsrådet",
        "focus_areas": "Seks målsætninger",
        "count": 6,
        "foreign": ["Faaborg", "Midtfyn", "Følgegruppe", "følgegruppe", "fmk.dk", "indsatsområde"],
    },
}


def public_urls():
    urls = [reverse("home"), reverse("accessibility"), reverse("privacy"), reverse("login")]
    urls += [area.get_absolute_url() for area in FocusArea.objects.all()]
    urls += [page.get_absolute_url() for page in Page.objects.all()]
    urls += [
        reverse(name)
        for name in (
            "signup",
            "foreninger:directory",
            "foreninger:coverage",
            "puljer:index",
            "folgegruppe:group",
            "folgegruppe:meetings",
            "folgegruppe:recurring_events",
            "event_list",
            "awards",
            "award_nominate",
        )
    ]
    urls += [
        reverse("puljer:year", args=[year]) for year in Pool.objects.values_list("year", flat=True)
    ]
    return urls


@pytest.mark.parametrize("filename", MUNICIPALITIES)
def test_every_public_page_speaks_of_the_loaded_municipality_only(client, db, filename):
    expected = MUNICIPALITIES[filename]
    municipality_load(data=datafile.read(DATA_DIR / filename))
    assert FocusArea.objects.count() == expected["count"]
    home = client.get(reverse("home")).content.decode()
    assert expected["focus_areas"] in home
    assert expected["group"] in home
    for url in public_urls():
        html = client.get(url).content.decode()
        assert expected["name"] in html, url
        for word in expected["foreign"]:
            assert word not in html, f"{word!r} on {url}"


def test_loading_a_second_municipality_replaces_the_first(client, faaborg):
    municipality_load(data=datafile.read(DATA_DIR / "toender.yaml"))
    html = client.get(reverse("home")).content.decode()
    assert "Tønder Kommune" in html
    assert "Faaborg" not in html
