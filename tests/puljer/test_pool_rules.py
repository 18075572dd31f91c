"""The portal follows the pool's rules: what is not set does not apply."""

from django.urls import reverse

from puljer import services
from puljer.models import Pool
from tests.puljer.conftest import complete_draft


def test_the_annual_accounts_are_needed_only_where_the_pool_requires_them(club_a, round_18):
    application = complete_draft(club_a, round_18)
    application.attachments.filter(kind="accounts").delete()
    assert services.application_problems(application) == []
    Pool.objects.filter(pk=round_18.pool_id).update(requires_annual_accounts=True)
    application.round.pool.refresh_from_db()
    assert services.application_problems(application) == [
        ("attachments", "Vedhæft foreningens seneste årsregnskab.")
    ]


def test_the_public_page_shows_a_rule_with_its_source_only_when_set(client, round_18):
    html = client.get(reverse("puljer:index")).content.decode()
    assert "Retningslinjer" not in html
    Pool.objects.filter(pk=round_18.pool_id).update(
        requires_repayment=True, rule_sources={"requires_repayment": "Retningslinjer, punkt 7"}
    )
    html = client.get(reverse("puljer:index")).content.decode()
    assert "Retningslinjer, punkt 7" in html
