"""No pool's budget can go below what it has already granted: not on the admin form, not in
the services, not in the database."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from puljer import services
from puljer.models import Pool, Status
from puljer.workflow import ApplicationError
from tests import factories
from tests.puljer.conftest import open_round, submitted


@pytest.fixture
def granted_79(club_a):
    """The §79 pool (budget 200.000 kr.) with 150.000 kr. granted."""
    round_ = open_round(Pool.Kind.SECTION_79)
    submitted(club_a, round_, status=Status.GRANTED, amount_applied=150000, amount_granted=150000)
    return round_.pool


def _form_data(client, url):
    form = client.get(url).context["adminform"].form
    return {name: value for name, value in form.initial.items() if value is not None}


def test_the_admin_refuses_a_79_budget_below_what_is_granted(client, consultant, granted_79):
    factories.login_verified(client, consultant)
    url = reverse("admin:puljer_pool_change", args=[granted_79.pk])
    response = client.post(url, {**_form_data(client, url), "budget": "100000"})
    assert response.status_code == 200
    assert "150.000 kr." in response.content.decode()
    granted_79.refresh_from_db()
    assert granted_79.budget == 200000


def test_the_admin_accepts_a_79_budget_equal_to_what_is_granted(client, consultant, granted_79):
    factories.login_verified(client, consultant)
    url = reverse("admin:puljer_pool_change", args=[granted_79.pk])
    response = client.post(url, {**_form_data(client, url), "budget": "150000"})
    assert response.status_code == 302
    granted_79.refresh_from_db()
    assert granted_79.budget == 150000


@pytest.mark.parametrize("budget", [149999, None])
def test_the_database_refuses_a_budget_below_what_is_granted(granted_79, budget):
    with pytest.raises(IntegrityError, match="pool_budget_covers_granted"):
        Pool.objects.filter(pk=granted_79.pk).update(budget=budget)


def test_the_database_accepts_any_budget_while_nothing_is_granted(faaborg):
    pool = Pool.objects.get(kind=Pool.Kind.SECTION_79)
    Pool.objects.filter(pk=pool.pk).update(budget=None)
    Pool.objects.filter(pk=pool.pk).update(budget=1)
    pool.refresh_from_db()
    assert pool.budget == 1


def test_the_service_refuses_a_section_18_split_below_what_is_granted(club_a):
    round_ = open_round(Pool.Kind.SECTION_18)
    submitted(club_a, round_, status=Status.GRANTED, amount_applied=1000000, amount_granted=1000000)
    with pytest.raises(ApplicationError, match=r"har allerede bevilget 1\.000\.000 kr\."):
        services.pool_budgets_set(year=round_.pool.year, section_18_total=1000000, share_percent=10)
