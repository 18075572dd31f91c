import datetime

import pytest

from frivillig.workdays import easter_sunday, working_day_on_or_after

D = datetime.date


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2019, D(2019, 4, 21)),
        (2024, D(2024, 3, 31)),
        (2025, D(2025, 4, 20)),
        (2027, D(2027, 3, 28)),
    ],
)
def test_easter_sunday(year, easter):
    assert easter_sunday(year) == easter


@pytest.mark.parametrize(
    ("deadline", "moved_to"),
    [
        (D(2026, 12, 2), D(2026, 12, 2)),  # a Wednesday stays
        (D(2026, 12, 5), D(2026, 12, 7)),  # Saturday → Monday
        (D(2026, 12, 24), D(2026, 12, 24)),  # Christmas Eve is no public holiday
        (D(2026, 12, 25), D(2026, 12, 28)),  # Christmas Day, Boxing Day, Sunday
        (D(2027, 1, 1), D(2027, 1, 4)),  # New Year's Day (a Friday), then the weekend
        (D(2026, 4, 2), D(2026, 4, 7)),  # Maundy Thursday → the Tuesday after Easter Monday
        (D(2026, 5, 14), D(2026, 5, 15)),  # Ascension Day
        (D(2026, 5, 25), D(2026, 5, 26)),  # Whit Monday
        (D(2023, 5, 5), D(2023, 5, 8)),  # Store bededag 2023, then the weekend
        (D(2026, 5, 1), D(2026, 5, 1)),  # Store bededag's Friday in 2026 is a working day
        (D(2026, 6, 5), D(2026, 6, 5)),  # Constitution Day is no public holiday
    ],
)
def test_a_deadline_moves_to_the_next_working_day(deadline, moved_to):
    assert working_day_on_or_after(deadline) == moved_to
