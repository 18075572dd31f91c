"""Award categories are data: the file names them, and which focus area's page links them."""

import textwrap

import pytest
from django.urls import reverse

from frivillig import datafile
from frivillig.datafile import municipality_load
from frivillig.models import AwardCategory, FocusArea
from tests import factories
from tests.frivillig.test_load_municipality import MINIMAL

AWARDS = textwrap.dedent(
    """\
    award_categories:
      - name: Årets Frivillige
        description: En, der gør en forskel.
        focus_area: 2
      - name: Årets Forening
        slug: forening
    """
)


def load(text):
    municipality_load(data=datafile.parse(text))


def test_faaborg_midtfyn_has_its_three_awards_linked_from_recognition(faaborg):
    recognition = FocusArea.objects.get(title="Anerkendelse")
    assert [(c.name, c.slug, c.focus_area) for c in AwardCategory.objects.all()] == [
        ("Årets Ildsjæl", "aarets-ildsjael", recognition),
        ("Årets Forening", "aarets-forening", recognition),
        ("Årets Ungepris", "aarets-ungepris", recognition),
    ]


def test_toender_has_no_awards(toender):
    assert not AwardCategory.objects.exists()


def test_a_file_without_awards_is_valid_and_loads_none(db):
    load(MINIMAL)
    assert not AwardCategory.objects.exists()


def test_the_file_sets_name_slug_description_order_and_focus_area(db):
    load(MINIMAL + AWARDS)
    first, second = AwardCategory.objects.all()
    assert (first.slug, first.description, first.focus_area.number) == (
        "aarets-frivillige",
        "En, der gør en forskel.",
        2,
    )
    assert (second.slug, second.focus_area, second.order) == ("forening", None, 2)


def test_loading_twice_changes_nothing(db):
    load(MINIMAL + AWARDS)
    pks = list(AwardCategory.objects.values_list("pk", flat=True))
    load(MINIMAL + AWARDS)
    assert list(AwardCategory.objects.values_list("pk", flat=True)) == pks


def test_a_removed_award_without_nominations_is_deleted(db):
    load(MINIMAL + AWARDS)
    load(MINIMAL)
    assert not AwardCategory.objects.exists()


def test_a_removed_award_with_nominations_is_closed_and_keeps_its_winners(db):
    load(MINIMAL + AWARDS)
    category = AwardCategory.objects.get(slug="forening")
    factories.nomination(category, is_winner=True, status="shortlisted")
    load(MINIMAL)
    category.refresh_from_db()
    assert not category.is_open
    assert category.nominations.get().is_winner


def test_an_award_naming_a_missing_focus_area_is_refused_with_its_line(db):
    with pytest.raises(datafile.DataFileError, match="der er intet indsatsområde nummer 9") as info:
        load(MINIMAL + AWARDS.replace("focus_area: 2", "focus_area: 9"))
    error = info.value
    assert error.field == "award_categories[1].focus_area"
    assert error.line == MINIMAL.count("\n") + 2
    assert not AwardCategory.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ("slug: forening", "award_categories[2].slug"),
        ("name: Årets Forening", "award_categories[2].name"),
    ],
)
def test_two_awards_cannot_share_a_name_or_slug(change, field):
    duplicate = change.replace("forening", "aarets-frivillige").replace(
        "Årets Forening", "Årets Frivillige"
    )
    with pytest.raises(datafile.DataFileError, match="er brugt to gange") as info:
        datafile.parse(MINIMAL + AWARDS.replace(change, duplicate))
    assert info.value.field == field


def test_an_award_needs_a_name():
    with pytest.raises(datafile.DataFileError, match="må ikke være tom") as info:
        datafile.parse(MINIMAL + AWARDS.replace("name: Årets Forening", "name: ''"))
    assert info.value.field == "award_categories[2].name"


def main_content(html):
    return html[html.index('<main id="main"') : html.index("</main>")]


def test_only_the_focus_area_the_awards_name_links_to_them(client, faaborg):
    recognition = FocusArea.objects.get(title="Anerkendelse")
    html = client.get(recognition.get_absolute_url()).content.decode()
    assert f'href="{reverse("awards")}"' in html
    assert f'href="{reverse("award_nominate")}"' in html
    assert "Årets Ildsjæl" in html
    other = client.get(FocusArea.objects.get(number=1).get_absolute_url()).content.decode()
    # The menu links the awards on every page; the area's own content does not.
    assert f'href="{reverse("awards")}"' not in main_content(other)


def test_a_closed_award_is_linked_without_an_invitation_to_nominate(client, faaborg):
    AwardCategory.objects.update(is_open=False)
    recognition = FocusArea.objects.get(title="Anerkendelse")
    html = client.get(recognition.get_absolute_url()).content.decode()
    assert f'href="{reverse("awards")}"' in html
    assert f'href="{reverse("award_nominate")}"' not in html


def test_toender_links_no_awards_from_any_goal(client, toender):
    for area in FocusArea.objects.all():
        html = client.get(area.get_absolute_url()).content.decode()
        assert reverse("awards") not in main_content(html)
