"""English beside Danish in the group's sections of the data file: fixed seats and partners."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from folgegruppe.datafile import GROUP_MEETINGS, GROUP_SEATS
from folgegruppe.models import MeetingPartner
from frivillig import datafile
from frivillig.datafile import DataFileError
from tests.conftest import DATA_DIR

FAABORG = (DATA_DIR / "faaborg-midtfyn.yaml").read_text(encoding="utf-8")
SEAT = "  - organisation: Frivilligcenter Faaborg-Midtfyn\n"
PARTNER = "    - name: Netværk for Fællesskab\n"


def test_the_group_page_shows_a_seat_s_organisation_in_english(faaborg, client):
    data = datafile.parse(
        FAABORG.replace(
            SEAT,
            "  - organisation: {da: Frivilligcenter Faaborg-Midtfyn, "
            "en: Faaborg-Midtfyn Volunteer Centre}\n",
        ).replace(PARTNER, "    - name: {da: Netværk for Fællesskab, en: Network for Community}\n")
    )
    GROUP_SEATS.load(data["group_seats"])
    GROUP_MEETINGS.load(data["group_meetings"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("folgegruppe:group")).content.decode()
    assert "<span>Faaborg-Midtfyn Volunteer Centre</span>" in page
    assert '<span lang="da">Huset i Faaborg</span>' in page
    partner = MeetingPartner.objects.get(name="Netværk for Fællesskab")
    with translation.override("en"):
        assert partner.shown_name("Socialudvalget") == "Network for Community"


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (
            FAABORG.replace(SEAT, "  - organisation: {en: Volunteer Centre}\n"),
            "group_seats[1].organisation.da",
        ),
        (
            FAABORG.replace(PARTNER, "    - name: {en: Network}\n"),
            "group_meetings.partners[2].name.da",
        ),
    ],
)
def test_english_without_danish_is_refused(text, field):
    with pytest.raises(DataFileError) as caught:
        datafile.parse(text)
    assert (caught.value.field, caught.value.message) == (field, "skal udfyldes")
