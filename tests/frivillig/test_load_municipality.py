import io
import textwrap

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.utils import translation

from frivillig import datafile
from frivillig.datafile import municipality_load
from frivillig.models import ExampleInitiative, FocusArea, Municipality, Page, Region, TargetGroup
from tests import factories
from tests.conftest import DATA_DIR

MINIMAL = textwrap.dedent(
    """\
    municipality:
      name: Prøvekommune
      email: frivillig@example.com
      group_name: Frivillighedsrådet
      group_description: Rådet mødes.
      focus_area_label: målsætning
      focus_area_label_plural: målsætninger
      strategy_title: En god kommune
      strategy_summary: Kort om strategien.
    focus_areas:
      - number: 1
        title: Første mål
        goal: Et mål.
        text: En tekst.
        examples: [Et eksempel]
      - number: 2
        title: Andet mål
        goal: Et andet mål.
        text: En anden tekst.
    target_groups:
      - name: Ældre
    """
)


def error_for(text):
    with pytest.raises(datafile.DataFileError) as info:
        datafile.parse(text)
    return info.value


def counts():
    return [
        model.objects.count()
        for model in (Municipality, FocusArea, ExampleInitiative, Region, TargetGroup, Page)
    ]


def test_it_loads_the_faaborg_midtfyn_file_with_the_real_texts(faaborg):
    municipality = Municipality.objects.get()
    assert municipality.name == "Faaborg-Midtfyn Kommune"
    assert municipality.group_name == "Frivillig Social Følgegruppe"
    assert [a.title for a in FocusArea.objects.all()] == [
        "Øget mangfoldighed",
        "Respekt og tillid",
        "Gensidigt kendskab",
        "Nye idéer – nye veje",
        "Anerkendelse",
    ]
    assert all(area.examples.exists() for area in FocusArea.objects.all())
    assert list(Region.objects.values_list("name", flat=True)) == [
        "Faaborgegnen",
        "Ringeegnen",
        "Forstadsbåndet",
    ]
    assert "Vi vil invitere til fællesskab" in Region.objects.get(name="Forstadsbåndet").value_list
    assert TargetGroup.objects.count() == 5
    assert "børneattest" in Page.objects.get(slug="spilleregler").body


def test_it_loads_the_same_file_twice_without_duplicates(faaborg):
    before = counts()
    municipality_load(data=datafile.read(DATA_DIR / "faaborg-midtfyn.yaml"))
    assert counts() == before


def test_it_makes_the_database_match_a_different_file(faaborg):
    municipality_load(data=datafile.parse(MINIMAL))
    assert Municipality.objects.get().name == "Prøvekommune"
    assert list(FocusArea.objects.values_list("number", "slug")) == [
        (1, "foerste-maal"),
        (2, "andet-maal"),
    ]
    assert not Region.objects.exists()
    assert list(TargetGroup.objects.values_list("slug", flat=True)) == ["aeldre"]
    assert not Page.objects.exists()


def test_it_renumbers_focus_areas_without_colliding(db):
    municipality_load(data=datafile.parse(MINIMAL))
    swapped = MINIMAL.replace("number: 1", "number: X").replace("number: 2", "number: 1")
    municipality_load(data=datafile.parse(swapped.replace("number: X", "number: 2")))
    assert list(FocusArea.objects.values_list("number", "title")) == [
        (1, "Andet mål"),
        (2, "Første mål"),
    ]


def test_the_command_reports_success(db, capsys):
    call_command("load_municipality", str(DATA_DIR / "faaborg-midtfyn.yaml"))
    assert "Faaborg-Midtfyn Kommune: 5 focus areas" in capsys.readouterr().out


def test_the_command_names_file_line_and_field_of_an_error(db, tmp_path):
    path = tmp_path / "kommune.yaml"
    path.write_text(MINIMAL.replace("email: frivillig@example.com", "email: ikke-en-adresse"))
    with translation.override("en"), pytest.raises(CommandError) as info:
        call_command("load_municipality", str(path))
    message = str(info.value)
    assert message.startswith(f"{path}, line 3, field “municipality.email”: ")
    assert not Municipality.objects.exists()


