"""The lifecycle is one transition table: every illegal step raises, none passes silently."""

import pytest

from puljer.models import Status
from puljer.workflow import TRANSITIONS, ApplicationError, next_status


@pytest.mark.parametrize("action", sorted(TRANSITIONS))
@pytest.mark.parametrize("status", Status.values)
def test_each_action_is_allowed_exactly_from_its_listed_statuses(action, status):
    sources, target, _label = TRANSITIONS[action]
    if status in sources:
        assert next_status(status, action) == target
    else:
        with pytest.raises(ApplicationError):
            next_status(status, action)


def test_a_decided_application_cannot_be_withdrawn_or_decided_again():
    for status in (Status.GRANTED, Status.DECLINED, Status.PARTIALLY_GRANTED):
        for action in ("withdraw", "grant", "decline", "submit"):
            with pytest.raises(ApplicationError):
                next_status(status, action)


def test_the_report_cycle_runs_from_grant_to_approval():
    status = Status.GRANTED
    for action in (
        "open_report",
        "submit_report",
        "return_report",
        "submit_report",
        "approve_report",
    ):
        status = next_status(status, action)
    assert status == Status.REPORT_APPROVED
