"""The demo associations are Faaborg-Midtfyn's: another municipality gets none.

Apart from tests/foreninger/test_demo.py, whose tests share one seeded database.
"""

from foreninger import demo
from foreninger.models import Association
from frivillig.models import User


def test_the_seed_skips_when_another_municipality_is_loaded(toender):
    assert "skipped" in demo.seed()
    assert not Association.objects.exists()
    assert not User.objects.filter(email="forening@example.org").exists()
