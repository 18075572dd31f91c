"""The consultant's lists of sign-ups and recurring events (moved from the group's admin)."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("model", ["recurringevent", "eventregistration"])
def test_the_consultant_opens_the_list_of_sign_ups_and_recurring_events(
    client, consultant, faaborg, model
):
    client.force_login(consultant)
    assert client.get(reverse(f"admin:arrangementer_{model}_changelist")).status_code == 200


def test_the_consultant_adds_a_recurring_event(client, consultant, faaborg):
    client.force_login(consultant)
    assert client.get(reverse("admin:arrangementer_recurringevent_add")).status_code == 200
