"""The core's demo is Faaborg-Midtfyn's: another municipality gets none of it.

Apart from tests/frivillig/test_core_demo.py, whose tests share one seeded database.
"""

from frivillig import demo
from tests.frivillig.test_core_demo import snapshot


def test_another_municipality_is_skipped_with_a_reason(toender):
    before = snapshot()
    assert "skipped" in demo.seed()
    assert snapshot() == before
