"""The §18 amount is split into the co-creation pool and ordinary §18 without losing a krone."""

import pytest
from django.db import IntegrityError, transaction
from hypothesis import given
from hypothesis import strategies as st

from frivillig import datafile
from frivillig.datafile import municipality_load
from puljer.models import Pool
from puljer.services import ApplicationError, pool_budgets_set, pool_split
from tests import factories
from tests.conftest import DATA_DIR
from tests.puljer.conftest import open_round, pool, submitted


def test_the_faaborg_split_is_190_000_and_1_710_000():
    assert pool_split(total=1_900_000, percent=10) == (190_000, 1_710_000)


def test_an_odd_amount_still_adds_up():
    share, rest = pool_split(total=1_900_005, percent=10)
    assert (share, rest) == (190_000, 1_710_005)
    assert share + rest == 1_900_005


@given(
    total=st.integers(min_value=0, max_value=10**12),
    percent=st.decimals(min_value=0, max_value=100, places=2),
)
def test_the_parts_always_add_up_and_the_share_never_exceeds_the_percentage(total, percent):
    share, rest = pool_split(total=total, percent=percent)
    assert share + rest == total
    assert 0 <= share <= total * percent / 100


def test_loading_the_data_file_sets_this_years_budgets(faaborg):
    assert pool(Pool.Kind.SECTION_18).budget == 1_710_000
    assert pool(Pool.Kind.SECTION_18).section_18_total == 1_900_000
    assert pool(Pool.Kind.CO_CREATION).budget == 190_000
    assert pool(Pool.Kind.SECTION_79).budget == 200_000


def test_loading_the_data_file_twice_changes_nothing(faaborg):
    before = list(Pool.objects.values())
    municipality_load(data=datafile.read(DATA_DIR / "faaborg-midtfyn.yaml"))
    assert list(Pool.objects.values()) == before


def test_tonder_has_one_pool_whose_amount_is_not_set(toender):
    [only] = Pool.objects.all()
    assert only.kind == Pool.Kind.SECTION_18
    assert only.budget is None


def test_a_new_amount_recomputes_both_pools(faaborg):
    pool_budgets_set(year=pool().year, section_18_total=2_000_000, share_percent=15)
    assert pool(Pool.Kind.CO_CREATION).budget == 300_000
    assert pool(Pool.Kind.SECTION_18).budget == 1_700_000


def test_a_budget_cannot_drop_below_what_is_already_granted(faaborg):
    club = factories.association()
    submitted(
        club, open_round(), status="granted", amount_applied=1_000_000, amount_granted=1_000_000
    )
    with pytest.raises(ApplicationError, match="budgettet kan ikke være lavere"):
        pool_budgets_set(year=pool().year, section_18_total=900_000, share_percent=10)
    assert pool().budget == 1_710_000


def test_a_pool_kind_may_appear_only_once_in_a_data_file():
    text = (DATA_DIR / "faaborg-midtfyn.yaml").read_text()
    twice = "pools:\n  - kind: s79\n    name: Dobbelt\n    legal_basis: x\n    description: x\n"
    with pytest.raises(
        datafile.DataFileError, match="hver slags må kun forekomme én gang"
    ) as error:
        datafile.parse(text.replace("pools:\n", twice, 1))
    assert error.value.field.endswith(".kind")


def test_the_database_keeps_the_share_and_the_whole_amount_on_their_own_pools(faaborg):
    with (
        pytest.raises(IntegrityError, match="pool_share_only_on_co_creation"),
        transaction.atomic(),
    ):
        Pool.objects.filter(kind=Pool.Kind.SECTION_79).update(share_percent=10)
    with (
        pytest.raises(IntegrityError, match="pool_section_18_total_only_on_s18"),
        transaction.atomic(),
    ):
        Pool.objects.filter(kind=Pool.Kind.CO_CREATION).update(section_18_total=1)
