"""English beside Danish in the data file: `{da: …, en: …}`, a plain text meaning Danish."""

import copy

import pytest
from django.template import Context, Template
from django.utils import translation

from frivillig import datafile
from frivillig.datafile import DataFileError, bilingual
from frivillig.models import AwardCategory, FocusArea, Page
from tests.conftest import DATA_DIR

FAABORG = (DATA_DIR / "faaborg-midtfyn.yaml").read_text(encoding="utf-8")
ABOUT = "    title: {da: Om portalen, en: About the portal}\n"


def test_a_plain_text_is_danish_with_no_english():
    data = datafile.parse(FAABORG)
    rules = next(page for page in data["pages"] if page["slug"] == "spilleregler")
    assert rules["body"].startswith("Spillereglerne gælder")
    assert rules["body"].en == ""


def test_a_text_with_both_languages_keeps_both():
    data = datafile.parse(FAABORG)
    about = next(page for page in data["pages"] if page["slug"] == "om")
    assert (about["title"], about["title"].en) == ("Om portalen", "About the portal")


def test_a_language_other_than_danish_and_english_is_refused():
    with pytest.raises(DataFileError) as caught:
        datafile.parse(FAABORG.replace(ABOUT, "    title: {da: Om portalen, fr: Le portail}\n"))
    assert caught.value.field == "pages[3].title.fr"
    assert caught.value.message == "ukendt felt; tilladte felter er: da, en"


def test_english_without_danish_is_refused():
    with pytest.raises(DataFileError) as caught:
        datafile.parse(FAABORG.replace(ABOUT, "    title: {en: About the portal}\n"))
    assert (caught.value.field, caught.value.message) == ("pages[3].title.da", "skal udfyldes")


def test_a_bilingual_text_survives_a_copy():
    assert copy.deepcopy(bilingual("Hej", "Hello")).en == "Hello"


def test_the_page_shows_the_english_in_english_and_the_danish_otherwise(faaborg):
    about = Page.objects.get(slug="om")
    area = FocusArea.objects.get(number=5)
    template = Template('{% load frivillig %}{{ page|localized:"title" }}/{{ area.title }}')
    context = Context({"page": about, "area": area})
    assert template.render(context) == "Om portalen/Anerkendelse"
    with translation.override("en"):
        assert template.render(context) == "About the portal/Anerkendelse"
        assert area.localized("title") == "Recognition"
        # No English given: the Danish stands.
        assert Page.objects.get(slug="spilleregler").localized("body").startswith("Spillereglerne")


def test_an_award_category_has_its_english_description(faaborg):
    category = AwardCategory.objects.get(name="Årets Ildsjæl")
    with translation.override("en"):
        assert category.localized("description") == (
            "A volunteer who has made a special effort for others during the year."
        )
        assert category.localized("name") == "Årets Ildsjæl"
