"""The portal speaks of whichever municipality's data file is loaded, with no code change."""

import pytest
from django.urls import reverse

from frivillig import datafile
from frivillig.arrangementer.models import Event
from frivillig.datafile import municipality_load
from frivillig.models import FocusArea, Page
from puljer.models import Pool
from tests.conftest import DATA_DIR

MUNICIPALITIES = {
    "faaborg-midtfyn.yaml": {
        "name": "Faaborg-Midtfyn Kommune",
        "committee": "Socialudvalget",
        "group": "Frivillig Social Følgegruppe",
        "focus_areas": "Fem indsatsområder",
        "count": 5,
        "foreign": ["Tønder", "Frivillighedsråd", "målsætninger", "Sønderborg", "Syddjurs"],
    },
    "toender.yaml": {
        "name": "Tønder Kommune",
        "committee": "Socialudvalget",
        "group": "Frivillighedsrådet",
        "focus_areas": "Seks målsætninger",
        "count": 6,
        "foreign": [
            *("Faaborg", "Midtfyn", "Følgegruppe", "følgegruppe", "fmk.dk", "indsatsområde"),
            *("Sønderborg", "Syddjurs"),
        ],
    },
    "soenderborg.yaml": {
        "name": "Sønderborg Kommune",
        "committee": "Sundhedsudvalget",
        "group": None,
        "focus_areas": ">Fokusområde<",
        "count": 1,
        "foreign": [
            *("Faaborg", "Midtfyn", "Tønder", "Syddjurs", "Socialudvalg", "Frivillighedsråd"),
            "indsatsområde",
        ],
    },
    "syddjurs.yaml": {
        "name": "Syddjurs Kommune",
        "committee": None,
        "group": None,
        "focus_areas": "Frivilligcentrets opgaver",
        "count": 0,
        "foreign": [
            *("Faaborg", "Midtfyn", "Tønder", "Sønderborg", "Socialudvalg", "Sundhedsudvalg"),
            *("Frivillighedsråd", "indsatsområde"),
        ],
    },
}


def public_urls():
    urls = [reverse("home"), reverse("accessibility"), reverse("privacy"), reverse("login")]
    urls += [area.get_absolute_url() for area in FocusArea.objects.all()]
    urls += [page.get_absolute_url() for page in Page.objects.all()]
    urls += [event.get_absolute_url() for event in Event.objects.all()]
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
            "meeting_places",
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
    if expected["group"]:
        assert expected["group"] in home
    else:
        assert reverse("folgegruppe:group") not in home
    if expected["committee"]:
        assert expected["committee"] in home
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
