"""Sønderborg and Syddjurs fit by data: their committee, workshops, award and fair."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from folgegruppe.models import MeetingPartner
from folgegruppe.selectors import meeting_year_check
from frivillig import datafile
from frivillig.arrangementer.models import Event, RecurringEvent
from frivillig.datafile import municipality_load
from frivillig.models import AwardCategory, FocusArea, Municipality, Page, TargetGroup
from tests.conftest import DATA_DIR

QUESTIONS = [
    "Hvordan understøtter kommunen bedst muligt det frivillige sociale og sundhedsfremmende "
    "arbejde gennem dialog med det lokale foreningsliv?",
    "Hvordan kan vi videreudvikle samarbejdet mellem hinanden på baggrund af erfaringer fra den "
    "eksisterende politik på det frivillige sociale og sundhedsfremmende område?",
]


@pytest.fixture
def soenderborg(db):
    municipality_load(data=datafile.read(DATA_DIR / "soenderborg.yaml"))


@pytest.fixture
def syddjurs(db):
    municipality_load(data=datafile.read(DATA_DIR / "syddjurs.yaml"))


def test_soenderborgs_front_page_names_sundhedsudvalget_and_the_policys_update(client, soenderborg):
    html = client.get(reverse("home")).content.decode()
    assert "Politik for det frivillige sociale og sundhedsfremmende område" in html
    assert "Sundhedsudvalget" in html
    assert "2. juli 2020" in html


def test_soenderborg_has_the_three_workshops_of_spring_2019_with_the_two_questions(
    client, soenderborg
):
    workshops = Event.objects.filter(kind=Event.Kind.WORKSHOP).order_by("title")
    assert [(event.place, event.date_text) for event in workshops] == [
        ("Gråsten", "Foråret 2019"),
        ("Nordborg", "Foråret 2019"),
        ("Sønderborg", "Foråret 2019"),
    ]
    for event in workshops:
        assert event.starts_at is None
        assert [question.text for question in event.questions.order_by("order")] == QUESTIONS
        html = client.get(event.get_absolute_url()).content.decode()
        assert "Foråret 2019" in html
        assert all(question in html for question in QUESTIONS)


def test_soenderborg_leaves_what_its_policy_does_not_give_empty(soenderborg):
    municipality = Municipality.objects.get()
    assert (municipality.group_name, municipality.strategy_adopted) == ("", None)
    assert FocusArea.objects.count() == 1
    assert not TargetGroup.objects.exists()


def test_a_municipality_without_a_group_has_no_group_in_the_menu_and_says_so_on_its_page(
    client, soenderborg
):
    home = client.get(reverse("home")).content.decode()
    assert reverse("folgegruppe:group") not in home
    group = client.get(reverse("folgegruppe:group")).content.decode()
    assert "Sønderborg Kommune har ikke oprettet en følgegruppe" in group


def test_the_new_year_receptions_host_is_the_committee_from_the_data(client, faaborg):
    reception = Event.objects.create(
        title="Nytårskur",
        slug="nytaarskur",
        kind=Event.Kind.NYTAARSKUR,
        starts_at=timezone.now() + datetime.timedelta(days=30),
        place="Rådhuset",
    )
    assert "Socialudvalget" in client.get(reception.get_absolute_url()).content.decode()
    Municipality.objects.update(committee_name="Social- og Sundhedsudvalget")
    html = client.get(reception.get_absolute_url()).content.decode()
    assert "Vært" in html and "Social- og Sundhedsudvalget" in html


def test_syddjurs_has_its_sixteen_tasks_its_award_and_a_yearly_fair(client, syddjurs):
    # The tasks are the municipality's goals for the centre, not categories for associations.
    assert FocusArea.objects.count() == 0
    tasks = Page.objects.get(slug="opgaver").body
    assert tasks.count("\n- ") == 16
    assert '- At oprette og drive webportalen "Omsorgsnet.dk".' in tasks
    award = AwardCategory.objects.get()
    assert award.name == "Frivillighedsprisen"
    assert "ildsjæl" in award.description
    fair = RecurringEvent.objects.get()
    assert (fair.name, fair.kind, fair.every_years) == ("Frivillighedsmesse", "fair", 1)
    assert "Frivillighedsprisen" in client.get(reverse("awards")).content.decode()
    assert (
        "Frivillighedsmesse" in client.get(reverse("folgegruppe:recurring_events")).content.decode()
    )


def test_the_group_meets_the_committee_under_the_name_the_municipality_gives_it(client, faaborg):
    partners = dict(MeetingPartner.objects.values_list("name", "is_committee"))
    assert partners == {"Socialudvalget": True, "Netværk for Fællesskab": False}
    Municipality.objects.update(committee_name="Social- og Sundhedsudvalget")
    html = client.get(reverse("folgegruppe:meetings")).content.decode()
    assert "møde med Social- og Sundhedsudvalget" in html
    assert "Socialudvalget" not in html
    assert meeting_year_check(timezone.localdate().year)[-2].startswith(
        "Social- og Sundhedsudvalget:"
    )
