"""A board member logs in with MitID Erhverv through the local test identity provider, becomes
a member of the association with their CVR number, and logs out at both ends."""

import pytest
from django.urls import reverse

from foreninger.models import Membership
from tests import factories
from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.browser


def test_a_board_member_logs_in_with_mitid_and_acts_for_the_association(
    live_server, transactional_db, browser, page
):
    portal = live_server.url
    factories.association(name="Testforeningen Sammen", cvr="12345674")

    page.goto(portal + reverse("login"))
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.locator(f"main a[href^='{reverse('saml2_login')}']").click()
    assert page.url.startswith(portal + reverse("test_idp_sso"))
    assert axe_violations(page) == []

    # The test IdP's answer is posted to the portal by its script, as NemLog-in's is.
    with page.expect_navigation(url=portal + reverse("foreninger:dashboard")):
        page.locator("button[value=formand]").click()
    assert page.locator("main h2").first.inner_text() == "Testforeningen Sammen"
    assert Membership.objects.get().user.email == "freja.formand@example.org"

    with page.expect_navigation(url=portal + reverse("home")):
        page.locator(f"form[action='{reverse('logout')}'] button").click()
    assert page.locator(f"a[href='{reverse('login')}']").first.is_visible()
