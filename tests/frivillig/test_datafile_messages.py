"""The data file's errors for a repeated name and an unknown word, word for word."""

import pytest

from frivillig import datafile
from frivillig.datafile import DataFileError
from tests.conftest import DATA_DIR

FAABORG = (DATA_DIR / "faaborg-midtfyn.yaml").read_text(encoding="utf-8")


def _line(text):
    """The line of the file that holds `text` (other work moves the pools up and down)."""
    return FAABORG.splitlines().index(text) + 1


def _error(text):
    with pytest.raises(DataFileError) as caught:
        datafile.parse(text)
    return caught.value


def test_an_unknown_kind_of_pool_names_the_kinds_there_are(db):
    error = _error(FAABORG.replace("  - kind: s79\n", "  - kind: s85\n"))
    assert (error.line, error.field) == (_line("  - kind: s79"), "pools[3].kind")
    assert error.message == "skal være en af: s18, s79, co_creation"


def test_a_partner_named_twice_is_reported_at_the_second(db):
    error = _error(
        FAABORG.replace("    - name: Netværk for Fællesskab\n", "    - name: Socialudvalget\n")
    )
    assert (error.line, error.field) == (
        _line("    - name: Netværk for Fællesskab"),
        "group_meetings.partners[2].name",
    )
    assert error.message == "“Socialudvalget” er brugt to gange"
