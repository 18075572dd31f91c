"""The consultant's workbench in the admin: lists, decisions, notes, overview and exports."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from puljer.models import Pool, Status
from tests import factories
from tests.puljer.conftest import open_round, submitted


@pytest.fixture
def admin_client(client, consultant):
    client.force_login(consultant)
    return client


def test_the_consultant_decides_in_part_with_a_reason_in_the_admin(admin_client, club_a, round_18):
    application = submitted(club_a, round_18, amount_applied=10000)
    url = reverse("admin:puljer_application_decide", args=[application.pk])
    response = admin_client.post(url, {"amount": "6000", "reason": ""})
    assert "kræver en skriftlig begrundelse" in response.content.decode()
    admin_client.post(url, {"amount": "6000", "reason": "Mange ansøgere."})
    application.refresh_from_db()
    assert application.status == Status.PARTIALLY_GRANTED


def test_an_internal_note_goes_into_the_timeline(admin_client, club_a, round_18):
    application = submitted(club_a, round_18)
    admin_client.post(
        reverse("admin:puljer_application_note", args=[application.pk]), {"note": "Ring dem op."}
    )
    assert application.events.get(internal=True).note == "Ring dem op."


def test_the_status_and_amounts_cannot_be_edited_directly(admin_client, club_a, round_18):
    application = submitted(club_a, round_18)
    html = admin_client.get(
        reverse("admin:puljer_application_change", args=[application.pk])
    ).content.decode()
    for field in ("status", "amount_granted", "amount_applied"):
        assert f'name="{field}"' not in html
    assert 'name="recommended_amount"' in html


def test_the_workbench_list_runs_the_same_queries_for_few_and_many(
    admin_client, faaborg, round_18, django_assert_max_num_queries
):
    url = reverse("admin:puljer_application_changelist")
    submitted(factories.association(), round_18)
    with django_assert_max_num_queries(100) as few:
        admin_client.get(url)
    for _ in range(20):
        submitted(factories.association(), round_18)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert admin_client.get(url).status_code == 200


def test_the_pool_overview_exports_csv_and_xlsx(admin_client, club_a, faaborg):
    round_ = open_round(Pool.Kind.CO_CREATION)
    submitted(club_a, round_, status=Status.GRANTED, amount_applied=50000, amount_granted=50000)
    submitted(club_a, round_, amount_applied=7000)
    html = admin_client.get(reverse("admin:puljer_pool_overview")).content.decode()
    assert "140.000 kr." in html and "7.000 kr." in html
    csv_text = admin_client.get(
        reverse("admin:puljer_pool_overview_export", args=["csv"])
    ).content.decode("utf-8-sig")
    year = round_.pool.year
    assert f'<td>{year}</td><th scope="row">Samskabelsespuljen</th>' in html
    assert f"{year};Samskabelsespuljen;;190000;50000;140000;7000" in csv_text
    response = admin_client.get(reverse("admin:puljer_pool_overview_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert [year, "Samskabelsespuljen", None, 190000, 50000, 140000, 7000] in rows


def test_the_recommendation_list_sums_the_round(admin_client, club_a, club_b, round_18):
    submitted(club_a, round_18, amount_applied=10000, recommended_amount=8000)
    submitted(club_b, round_18, amount_applied=5000, recommended_amount=5000)
    html = admin_client.get(
        reverse("admin:puljer_round_recommendation", args=[round_18.pk])
    ).content.decode()
    assert "15.000 kr." in html and "13.000 kr." in html


def test_a_split_below_what_is_granted_is_refused_on_the_form_and_nothing_is_saved(
    admin_client, club_a, faaborg
):
    co_creation = open_round(Pool.Kind.CO_CREATION)
    submitted(
        club_a, co_creation, status=Status.GRANTED, amount_applied=150000, amount_granted=150000
    )
    pool = co_creation.pool
    url = reverse("admin:puljer_pool_change", args=[pool.pk])
    data = {
        name: value
        for name, value in admin_client.get(url).context["adminform"].form.initial.items()
        if value is not None
    }
    response = admin_client.post(url, {**data, "share_percent": "5"})
    assert "150.000 kr." in response.content.decode()
    pool.refresh_from_db()
    assert pool.share_percent == 10 and pool.budget == 190000
    admin_client.post(url, {**data, "share_percent": "9"})
    pool.refresh_from_db()
    assert pool.budget == 171000
    assert Pool.objects.get(year=pool.year, kind=Pool.Kind.SECTION_18).budget == 1729000
