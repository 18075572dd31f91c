"""The calendar, action plan and award pages are valid HTML (Nu HTML Checker)."""

from django.urls import reverse

from frivillig import datafile, demo
from frivillig.arrangementer import demo as event_demo
from frivillig.arrangementer.models import Event
from frivillig.datafile import municipality_load
from frivillig.models import ActionPlan, AwardCategory, FocusArea
from tests.conftest import DATA_DIR
from tests.htmlcheck import html_errors


class Posting:
    """A client whose GET posts `data`, so that the checker sees a form shown with its errors."""

    def __init__(self, client, data):
        self.client, self.data = client, data

    def get(self, url):
        return self.client.post(url, self.data)


def test_the_calendar_plan_and_award_pages_are_valid_html(client, faaborg):
    demo.seed()
    event_demo.seed()
    workshop = Event.objects.create(
        title="Workshop i Gråsten",
        slug="workshop-i-graasten",
        kind=Event.Kind.WORKSHOP,
        date_text="Foråret 2019",
        place="Gråsten",
        input_open=True,
        workshop_summary="## Temaer\n\n- Synlighed",
        summary_published=True,
    )
    workshop.questions.create(text="Hvordan understøtter kommunen de frivillige?", order=1)
    workshop.questions.create(text="Hvad skal politikken indeholde?", order=2)
    past_year = Event.objects.order_by("starts_at").first().starts_at.year
    plans = ActionPlan.objects.filter(focus_area__number=1).order_by("-starts_on")
    calendar = reverse("event_list")
    urls = [
        calendar,
        f"{calendar}?type=regional_meeting&egn=ringeegnen",
        f"{calendar}?type=fair&egn=ukendt",
        f"{calendar}?type=other",
        reverse("event_archive", args=[past_year]),
        Event.objects.get(kind=Event.Kind.NYTAARSKUR).get_absolute_url(),
        workshop.get_absolute_url(),
        reverse("event_input_received", args=[workshop.slug]),
        *(area.get_absolute_url() for area in FocusArea.objects.all()),
        reverse("action_plans", args=[plans[0].focus_area.slug]),
        *(plan.get_absolute_url() for plan in plans),
        reverse("awards"),
        reverse("award_nominate"),
        f"{reverse('award_nominated')}?pris={AwardCategory.objects.first().slug}",
    ]
    errors = html_errors(client, urls)
    errors += html_errors(Posting(client, {"nominator_email": "x"}), [reverse("award_nominate")])
    errors += html_errors(
        Posting(client, {"email": "x"}),
        [reverse("event_input", args=[workshop.slug])],
    )
    assert errors == []


def test_the_empty_states_are_valid_html(client, db):
    municipality_load(data=datafile.read(DATA_DIR / "toender.yaml"))
    urls = [
        reverse("event_list"),
        reverse("awards"),
        reverse("award_nominate"),
        reverse("action_plans", args=[FocusArea.objects.first().slug]),
    ]
    assert html_errors(client, urls) == []
