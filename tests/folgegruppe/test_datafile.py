"""The group's sections of the data file: fixed seats, meeting rules and recurring events."""

import pytest
from django.urls import reverse

from folgegruppe.models import GroupSeat, MeetingPartner, MeetingSettings
from frivillig import datafile
from frivillig.arrangementer.models import RecurringEvent
from frivillig.datafile import DataFileError, municipality_load
from tests.conftest import DATA_DIR

FAABORG = DATA_DIR / "faaborg-midtfyn.yaml"


def _snapshot():
    return [
        list(GroupSeat.objects.order_by("pk").values()),
        list(MeetingSettings.objects.values()),
        list(MeetingPartner.objects.order_by("pk").values()),
        list(RecurringEvent.objects.order_by("pk").values()),
    ]


def test_faaborg_has_two_fixed_seats_four_meetings_and_its_new_year_reception(faaborg):
    assert list(GroupSeat.objects.values_list("organisation", "fixed")) == [
        ("Frivilligcenter Faaborg-Midtfyn", True),
        ("Huset i Faaborg", True),
    ]
    rules = MeetingSettings.objects.get()
    assert rules.meetings_per_year == 4
    assert "Lederen af Det Mobile Sundhedscenter" in rules.participants
    assert list(MeetingPartner.objects.values_list("name", "meetings_per_year")) == [
        ("Socialudvalget", 1),
        ("Netværk for Fællesskab", 1),
    ]
    reception = RecurringEvent.objects.get(kind="nytaarskur")
    assert (reception.every_years, reception.month) == (1, None)


def test_toender_has_its_council_its_volunteer_day_and_a_fair_every_fourth_year(toender):
    assert not GroupSeat.objects.exists()
    assert MeetingSettings.objects.get().meetings_per_year is None
    assert list(MeetingPartner.objects.values_list("name", flat=True)) == ["Socialudvalget"]
    events = {event.kind: event for event in RecurringEvent.objects.all()}
    assert events["volunteer_day"].every_years == 1
    assert events["fair"].every_years == 4
    assert all(event.month is None for event in events.values())


def test_loading_the_file_twice_changes_nothing(faaborg):
    before = _snapshot()
    municipality_load(data=datafile.read(FAABORG))
    assert _snapshot() == before


def test_a_member_named_in_the_admin_stays_when_the_file_is_loaded_again(faaborg):
    GroupSeat.objects.filter(organisation="Huset i Faaborg").update(person_name="Lone Berg")
    municipality_load(data=datafile.read(FAABORG))
    assert GroupSeat.objects.get(organisation="Huset i Faaborg").person_name == "Lone Berg"


def test_what_the_file_no_longer_lists_is_removed_but_elected_seats_stay(faaborg):
    elected = GroupSeat.objects.create(
        person_name="Karen Holm", term_start="2026-02-01", term_end="2028-01-31"
    )
    data = datafile.read(FAABORG)
    data["group_seats"] = data["group_seats"][:1]
    data["events"] = data["events"][:1]
    data["group_meetings"]["partners"] = []
    municipality_load(data=data)
    assert list(GroupSeat.objects.filter(fixed=True).values_list("organisation", flat=True)) == [
        "Frivilligcenter Faaborg-Midtfyn"
    ]
    assert GroupSeat.objects.filter(pk=elected.pk).exists()
    assert RecurringEvent.objects.count() == 1
    assert not MeetingPartner.objects.exists()


def _with(section):
    return FAABORG.read_text(encoding="utf-8") + "\n" + section


def test_an_organisation_given_twice_is_reported_at_its_line():
    text = _with(
        "group_seats:\n  - organisation: Huset i Faaborg\n  - organisation: Huset i Faaborg\n"
    ).replace(
        "group_seats:\n  - organisation: Frivilligcenter Faaborg-Midtfyn\n"
        "  - organisation: Huset i Faaborg\n",
        "",
    )
    with pytest.raises(DataFileError, match="er brugt to gange") as caught:
        datafile.parse(text)
    assert caught.value.field == "group_seats[2].organisation"
    assert caught.value.line == len(text.splitlines())


def test_an_unknown_kind_of_event_is_reported():
    text = FAABORG.read_text(encoding="utf-8").replace("kind: nytaarskur", "kind: party")
    with pytest.raises(DataFileError, match="skal være en af: nytaarskur") as caught:
        datafile.parse(text)
    assert caught.value.field == "events[1].kind"


def test_the_menu_names_the_group_as_the_municipality_does(client, toender):
    response = client.get(reverse("home"))
    url = reverse("folgegruppe:group")
    assert f'<a href="{url}">Frivillighedsrådet</a>' in response.content.decode()
    page = client.get(url).content.decode()
    assert "<h1>Frivillighedsrådet</h1>" in page


def test_the_council_s_pages_work_without_seats_or_a_yearly_number(client, toender):
    for name in ("folgegruppe:group", "folgegruppe:meetings", "folgegruppe:recurring_events"):
        assert client.get(reverse(name)).status_code == 200
    problems = client.get(reverse("folgegruppe:meetings")).context["problems"]
    assert len(problems) == 1 and "Socialudvalget" in problems[0]
