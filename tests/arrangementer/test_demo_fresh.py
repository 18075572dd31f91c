"""The events' demo on a database the module-wide seed of tests/arrangementer/test_demo.py has
not touched: with the demo associations, and in another municipality."""

from foreninger import demo as association_demo
from frivillig.arrangementer import demo
from frivillig.arrangementer.models import Event, EventRegistration


def test_the_demo_associations_sign_up_for_the_coming_new_year_reception(faaborg):
    association_demo.seed()
    assert "2 sign-ups for the coming Nytårskur" in demo.seed()
    assert sorted(EventRegistration.objects.values_list("association__name", "attendees")) == [
        ("Besøgsvennerne i Faaborg", 4),
        ("Sprogcaféen Faaborg", 6),
    ]


def test_another_municipality_is_skipped_with_a_reason(toender):
    assert "skipped" in demo.seed()
    assert not Event.objects.exists()
