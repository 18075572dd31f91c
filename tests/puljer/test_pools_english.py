"""The pools in English: the data file's English names, descriptions and criteria in English
mode; the legal basis, the deciding committee and the rules' sources stay Danish inside
lang="da", as does any text the file gives no English for."""

from django.conf import settings
from django.urls import reverse

from puljer.demo import _example_rules_add
from puljer.models import Pool, Status
from tests import factories
from tests.puljer.conftest import open_round, submitted

INDEX = reverse("puljer:index")


def visit(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(url).content.decode()
    return page[page.index("<main") : page.index("</main>")]


def test_the_data_file_gives_the_pools_english_beside_the_danish(faaborg):
    pool = Pool.objects.get(kind=Pool.Kind.CO_CREATION)
    assert (pool.name, pool.name_en) == ("Samskabelsespuljen", "Co-creation Pool")
    assert pool.criteria_en == (
        "- The activity supports at least one of the strategy's focus areas.\n"
        "- The activity is a new form of cooperation between the association and the "
        "municipality."
    )
    assert pool.legal_basis == "Serviceloven § 18"


def test_the_pools_page_in_english(client, faaborg):
    page = visit(client, INDEX, "en")
    assert "of which 10 % – 190,000 kr. – goes to the Co-creation Pool." in page
    assert '<h2 id="pool-' in page and '">§18 Pool</h2>' in page
    assert (
        "<div><p>Grants for running open social events aimed at citizens over 65 who need "
        "social contact.</p></div>"
    ) in page
    assert "<li>The grant goes to running open social events.</li>" in page
    assert '<span lang="da">Serviceloven § 79</span> · Budget' in page
    assert '<p><span lang="da">Socialudvalget</span> decides on the applications.</p>' in page


def test_a_pool_without_english_shows_its_danish_inside_lang_da(client, faaborg):
    Pool.objects.filter(kind=Pool.Kind.SECTION_79).update(
        name_en="", description_en="", criteria_en=""
    )
    page = visit(client, INDEX, "en")
    assert '" lang="da">§79-puljen</h2>' in page
    assert '<div lang="da"><p>Tilskud til drift af åbne sociale arrangementer' in page
    assert '<div lang="da"><ul><li>Tilskuddet går til drift af åbne sociale' in page


def test_the_pools_page_in_danish_marks_nothing(client, faaborg):
    page = visit(client, INDEX, "da")
    assert "heraf går 10 % – 190.000 kr. – til Samskabelsespuljen." in page
    assert '">§18-puljen</h2>' in page
    assert "<p>Socialudvalget træffer afgørelse om ansøgningerne.</p>" in page
    assert 'lang="da"' not in page


def test_the_year_page_names_the_pools_and_focus_areas_in_english(
    client, faaborg, first_focus_area
):
    round_ = open_round(Pool.Kind.CO_CREATION)
    club = factories.association(name="Samskaberne")
    submitted(
        club,
        round_,
        status=Status.GRANTED,
        amount_applied=20_000,
        amount_granted=20_000,
        focus_areas=[first_focus_area],
    )
    page = visit(client, reverse("puljer:year", args=[round_.pool.year]), "en")
    assert (
        '<th scope="row">Co-creation Pool<br><span class="small fw-normal '
        'text-body-secondary" lang="da">Serviceloven § 18</span></th>'
    ) in page
    assert '<p class="mb-1">§79 Pool: 0 kr. of 200,000 kr.</p>' in page
    assert "<td>Co-creation Pool</td>" in page
    assert f'<a href="{first_focus_area.get_absolute_url()}">Greater diversity</a>' in page


def test_the_application_form_names_and_describes_its_pool_in_english(client, club_a, alice):
    round_ = open_round(Pool.Kind.SECTION_79)
    client.force_login(alice)
    page = visit(client, reverse("puljer:application_start", args=[club_a.pk, round_.pk]), "en")
    assert "<h1>Application to §79 Pool</h1>" in page
    assert "<div><ul><li>The grant goes to running open social events.</li>" in page


def test_the_demo_s_danish_example_criteria_turn_the_criteria_danish_in_english_mode(
    client, faaborg
):
    _example_rules_add(Pool.objects.get(kind=Pool.Kind.SECTION_79).year)
    page = visit(client, INDEX, "en")
    assert (
        '<div lang="da"><ul><li>Tilskuddet går til drift af åbne sociale arrangementer.</li>'
    ) in page
    assert "<li>Aktiviteten foregår i kommunen. (Eksempelregel – demo.)</li>" in page
