"""The lifecycle is one transition table: every illegal step raises, none passes silently."""

import pytest

from puljer.models import Status
from puljer.workflow import TRANSITIONS, ApplicationError, next_status

STATUSES = [
    "draft",
    "submitted",
    "under_review",
    "granted",
    "partially_granted",
    "declined",
    "withdrawn",
    "report_due",
    "reported",
    "report_approved",
]

# action: {status it may start from: status it leads to}; every other start is refused.
EXPECTED = {
    "submit": {"draft": "submitted"},
    "withdraw": {"submitted": "withdrawn", "under_review": "withdrawn"},
    "review": {"submitted": "under_review"},
    "grant": {"submitted": "granted", "under_review": "granted"},
    "grant_partly": {"submitted": "partially_granted", "under_review": "partially_granted"},
    "decline": {"submitted": "declined", "under_review": "declined"},
    "open_report": {"granted": "report_due", "partially_granted": "report_due"},
    "submit_report": {
        "granted": "reported",
        "partially_granted": "reported",
        "report_due": "reported",
    },
    "approve_report": {"reported": "report_approved"},
    "return_report": {"reported": "report_due"},
}

# The refusal names the status in Danish, as the page shows it.
LABELS = {
    "draft": "Kladde",
    "submitted": "Indsendt",
    "under_review": "Under behandling",
    "granted": "Bevilget",
    "partially_granted": "Delvist bevilget",
    "declined": "Afslået",
    "withdrawn": "Trukket tilbage",
    "report_due": "Afrapportering afventes",
    "reported": "Afrapporteret",
    "report_approved": "Afrapportering godkendt",
}


def test_the_table_has_exactly_the_expected_actions_and_statuses():
    assert sorted(TRANSITIONS) == sorted(EXPECTED)
    assert Status.values == STATUSES


@pytest.mark.parametrize(
    ("action", "status", "target"),
    [
        (action, status, target)
        for action, moves in EXPECTED.items()
        for status, target in moves.items()
    ],
)
def test_each_listed_step_leads_to_its_status(action, status, target):
    assert next_status(status, action) == target


@pytest.mark.parametrize(
    ("action", "status"),
    [
        (action, status)
        for action, moves in EXPECTED.items()
        for status in STATUSES
        if status not in moves
    ],
)
def test_each_unlisted_step_is_refused_naming_the_status(action, status):
    with pytest.raises(ApplicationError, match=f"der er “{LABELS[status]}”"):
        next_status(status, action)


def test_a_decided_application_cannot_be_withdrawn_or_decided_again():
    for status, label in (
        (Status.GRANTED, "Bevilget"),
        (Status.DECLINED, "Afslået"),
        (Status.PARTIALLY_GRANTED, "Delvist bevilget"),
    ):
        for action in ("withdraw", "grant", "decline", "submit"):
            with pytest.raises(ApplicationError, match=f"“{label}”"):
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
