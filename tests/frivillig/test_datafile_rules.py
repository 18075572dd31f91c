"""Every rule in a data file names its source; a rule left out does not apply."""

import pytest
from django.utils import timezone

from frivillig import datafile
from frivillig.datafile import DataFileError, municipality_load
from puljer.models import Pool
from tests.conftest import DATA_DIR

FAABORG = (DATA_DIR / "faaborg-midtfyn.yaml").read_text(encoding="utf-8")
S18_CRITERION = (
    "      - text:\n"
    "          da: Ansøgeren er en frivillig social forening, organisation eller netværksgruppe.\n"
    "          en: The applicant is a voluntary social association, organisation or network"
    " group.\n"
    "        source: 001 strategi, Organisation og Økonomi\n"
)
S18_KIND = "  - kind: s18\n"


def _refused(text):
    with pytest.raises(DataFileError) as caught:
        datafile.parse(text)
    return caught.value.field, caught.value.message


@pytest.mark.parametrize(
    "name", ["data/faaborg-midtfyn", "data/toender", "data/syddjurs", "data/soenderborg"]
)
def test_the_four_data_files_load(db, name):
    municipality_load(data=datafile.read(DATA_DIR.parent / f"{name}.yaml"))


def test_a_criterion_without_a_source_is_refused():
    assert S18_CRITERION in FAABORG
    text = FAABORG.replace(S18_CRITERION, "".join(S18_CRITERION.splitlines(keepends=True)[:3]))
    field, message = _refused(text)
    assert field == "pools[1].criteria[1].source"
    assert message.endswith("“001 strategi, §18-puljen”")


def test_a_report_deadline_without_a_source_is_refused():
    text = FAABORG.replace(S18_KIND, S18_KIND + "    report_months: {months: 3}\n")
    assert _refused(text)[0] == "pools[1].report_months.source"


def test_a_source_must_name_the_document_and_the_section():
    text = FAABORG.replace(
        S18_KIND, S18_KIND + "    report_months: {months: 3, source: strategien}\n"
    )
    field, message = _refused(text)
    assert field == "pools[1].report_months.source"
    assert message.endswith("“001 strategi, §18-puljen”")


def test_rules_with_a_source_are_loaded_with_it(db):
    text = FAABORG.replace(
        S18_KIND,
        S18_KIND
        + "    report_months: {months: 2, source: 'Retningslinjer for §18, punkt 4'}\n"
        + "    requires_annual_accounts: {source: 'Retningslinjer for §18, punkt 2'}\n",
    )
    municipality_load(data=datafile.parse(text))
    pool = Pool.objects.get(year=timezone.localdate().year, kind="s18")
    assert (pool.report_months, pool.requires_annual_accounts) == (2, True)
    assert pool.rule_sources == {
        "report_months": "Retningslinjer for §18, punkt 4",
        "requires_annual_accounts": "Retningslinjer for §18, punkt 2",
    }


def test_faaborg_midtfyns_pools_have_only_the_rules_its_strategy_gives(faaborg):
    pool = Pool.objects.get(year=timezone.localdate().year, kind="s18")
    assert pool.criteria == (
        "- Ansøgeren er en frivillig social forening, organisation eller netværksgruppe.\n"
        "- Aktiviteterne er målrettet socialt vanskeligt stillede borgere med et særligt behov "
        "for hjælp og støtte."
    )
    assert (
        pool.requires_annual_accounts,
        pool.forbids_double_funding,
        pool.requires_repayment,
        pool.declaration_limit,
        pool.audit_limit,
        pool.report_months,
    ) == (False, False, False, None, None, None)
    assert pool.rules() == []