def test_the_command_explains_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("load_municipality", str(tmp_path / "findes-ikke.yaml"))


def test_an_unknown_field_is_named_with_its_line():
    error = error_for(MINIMAL.replace("  name: Prøvekommune", "  name: Prøvekommune\n  mayor: X"))
    assert (error.line, error.field) == (3, "municipality.mayor")
    assert "group_name" in error.message


def test_a_missing_required_field_is_named():
    error = error_for(MINIMAL.replace("  strategy_title: En god kommune\n", ""))
    assert error.field == "municipality.strategy_title"


def test_an_empty_required_text_is_refused():
    error = error_for(MINIMAL.replace("title: Første mål", 'title: ""'))
    assert (error.line, error.field) == (12, "focus_areas[1].title")


def test_focus_area_numbers_must_run_without_gaps():
    error = error_for(MINIMAL.replace("number: 2", "number: 3"))
    assert error.field == "focus_areas"


def test_a_number_must_be_a_number():
    error = error_for(MINIMAL.replace("number: 2", "number: to"))
    assert (error.line, error.field) == (16, "focus_areas[2].number")


def test_a_repeated_slug_is_refused():
    error = error_for(MINIMAL.replace("title: Andet mål", "title: Første mål"))
    assert error.field == "focus_areas[2].slug"


def test_a_page_slug_must_be_a_slug():
    error = error_for(MINIMAL + "pages:\n  - slug: Om Os\n    title: Om\n    body: Tekst\n")
    assert (error.line, error.field) == (23, "pages[1].slug")


def test_the_cvr_number_and_360giving_prefix_are_checked_and_loaded(db):
    named = "  name: Prøvekommune\n  cvr: {cvr}\n  threesixtygiving_prefix: {prefix}"
    for cvr, prefix, field in [
        ('"1234"', "provekommune", "municipality.cvr"),
        ('"29189129"', "Prøve Kommune", "municipality.threesixtygiving_prefix"),
    ]:
        text = MINIMAL.replace("  name: Prøvekommune", named.format(cvr=cvr, prefix=prefix))
        assert error_for(text).field == field
    text = MINIMAL.replace("  name: Prøvekommune", named.format(cvr='"29189129"', prefix="pk"))
    municipality_load(data=datafile.parse(text))
    assert Municipality.objects.values_list("cvr", "threesixtygiving_prefix").get() == (
        "29189129",
        "pk",
    )


def test_the_database_refuses_a_cvr_number_that_is_not_eight_digits(faaborg):
    with pytest.raises(IntegrityError, match="municipality_cvr_eight_digits"):
        Municipality.objects.update(cvr="1234567")


def test_a_yaml_syntax_error_has_a_line():
    error = error_for(MINIMAL + "pages: [\n")
    assert error.line >= 22


def test_a_json_file_is_accepted():
    data = datafile.parse(
        '{"municipality": {"name": "K", "group_name": "R", "group_description": "D",'
        ' "focus_area_label": "mål", "focus_area_label_plural": "mål", "strategy_title": "S",'
        ' "strategy_summary": "S"}, "focus_areas": [{"number": 1, "title": "T", "goal": "G",'
        ' "text": "T"}], "target_groups": [{"name": "Alle"}]}'
    )
    assert data["focus_areas"][0]["slug"] == "t"


def test_removing_an_egn_that_activities_use_is_refused_with_a_clear_message(faaborg, tmp_path):
    association = factories.association()
    factories.activity(association, region=Region.objects.get(slug="ringeegnen"))
    text = (DATA_DIR / "faaborg-midtfyn.yaml").read_text()
    start = text.index("  - name: Ringeegnen")
    end = text.index("  - name:", start + 1)
    path = tmp_path / "uden-ringe.yaml"
    path.write_text(text[:start] + text[end:])
    with pytest.raises(CommandError, match="still in use"):
        call_command("load_municipality", str(path), stdout=io.StringIO())
    assert Region.objects.filter(slug="ringeegnen").exists()
